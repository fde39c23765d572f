/**
 * Micro-benchmark of the shared engine's hot path (not a test): the BFF scores and validates
 * every submit, the mini-program on every answer change. Target: well under 1 ms per
 * score + validate of a ~100-answer set.
 *
 *   npx tsx scripts/bench-shared.ts [iterations]
 */
import { performance } from 'node:perf_hooks';
import {
  defaultQuestionnaire,
  loadQuestionnaire,
  receiptChecksum,
  sampleAnswers,
  score,
  validateAnswers,
  visibleQuestionIds,
} from '@assess/shared';

const iterations = Number(process.argv[2] ?? 20_000);

function time(label: string, runs: number, body: () => unknown): number {
  for (let i = 0; i < Math.min(runs, 2_000); i++) body(); // warm up the JIT
  const start = performance.now();
  for (let i = 0; i < runs; i++) body();
  const perCall = ((performance.now() - start) * 1000) / runs;
  console.log(`${label.padEnd(44)} ${perCall.toFixed(1).padStart(8)} µs/call  (${runs} runs)`);
  return perCall;
}

const loadStart = performance.now();
const q = loadQuestionnaire(defaultQuestionnaire);
const firstLoadMs = performance.now() - loadStart;

// A complete, realistic answer set: every question answered, the overseas block open.
const answers = { ...sampleAnswers(q, 0.7), overseas_business: true };
const scored = score(q, answers);
const issues = validateAnswers(q, answers, 'submit');

console.log(`questionnaire ${q.ref}: ${q.questions.length} questions, ${q.indicators.length} indicators`);
console.log(`answer set: ${Object.keys(answers).length} answers, ${visibleQuestionIds(q, answers).size} visible, total ${scored.total}, ${issues.length} issues`);
console.log(`loadQuestionnaire, first call (cold)            ${(firstLoadMs * 1000).toFixed(0).padStart(8)} µs`);
time('loadQuestionnaire (warm)', 200, () => loadQuestionnaire(defaultQuestionnaire));
const s = time('score', iterations, () => score(q, answers));
const v = time("validateAnswers(submit)", iterations, () => validateAnswers(q, answers, 'submit'));
const both = time('score + validateAnswers(submit)', iterations, () => {
  validateAnswers(q, answers, 'submit');
  return score(q, answers);
});
// Under tsx, @noble/hashes (ESM) is transpiled to CommonJS and hashes ~10× slower than in the
// bundled BFF, which loads it as native ESM through Node's require(esm).
time('receiptChecksum (tsx: noble via CommonJS)', Math.max(1, Math.floor(iterations / 4)), () =>
  receiptChecksum({ enterpriseId: 'e', attemptId: 'a', number: 1, answers, total: scored.total, dimensions: scored.dimensions }),
);
console.log(`\nscore ${s.toFixed(1)} µs + validate ${v.toFixed(1)} µs; together ${both.toFixed(1)} µs per call (target: well under 1000 µs)`);
