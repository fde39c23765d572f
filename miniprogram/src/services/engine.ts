/**
 * The shared domain core, as the mini-program uses it: loading a definition, visibility,
 * validation and the score preview all run the same code as the BFF (shared/src), so the preview
 * and the inline messages agree with what the server will decide.
 */
export {
  loadQuestionnaire,
  score,
  validateAnswers,
  visibleQuestionIds,
  campaignState,
  verifyReceipt,
  checkReceiptFile,
  validateUscc,
  resultTierLabels,
  trackLabels,
  passLineLabels,
  answerProgress,
  questionIssueSummary,
  consistencyWarnings,
  consistencyFactIds,
  numericFacts,
} from '@assess/shared';
export type { Questionnaire, Question, QuestionnaireDefinition, ScoreResult } from '@assess/shared';
