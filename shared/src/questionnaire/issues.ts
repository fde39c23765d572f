/** What the loader can find wrong with a definition, each with the path of the fault. */
export type DefinitionErrorCode =
  /** The shape is wrong (a zod issue): a missing field, a wrong type, an unknown key. */
  | 'SCHEMA'
  | 'DUPLICATE_ID'
  /** A condition, indicator or option names a question, option, indicator or dimension that does not exist. */
  | 'MISSING_REFERENCE'
  /** A condition does not fit its question's type (e.g. `includes` on a yes/no question). */
  | 'CONDITION_TYPE'
  /** An indicator reads a question that is not numeric. */
  | 'NOT_NUMERIC'
  | 'CONDITION_CYCLE'
  | 'INDICATOR_CYCLE'
  /** A ratio whose denominator may be zero declares no `whenZero` rule. */
  | 'UNGUARDED_DIVISION'
  /** Dimension weights do not add up to `scale.baseMax`. */
  | 'WEIGHTS_MISMATCH'
  /** The bonus items together cannot reach `scale.bonusMax`. */
  | 'BONUS_UNREACHABLE'
  /** A dimension has no always-shown scorable question, so its weight could be lost. */
  | 'DIMENSION_UNSCORED'
  /** A scored indicator without a dimension, or one naming a dimension but without bands. */
  | 'INDICATOR_DIMENSION'
  | 'RANGE_EMPTY'
  | 'BANDS_ORDER'
  /** A multiple choice's cap or choice limit cannot be reached with its options. */
  | 'CAP_UNREACHABLE';

export interface DefinitionIssue {
  path: string;
  code: DefinitionErrorCode;
  message: string;
}

/** Thrown by `loadQuestionnaire`: the first fault found; `issues` lists every fault of that stage. */
export class QuestionnaireDefinitionError extends Error {
  readonly path: string;
  readonly code: DefinitionErrorCode;
  readonly issues: readonly DefinitionIssue[];

  constructor(issues: readonly [DefinitionIssue, ...DefinitionIssue[]]) {
    const [first] = issues;
    super(`${first.path || '(root)'}: ${first.message}`);
    this.name = 'QuestionnaireDefinitionError';
    this.path = first.path;
    this.code = first.code;
    this.issues = issues;
  }
}

/** Formats a zod issue path like the loader's own paths: 'dimensions[2].sections[0].id'. */
export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? String(segment) : `.${String(segment)}`;
  }
  return path;
}
