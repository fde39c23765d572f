import { regions } from './regions';
import {
  publishedQuotaTable,
  advantageFormula2023,
  advantageQuota2023,
  advantageQuotaBase2023,
  advantageQuotaCap2022,
  demonstrationFormula2022,
  demonstrationFormula2023,
  demonstrationQuota2022,
  demonstrationQuota2022For,
  demonstrationQuota2023,
  demonstrationQuotas2022,
  quotaInTable,
  quotaTableForYear,
  quota2023,
  quotas2023,
  quotaTotals2023,
} from './quotas';

/** 附件1 of 国知办函运字〔2023〕572号, typed again from the notice: 地区, 优势企业, 示范企业. */
const annex2023: Array<[string, number, number]> = [
  ['北京市', 85, 25], ['天津市', 77, 14], ['河北省', 111, 19], ['山西省', 71, 8], ['内蒙古自治区', 57, 6],
  ['辽宁省', 103, 19], ['吉林省', 96, 18], ['黑龙江省', 60, 7], ['上海市', 122, 26], ['江苏省', 130, 71],
  ['浙江省', 135, 52], ['安徽省', 116, 44], ['福建省', 113, 22], ['江西省', 114, 20], ['山东省', 118, 52],
  ['河南省', 124, 23], ['湖北省', 105, 31], ['湖南省', 131, 33], ['广东省', 131, 81], ['广西壮族自治区', 110, 23],
  ['海南省', 89, 6], ['重庆市', 109, 30], ['四川省', 113, 36], ['贵州省', 69, 6], ['云南省', 113, 14],
  ['西藏自治区', 81, 1], ['陕西省', 103, 13], ['甘肃省', 73, 10], ['青海省', 53, 2], ['宁夏回族自治区', 61, 3],
  ['新疆维吾尔自治区', 72, 11], ['新疆生产建设兵团', 37, 3], ['大连市', 52, 10], ['宁波市', 83, 24], ['厦门市', 50, 7],
  ['青岛市', 83, 21], ['深圳市', 87, 25],
];

/** 附件1 of 国知办函运字〔2022〕497号: 地区, 示范企业推荐名额. */
const annex2022: Array<[string, number]> = [
  ['北京市', 17], ['天津市', 8], ['河北省', 9], ['山西省', 4], ['内蒙古自治区', 5], ['辽宁省', 10], ['吉林省', 8],
  ['黑龙江省', 5], ['上海市', 10], ['江苏省', 46], ['浙江省', 28], ['安徽省', 30], ['福建省', 13], ['江西省', 14],
  ['山东省', 35], ['河南省', 11], ['湖北省', 16], ['湖南省', 17], ['广东省', 60], ['广西壮族自治区', 12], ['海南省', 4],
  ['重庆市', 18], ['四川省', 22], ['贵州省', 4], ['云南省', 6], ['西藏自治区', 1], ['陕西省', 5], ['甘肃省', 9],
  ['青海省', 1], ['宁夏回族自治区', 4], ['新疆维吾尔自治区', 5], ['新疆生产建设兵团', 2], ['大连市', 7], ['宁波市', 12],
  ['厦门市', 5], ['青岛市', 11], ['深圳市', 9],
];

const nameOf = (code: string) => regions.find((r) => r.code === code)?.name;

describe('2023 quotas (国知办函运字〔2023〕572号 附件1)', () => {
  it('match every row of the notice, in its order', () => {
    expect(quotas2023.map((row) => [nameOf(row.regionCode), row.advantage, row.demonstration])).toEqual(annex2023);
  });

  it('add up to the 合计 row: 3437 and 816', () => {
    expect(quotas2023.reduce((sum, row) => sum + row.advantage, 0)).toBe(3437);
    expect(quotas2023.reduce((sum, row) => sum + row.demonstration, 0)).toBe(816);
    expect(quotaTotals2023).toEqual({ advantage: 3437, demonstration: 816 });
  });

  it('are looked up by region code', () => {
    expect(quota2023('140000')).toEqual({ regionCode: '140000', advantage: 71, demonstration: 8 }); // 山西: 71 and 8, as its own notice repeats
    expect(quota2023('440300')).toEqual({ regionCode: '440300', advantage: 87, demonstration: 25 });
    expect(quota2023('999999')).toBeUndefined();
  });
});

describe('2022 demonstration quotas (国知办函运字〔2022〕497号 附件1)', () => {
  it('match every row of the notice, in its order', () => {
    expect(demonstrationQuotas2022.map((row) => [nameOf(row.regionCode), row.demonstration])).toEqual(annex2022);
  });

  it('add up to 483, as the table sums', () => {
    expect(demonstrationQuotas2022.reduce((sum, row) => sum + row.demonstration, 0)).toBe(483);
  });

  it('are looked up by region code, with the advantage cap of 100 per region', () => {
    expect(demonstrationQuota2022For('440000')).toBe(60);
    expect(demonstrationQuota2022For('999999')).toBeUndefined();
    expect(advantageQuotaCap2022).toBe(100);
  });
});

