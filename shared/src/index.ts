// API contract (owned with the BFF)
export * from './errors';
export * from './api/answers';
export * from './api/enterprise';
export * from './api/admin';
export * from './api/dashboard';
export * from './api/staff';

// Domain core (questionnaire, scoring, rules, data) — exports added below
export * from './questionnaire/schema';
export * from './questionnaire/load';
export { questionTypeLabels } from './questionnaire/labels';
export { defaultQuestionnaire } from './questionnaire/default';
export { sampleAnswers } from './questionnaire/sample';
export * from './scoring/score';
export * from './scoring/validate';
export { visibleQuestionIds, answerState, type AnswerState } from './scoring/questionVisibility';
export * from './scoring/summary';
export { roundHalfUp } from './scoring/round';
export * from './rules/tracks';
export * from './rules/window';
export * from './rules/tiers';
export * from './data/regions';
export * from './data/cities';
export * from './data/quotas';
export * from './uscc';
export * from './receipt';
export * from './rules/integrity';
export * from './rules/recommendation';
export * from './rules/review';
export * from './rules/eligibility';
export * from './rules/consistency';
export * from './rules/answerPrint';
export * from './rules/resultsVisibility';
export * from './rules/draft';
