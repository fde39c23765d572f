import type { RegionKind } from './regions';

/**
 * Recommendation quotas (推荐名额) per region, as published, and the formulas the notices give for
 * them. The published tables are the authority: the formulas' inputs (pass rates, enterprise
 * counts, which five provinces earned the incentive) are not public, and the notices do not say
 * how fractions are rounded, so the functions return the exact, unrounded value.
 *
 * Central SOEs' first-level companies are recommended by their region but take no quota
 * (2023 附件1 注3; 2022: 国务院国资委出资管理的企业及其他部委管理企业不占推荐名额).
 */

export interface Quota2023 {
  regionCode: string;
  advantage: number;
  demonstration: number;
}

/** 国知办函运字〔2023〕572号 附件1「2023年优势企业和示范企业推荐名额」, rows in its order. */
export const quotas2023: readonly Quota2023[] = Object.freeze(
  (
    [
      ['110000', 85, 25], ['120000', 77, 14], ['130000', 111, 19], ['140000', 71, 8],
      ['150000', 57, 6], ['210000', 103, 19], ['220000', 96, 18], ['230000', 60, 7],
      ['310000', 122, 26], ['320000', 130, 71], ['330000', 135, 52], ['340000', 116, 44],
      ['350000', 113, 22], ['360000', 114, 20], ['370000', 118, 52], ['410000', 124, 23],
      ['420000', 105, 31], ['430000', 131, 33], ['440000', 131, 81], ['450000', 110, 23],
      ['460000', 89, 6], ['500000', 109, 30], ['510000', 113, 36], ['520000', 69, 6],
      ['530000', 113, 14], ['540000', 81, 1], ['610000', 103, 13], ['620000', 73, 10],
      ['630000', 53, 2], ['640000', 61, 3], ['650000', 72, 11], ['660000', 37, 3],
      ['210200', 52, 10], ['330200', 83, 24], ['350200', 50, 7], ['370200', 83, 21],
      ['440300', 87, 25],
    ] as const
  ).map(([regionCode, advantage, demonstration]) => Object.freeze({ regionCode, advantage, demonstration })),
);

/** The table's 合计 row. */
export const quotaTotals2023 = Object.freeze({ advantage: 3437, demonstration: 816 });

export interface DemonstrationQuota2022 {
  regionCode: string;
  demonstration: number;
}

/** 国知办函运字〔2022〕497号 附件1「2022年国家知识产权示范企业推荐名额」, rows in its order. */
export const demonstrationQuotas2022: readonly DemonstrationQuota2022[] = Object.freeze(
  (
    [
      ['110000', 17], ['120000', 8], ['130000', 9], ['140000', 4], ['150000', 5], ['210000', 10],
      ['220000', 8], ['230000', 5], ['310000', 10], ['320000', 46], ['330000', 28], ['340000', 30],
      ['350000', 13], ['360000', 14], ['370000', 35], ['410000', 11], ['420000', 16], ['430000', 17],
      ['440000', 60], ['450000', 12], ['460000', 4], ['500000', 18], ['510000', 22], ['520000', 4],
      ['530000', 6], ['540000', 1], ['610000', 5], ['620000', 9], ['630000', 1], ['640000', 4],
      ['650000', 5], ['660000', 2], ['210200', 7], ['330200', 12], ['350200', 5], ['370200', 11],
      ['440300', 9],
    ] as const
  ).map(([regionCode, demonstration]) => Object.freeze({ regionCode, demonstration })),
);

/** 2022: 每个地方优势企业推荐名额最多不超过100家 (国知办函运字〔2022〕497号 二(一)). */
export const advantageQuotaCap2022 = 100;

export function quota2023(regionCode: string): Quota2023 | undefined {
  return quotas2023.find((row) => row.regionCode === regionCode);
}

export function demonstrationQuota2022For(regionCode: string): number | undefined {
  return demonstrationQuotas2022.find((row) => row.regionCode === regionCode)?.demonstration;
}

// ---- the formulas ---------------------------------------------------------------------