describe('the quota formulas', () => {
  it('2023 advantage: base × review pass rate + new advantage enterprises × 50%, +10 if incentivised', () => {
    expect(advantageFormula2023).toMatchObject({ baseProvincial: 80, baseSeparatelyListedCity: 40, newEnterpriseShare: 0.5, incentiveBonus: 10 });
    expect(advantageQuota2023({ kind: 'province', reviewPassRate2022: 0.9, newAdvantageEnterprises2022: 60, incentivised: false })).toBeCloseTo(102);
    expect(advantageQuota2023({ kind: 'province', reviewPassRate2022: 0.9, newAdvantageEnterprises2022: 60, incentivised: true })).toBeCloseTo(112);
    expect(advantageQuota2023({ kind: 'separately_listed_city', reviewPassRate2022: 1, newAdvantageEnterprises2022: 20, incentivised: false })).toBeCloseTo(50);
    expect(advantageQuota2023({ kind: 'corps', base: 40, reviewPassRate2022: 0.5, newAdvantageEnterprises2022: 0, incentivised: false })).toBeCloseTo(20);
  });

  it('2023 advantage bases: 80 for provincial regions (兵团 included), 40 for separately listed cities', () => {
    expect(advantageQuotaBase2023('province')).toBe(80);
    expect(advantageQuotaBase2023('municipality')).toBe(80);
    expect(advantageQuotaBase2023('corps')).toBe(80);
    expect(advantageQuotaBase2023('separately_listed_city')).toBe(40);
  });

  it('2023 demonstration: (advantage × 10% + 小巨人 × 2%) × review pass rate, +5 if incentivised', () => {
    expect(demonstrationFormula2023).toMatchObject({ advantageShare: 0.1, littleGiantShare: 0.02, incentiveBonus: 5 });
    expect(demonstrationQuota2023({ advantageEnterprises: 300, littleGiants: 500, reviewPassRate2022: 0.8, incentivised: false })).toBeCloseTo(32);
    expect(demonstrationQuota2023({ advantageEnterprises: 300, littleGiants: 500, reviewPassRate2022: 0.8, incentivised: true })).toBeCloseTo(37);
  });

  it('2022 demonstration: advantage × 8% + 小巨人 × 2%', () => {
    expect(demonstrationFormula2022).toEqual({ advantageShare: 0.08, littleGiantShare: 0.02 });
    expect(demonstrationQuota2022({ advantageEnterprises: 500, littleGiants: 1000 })).toBeCloseTo(60);
  });

  it.each([
    () => advantageQuota2023({ kind: 'province', reviewPassRate2022: 1.2, newAdvantageEnterprises2022: 1, incentivised: false }),
    () => advantageQuota2023({ kind: 'province', reviewPassRate2022: Number.NaN, newAdvantageEnterprises2022: 1, incentivised: false }),
    () => advantageQuota2023({ kind: 'province', reviewPassRate2022: 0.5, newAdvantageEnterprises2022: -1, incentivised: false }),
    () => demonstrationQuota2023({ advantageEnterprises: 1.5, littleGiants: 1, reviewPassRate2022: 1, incentivised: false }),
    () => demonstrationQuota2022({ advantageEnterprises: 1, littleGiants: -3 }),
  ])('refuses rates outside [0, 1] and counts that are not whole (%#)', (call) => {
    expect(call).toThrow(RangeError);
  });
});

describe('quotaTableForYear (a campaign carries its year’s quotas)', () => {
  it('2023: the 附件1 table, every region, no cap', () => {
    const table = quotaTableForYear(2023);
    expect(table.rows).toHaveLength(37);
    expect(table.advantageCap).toBeNull();
    expect(quotaInTable(table, '440000')).toEqual({ advantage: 131, demonstration: 81 });
    expect(quotaInTable(table, '440300')).toEqual({ advantage: 87, demonstration: 25 });
  });

  it('2022: the demonstration table and 100 advantage places per region', () => {
    const table = quotaTableForYear(2022);
    expect(table.advantageCap).toBe(100);
    expect(quotaInTable(table, '440000')).toEqual({ advantage: 100, demonstration: 60 });
    expect(table.rows.every((row) => row.advantage === 100)).toBe(true);
  });

  it.each([2021, 2024, 2026])('%i: a copy of the latest published table, saying so', (year) => {
    const table = quotaTableForYear(year);
    expect(table.year).toBe(year);
    expect(table.basis).toContain('沿用 2023 年');
    expect(table.rows).toEqual(quotaTableForYear(2023).rows);
    table.rows[0]!.advantage = 1; // a copy: editing one campaign's table leaves the next one's alone
    expect(quotaTableForYear(year).rows[0]!.advantage).not.toBe(1);
  });

  it('a region the table does not list has no places', () => {
    expect(quotaInTable({ rows: [] }, '440000')).toEqual({ advantage: 0, demonstration: 0 });
  });
});

describe('publishedQuotaTable (the published tables, by year)', () => {
  const name = (code: string) => `R${code}`;
  it('serves 2023 as published: 37 rows, totals 3437 and 816', () => {
    const table = publishedQuotaTable(2023, name)!;
    expect(table.rows).toHaveLength(37);
    expect(table.totals).toEqual({ advantage: 3437, demonstration: 816 });
    expect(table.advantageCapPerRegion).toBeNull();
  });
  it('serves 2022 alongside: the demonstration table, advantage only as the cap per region', () => {
    const table = publishedQuotaTable(2022, name)!;
    expect(table.rows.map((row) => row.advantage)).toEqual(new Array(37).fill(null));
    expect(table.rows[0]).toEqual({ regionCode: '110000', regionName: 'R110000', advantage: null, demonstration: 17 });
    expect(table.totals).toEqual({ advantage: null, demonstration: demonstrationQuotas2022.reduce((s, r) => s + r.demonstration, 0) });
    expect(table.advantageCapPerRegion).toBe(100);
  });
  it('has no table for other years', () => {
    expect(publishedQuotaTable(2021, name)).toBeUndefined();
  });
});
