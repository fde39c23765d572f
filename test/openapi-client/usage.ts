/**
 * Compiled against the TypeScript that openapi-typescript generates from the served document
 * (scripts/check-openapi-client.sh): an integrator's client has named operations and typed bodies.
 * Not part of `npm run typecheck` (the generated file is not in git).
 */
import type { components, operations, paths } from './generated/api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

// Operations are named, and a path's method is the same operation.
type Submit = operations['submitAttempt'];
type SubmitByPath = paths['/api/attempts/current/submit']['post'];
const samePath: SubmitByPath extends Submit ? true : false = true;

// The request body: answers typed per question type, the key in the header or the body.
export const submit: Json<Submit['requestBody']> = {
  idempotencyKey: 'k7Qm2xV9pL4rT8wZ3nB6',
  answers: { ctx_external: 'l1', ctx_stakeholders: ['customers'], overseas_business: false, revenue: 12.5 },
};
export const header: NonNullable<Submit['parameters']['header']>['Idempotency-Key'] = 'k7Qm2xV9pL4rT8wZ3nB6';

// The answer: a receipt whose checksum version and receipt time are typed.
type Receipt = Json<Submit['responses'][201]>['receipt'];
export const version: Receipt['checksumVersion'] = 2;
export const at: Receipt['submittedAt'] = '2023-06-30T23:59:59.999+08:00';
export const replayed: Submit['responses'][201]['headers']['Idempotent-Replayed'] = 'true';

// Every error answer carries a code from the catalogue.
export const conflict: Json<Submit['responses'][409]>['code'] = 'IDEMPOTENCY_KEY_REUSED';
export const limited: Json<Submit['responses'][429]>['code'] = 'RATE_LIMITED';
export const malformed: Json<Submit['responses'][400]>['code'] = 'MALFORMED_JSON';

// The questionnaire is typed down to each question type, so a valid submit can be generated from it.
type Definition = Json<operations['getQuestionnaire']['responses'][200]>;
type AnyQuestion = Definition['dimensions'][number]['sections'][number]['questions'][number];
export function answerFor(question: AnyQuestion): components['schemas']['AnswerValue'] {
  switch (question.type) {
    case 'single':
      return question.options[0]!.id;
    case 'multiple':
      return [question.options[0]!.id];
    case 'yesno':
      return true;
    case 'numeric':
      return question.min ?? 0;
    case 'text':
    case 'evidence':
      return '';
  }
}

// The receipt file, the quota tables, the staff questionnaire and the workbook report are typed too.
export const file: Json<operations['downloadReceiptFile']['responses'][200]>['kind'] = 'iso56005-assessment-receipt';
export const quota: Json<operations['getQuotaTable']['responses'][200]>['rows'][number]['demonstration'] = 25;
export const staffQuestionnaire: Json<operations['getStaffQuestionnaire']['responses'][200]>['version'] = '2023';
export const report: Json<operations['importDraftWorkbook']['responses'][200]>['taken'][number]['cell'] = '问卷!C5';
void samePath;
