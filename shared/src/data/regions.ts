/**
 * The 37 programme regions, in the order of 附件1 of 国知办函运字〔2023〕572号 (the 2023 quota
 * table; the 2022 table has the same order): 31 provinces, autonomous regions and municipalities,
 * 新疆生产建设兵团, and the 5 separately listed cities. Codes are GB/T 2260 six-digit codes; the
 * 兵团 has none in GB/T 2260 and uses 660000 by common convention.
 *
 * A separately listed city is a region of its own, so its province's scope excludes it
 * (粤知〔2022〕51号 四(四): 深圳 organises its own enterprises).
 */
export type RegionKind = 'province' | 'autonomous_region' | 'municipality' | 'separately_listed_city' | 'corps';

export interface Region {
  code: string;
  /** As written in the notices: 广西壮族自治区, 新疆生产建设兵团, 深圳市. */
  name: string;
  /** 广西, 兵团, 深圳 */
  shortName: string;
  kind: RegionKind;
  /** For a separately listed city: the code of the province it sits in. */
  province?: string;
}

const p = (code: string, name: string, shortName: string): Region => ({ code, name, shortName, kind: 'province' });
const ar = (code: string, name: string, shortName: string): Region => ({ code, name, shortName, kind: 'autonomous_region' });
const m = (code: string, name: string, shortName: string): Region => ({ code, name, shortName, kind: 'municipality' });
const slc = (code: string, name: string, shortName: string, province: string): Region => ({
  code,
  name,
  shortName,
  kind: 'separately_listed_city',
  province,
});

export const regions: readonly Region[] = Object.freeze(
  ([
    m('110000', '北京市', '北京'),
    m('120000', '天津市', '天津'),
    p('130000', '河北省', '河北'),
    p('140000', '山西省', '山西'),
    ar('150000', '内蒙古自治区', '内蒙古'),
    p('210000', '辽宁省', '辽宁'),
    p('220000', '吉林省', '吉林'),
    p('230000', '黑龙江省', '黑龙江'),
    m('310000', '上海市', '上海'),
    p('320000', '江苏省', '江苏'),
    p('330000', '浙江省', '浙江'),
    p('340000', '安徽省', '安徽'),
    p('350000', '福建省', '福建'),
    p('360000', '江西省', '江西'),
    p('370000', '山东省', '山东'),
    p('410000', '河南省', '河南'),
    p('420000', '湖北省', '湖北'),
    p('430000', '湖南省', '湖南'),
    p('440000', '广东省', '广东'),
    ar('450000', '广西壮族自治区', '广西'),
    p('460000', '海南省', '海南'),
    m('500000', '重庆市', '重庆'),
    p('510000', '四川省', '四川'),
    p('520000', '贵州省', '贵州'),
    p('530000', '云南省', '云南'),
    ar('540000', '西藏自治区', '西藏'),
    p('610000', '陕西省', '陕西'),
    p('620000', '甘肃省', '甘肃'),
    p('630000', '青海省', '青海'),
    ar('640000', '宁夏回族自治区', '宁夏'),
    ar('650000', '新疆维吾尔自治区', '新疆'),
    { code: '660000', name: '新疆生产建设兵团', shortName: '兵团', kind: 'corps' } satisfies Region,
    slc('210200', '大连市', '大连', '210000'),
    slc('330200', '宁波市', '宁波', '330000'),
    slc('350200', '厦门市', '厦门', '350000'),
    slc('370200', '青岛市', '青岛', '370000'),
    slc('440300', '深圳市', '深圳', '440000'),
  ] satisfies Region[]).map((region): Region => Object.freeze(region)),
);

const byCode = new Map(regions.map((region) => [region.code, region]));

export function regionByCode(code: string): Region | undefined {
  return byCode.get(code);
}

/**
 * Finds a region by code, full name or short name (import files use any of them): '440000',
 * '广东省', '广东'. Also accepts 新疆兵团. Undefined when nothing matches.
 */
export function resolveRegion(codeOrName: string): Region | undefined {
  const text = codeOrName.trim();
  if (text === '新疆兵团') return byCode.get('660000');
  return byCode.get(text) ?? regions.find((region) => region.name === text || region.shortName === text);
}

export const regionKindLabels: Readonly<Record<RegionKind, string>> = {
  province: '省',
  autonomous_region: '自治区',
  municipality: '直辖市',
  separately_listed_city: '计划单列市',
  corps: '新疆生产建设兵团',
};