function rate(value: number, name: string): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be a rate in [0, 1]: ${value}`);
  return value;
}

function count(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a count: ${value}`);
  return value;
}

/**
 * 2023 附件1 注1: 推荐名额 = 基数 × 2022年优势企业复核通过率 + 2022年新入选优势企业数 × 50%; 基数 80
 * for 省（区、市）, 40 for 计划单列市; the 5 provinces cited by the State Council's 2022 督查激励 for
 * IP work get 10 more. The notice names neither the five provinces nor the 兵团's base: we take
 * the 兵团 as provincial-level (80); pass `base` to override.
 */
export const advantageFormula2023 = Object.freeze({
  baseProvincial: 80,
  baseSeparatelyListedCity: 40,
  newEnterpriseShare: 0.5,
  incentiveBonus: 10,
  incentivisedProvinces: 5,
});

export function advantageQuotaBase2023(kind: RegionKind): number {
  return kind === 'separately_listed_city'
    ? advantageFormula2023.baseSeparatelyListedCity
    : advantageFormula2023.baseProvincial;
}

export function advantageQuota2023(input: {
  kind: RegionKind;
  reviewPassRate2022: number;
  newAdvantageEnterprises2022: number;
  incentivised: boolean;
  base?: number;
}): number {
  const base = input.base ?? advantageQuotaBase2023(input.kind);
  const f = advantageFormula2023;
  return (
    base * rate(input.reviewPassRate2022, 'reviewPassRate2022') +
    count(input.newAdvantageEnterprises2022, 'newAdvantageEnterprises2022') * f.newEnterpriseShare +
    (input.incentivised ? f.incentiveBonus : 0)
  );
}

/**
 * 2023 附件1 注2: 推荐名额 = (现有优势企业数量 × 10% + 现有专精特新"小巨人"企业数量 × 2%) ×
 * 本地区2022年度示范企业复核通过率; the same 5 incentivised provinces get 5 more.
 */
export const demonstrationFormula2023 = Object.freeze({
  advantageShare: 0.1,
  littleGiantShare: 0.02,
  incentiveBonus: 5,
  incentivisedProvinces: 5,
});

export function demonstrationQuota2023(input: {
  advantageEnterprises: number;
  littleGiants: number;
  reviewPassRate2022: number;
  incentivised: boolean;
}): number {
  const f = demonstrationFormula2023;
  const pool =
    count(input.advantageEnterprises, 'advantageEnterprises') * f.advantageShare +
    count(input.littleGiants, 'littleGiants') * f.littleGiantShare;
  return pool * rate(input.reviewPassRate2022, 'reviewPassRate2022') + (input.incentivised ? f.incentiveBonus : 0);
}

/** 2022 附件1 注: 根据各地现有优势企业数量的 8% 以及专精特新"小巨人"企业数量的 2% 的总和计算. */
export const demonstrationFormula2022 = Object.freeze({ advantageShare: 0.08, littleGiantShare: 0.02 });

export function demonstrationQuota2022(input: { advantageEnterprises: number; littleGiants: number }): number {
  const f = demonstrationFormula2022;
  return (
    count(input.advantageEnterprises, 'advantageEnterprises') * f.advantageShare +
    count(input.littleGiants, 'littleGiants') * f.littleGiantShare
  );
}

// ---- quotas as a campaign's data ------------------------------------------------------------

export interface QuotaRow {
  regionCode: string;
  advantage: number;
  demonstration: number;
}

/**
 * The quota table a campaign carries (the national bureau may then edit a region's row, audited):
 * every region's two quotas, what they come from, and 2022's per-region advantage cap.
 */
export interface QuotaTable {
  year: number;
  /** Which notice the figures come from, in Chinese (shown beside them). */
  basis: string;
  /** 2022: at most 100 advantage places per region; null when the year's table sets each region's. */
  advantageCap: number | null;
  rows: QuotaRow[];
}

/** The latest year whose quotas are published in a notice (the table other years start from). */
export const latestPublishedQuotaYear = 2023;

