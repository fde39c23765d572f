import type { DefinitionIssue } from './issues';
import type { PlacedQuestion } from './placed';
import { maxPointsOf } from './points';
import type { Band, QuestionnaireDefinition } from './schema';

/** Duplicate ids, impossible ranges and caps, and scales that do not add up. */

function duplicates(entries: ReadonlyArray<{ id: string; path: string }>, kind: string): DefinitionIssue[] {
  const seen = new Set<string>();
  const issues: DefinitionIssue[] = [];
  for (const { id, path } of entries) {
    if (seen.has(id)) issues.push({ path, code: 'DUPLICATE_ID', message: `${kind} id「${id}」重复` });
    seen.add(id);
  }
  return issues;
}

export function checkIds(definition: QuestionnaireDefinition, placed: readonly PlacedQuestion[]): DefinitionIssue[] {
  const dimensions = definition.dimensions.map((d, i) => ({ id: d.id, path: `dimensions[${i}].id` }));
  const sections = definition.dimensions.flatMap((d, i) =>
    d.sections.map((s, j) => ({ id: s.id, path: `dimensions[${i}].sections[${j}].id` })),
  );
  // Questions and indicators share one namespace: both are keys of a score's breakdown.
  const answerable = [
    ...placed.map((p) => ({ id: p.question.id, path: `${p.path}.id` })),
    ...definition.indicators.map((indicator, i) => ({ id: indicator.id, path: `indicators[${i}].id` })),
  ];
  const options = placed.flatMap((p) =>
    'options' in p.question
      ? duplicates(p.question.options.map((o, k) => ({ id: o.id, path: `${p.path}.options[${k}].id` })), '选项')
      : [],
  );
  return [
    ...duplicates(dimensions, '维度'),
    ...duplicates(sections, '分节'),
    ...duplicates(answerable, '题目或指标'),
    ...options,
  ];
}

function bandOrder(bands: readonly Band[] | undefined, path: string): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  bands?.forEach((band, i) => {
    const previous = bands[i - 1];
    if (previous && band.atLeast <= previous.atLeast) {
      issues.push({ path: `${path}.bands[${i}].atLeast`, code: 'BANDS_ORDER', message: '计分档的起点须严格递增' });
    }
  });
  return issues;
}

export function checkShapes(definition: QuestionnaireDefinition, placed: readonly PlacedQuestion[]): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  for (const { question, path } of placed) {
    if (question.type === 'numeric') {
      if (question.min !== undefined && question.max !== undefined && question.min > question.max) {
        issues.push({ path: `${path}.max`, code: 'RANGE_EMPTY', message: '最大值小于最小值' });
      }
      issues.push(...bandOrder(question.bands, path));
    }
    if (question.type === 'multiple') {
      const ordinary = question.options.filter((o) => !o.exclusive);
      if (question.maxChoices !== undefined && question.maxChoices > ordinary.length) {
        issues.push({ path: `${path}.maxChoices`, code: 'CAP_UNREACHABLE', message: '可选数量上限超过了选项数' });
      }
      const uncapped = maxPointsOf({ ...question, cap: undefined });
      if (question.cap !== undefined && question.cap > uncapped) {
        issues.push({ path: `${path}.cap`, code: 'CAP_UNREACHABLE', message: `封顶分 ${question.cap} 超过了选项最多能得的 ${uncapped} 分` });
      }
    }
  }
  const dimensionIds = new Set(definition.dimensions.map((d) => d.id));
  definition.indicators.forEach((indicator, i) => {
    const path = `indicators[${i}]`;
    issues.push(...bandOrder(indicator.bands, path));
    if (indicator.dimension !== undefined && !dimensionIds.has(indicator.dimension)) {
      issues.push({ path: `${path}.dimension`, code: 'MISSING_REFERENCE', message: `维度「${indicator.dimension}」不存在` });
    } else if (indicator.bands && indicator.dimension === undefined) {
      issues.push({ path: `${path}.dimension`, code: 'INDICATOR_DIMENSION', message: '计分的指标须指明所属维度' });
    } else if (!indicator.bands && indicator.dimension !== undefined) {
      issues.push({ path: `${path}.bands`, code: 'INDICATOR_DIMENSION', message: '指明了维度的指标须有计分档' });
    }
  });
  return issues;
}

/** Weights must add up to baseMax, every dimension must always be scorable, the bonus reachable. */
export function checkScale(definition: QuestionnaireDefinition, placed: readonly PlacedQuestion[]): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const { baseMax, bonusMax } = definition.scale;
  const weights = definition.dimensions.reduce((sum, d) => sum + d.weight, 0);
  if (Math.abs(weights - baseMax) > 1e-9) {
    issues.push({ path: 'dimensions', code: 'WEIGHTS_MISMATCH', message: `各维度权重之和为 ${weights}，应为基础满分 ${baseMax}` });
  }
  definition.dimensions.forEach((dimension, d) => {
    // A dimension is rescaled over its visible questions; one that every respondent sees keeps
    // the denominator above zero, so no enterprise can lose (or be handed) a dimension's weight.
    const anchored = placed.some(
      (p) => p.dimensionIndex === d && !p.question.visibleIf && !p.section?.visibleIf && maxPointsOf(p.question) > 0,
    );
    if (!anchored) {
      issues.push({
        path: `dimensions[${d}]`,
        code: 'DIMENSION_UNSCORED',
        message: `维度「${dimension.title}」须至少有一道始终显示且计分的题目`,
      });
    }
  });
  const bonusReach = definition.bonus.reduce((sum, q) => sum + maxPointsOf(q), 0);
  if (bonusReach < bonusMax) {
    issues.push({ path: 'bonus', code: 'BONUS_UNREACHABLE', message: `加分项最多 ${bonusReach} 分，达不到加分上限 ${bonusMax}` });
  }
  return issues;
}