/**
 * The quota table for a campaign of `year`: 2023 → 附件1 of 国知办函运字〔2023〕572号; 2022 → the
 * 2022 demonstration table and the cap of 100 advantage places per region (the 2022 notice sets
 * no per-region advantage figure, only the cap, so the cap is the quota); any other year → a copy
 * of the latest published table, until the national bureau edits it.
 */
export function quotaTableForYear(year: number): QuotaTable {
  if (year === 2022) {
    return {
      year,
      basis: '国知办函运字〔2022〕497号附件1（示范企业）；优势企业每个地方最多 100 家',
      advantageCap: advantageQuotaCap2022,
      rows: demonstrationQuotas2022.map((row) => ({ regionCode: row.regionCode, advantage: advantageQuotaCap2022, demonstration: row.demonstration })),
    };
  }
  return {
    year,
    basis: year === 2023 ? '国知办函运字〔2023〕572号附件1' : `沿用 ${latestPublishedQuotaYear} 年推荐名额（国知办函运字〔2023〕572号附件1）`,
    advantageCap: null,
    rows: quotas2023.map((row) => ({ regionCode: row.regionCode, advantage: row.advantage, demonstration: row.demonstration })),
  };
}

/** One region's two quotas from a table (0 and 0 for a region the table does not list). */
export function quotaInTable(table: Pick<QuotaTable, 'rows'>, regionCode: string): { advantage: number; demonstration: number } {
  const row = table.rows.find((candidate) => candidate.regionCode === regionCode);
  return { advantage: row?.advantage ?? 0, demonstration: row?.demonstration ?? 0 };
}

// ---- the published tables, by year ----------------------------------------------------------

/** A published quota table as the API serves it (GET /api/quotas/:year). */
export interface PublishedQuotaTable {
  year: 2022 | 2023;
  /** The notice and annex the numbers come from. */
  source: string;
  rows: Array<{ regionCode: string; regionName: string; advantage: number | null; demonstration: number }>;
  totals: { advantage: number | null; demonstration: number };
  /** 2022 published no advantage table, only a cap per region. */
  advantageCapPerRegion: number | null;
  notes: string[];
}

export const QUOTA_YEARS = [2022, 2023] as const;

/** The table a year's notice published, rows in its order; undefined for a year without one. */
export function publishedQuotaTable(year: number, regionName: (code: string) => string): PublishedQuotaTable | undefined {
  const soeNote = '中央企业一级公司由所在地推荐，不占推荐名额';
  if (year === 2023) {
    return {
      year,
      source: '国知办函运字〔2023〕572号 附件1「2023年优势企业和示范企业推荐名额」',
      rows: quotas2023.map((row) => ({ regionCode: row.regionCode, regionName: regionName(row.regionCode), advantage: row.advantage, demonstration: row.demonstration })),
      totals: { ...quotaTotals2023 },
      advantageCapPerRegion: null,
      notes: ['优势企业名额 = 基数 × 2022年优势企业复核通过率 + 2022年新入选优势企业数 × 50%（省级基数 80，计划单列市 40，督查激励 5 省各加 10）', '示范企业名额 = （优势企业数 × 10% + 专精特新“小巨人”数 × 2%）× 2022年示范企业复核通过率（督查激励 5 省各加 5）', soeNote],
    };
  }
  if (year === 2022) {
    return {
      year,
      source: '国知办函运字〔2022〕497号 附件1「2022年国家知识产权示范企业推荐名额」',
      rows: demonstrationQuotas2022.map((row) => ({ regionCode: row.regionCode, regionName: regionName(row.regionCode), advantage: null, demonstration: row.demonstration })),
      totals: { advantage: null, demonstration: demonstrationQuotas2022.reduce((sum, row) => sum + row.demonstration, 0) },
      advantageCapPerRegion: advantageQuotaCap2022,
      notes: [`未公布各地优势企业名额表：每个地方优势企业推荐名额最多不超过${advantageQuotaCap2022}家`, '示范企业名额 = 优势企业数 × 8% + 专精特新“小巨人”数 × 2%', '国务院国资委出资管理的企业及其他部委管理企业不占推荐名额'],
    };
  }
  return undefined;
}
