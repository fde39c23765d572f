import {
  citiesOf,
  cityByCode,
  enterpriseImportRowSchema,
  parseTitleHeld,
  parseTrack,
  passLineFor,
  regionByCode,
  regions,
  trackTitleIssue,
  validateUscc,
  type ImportRowError,
} from '@assess/shared';
import type { Contact, EnterpriseDoc, TitleHeld, Track } from './model';

/** An import row after validation: what an enterprise document is made from, and its pass line. */
export type EnterpriseRecord = Pick<EnterpriseDoc, 'uscc' | 'name' | 'regionCode' | 'cityCode' | 'track' | 'titleHeld' | 'flags' | 'contacts'> & {
  line: 'advantage' | 'demonstration';
  /** 认定年份 of the title held (null: blank); checked against the records, not stored on the enterprise. */
  grantedYear: number | null;
};

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '']);

function findRegion(raw: string) {
  const value = raw.trim();
  return regionByCode(value) ?? regions.find((region) => region.name === value || region.shortName === value);
}

function findCity(regionCode: string, raw: string) {
  const value = raw.trim();
  if (!value) return null;
  const city = cityByCode(value);
  if (city) return city.regionCode === regionCode ? city : undefined;
  return citiesOf(regionCode).find((c) => c.name === value || c.name.replace(/市$/, '') === value.replace(/市$/, ''));
}

function flag(raw: unknown): boolean | undefined {
  if (raw === undefined || raw === null) return false;
  if (typeof raw === 'boolean') return raw;
  const value = String(raw).trim().toLowerCase();
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return undefined;
}

/**
 * Validates one mapped row into a record, or lists every problem with the row's fields (in
 * Chinese, for the import report).
 */
export function validateImportRow(row: number, data: Record<string, unknown>): { record: EnterpriseRecord } | { errors: ImportRowError[] } {
  const parsed = enterpriseImportRowSchema.safeParse(data);
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((issue) => ({ row, field: issue.path.map(String).join('.') || '(row)', reason: issue.message })) };
  }
  const input = parsed.data;
  const errors: ImportRowError[] = [];
  const uscc = validateUscc(input.uscc);
  if (!uscc.ok) errors.push({ row, field: 'uscc', reason: uscc.message });
  const region = findRegion(input.region);
  if (!region) errors.push({ row, field: 'region', reason: `无法识别的地区：${input.region}` });
  const city = region ? findCity(region.code, input.city) : null;
  if (region && city === undefined) errors.push({ row, field: 'city', reason: `地市“${input.city}”不属于${region.name}` });
  const track = parseTrack(input.track) as Track | null;
  if (!track) errors.push({ row, field: 'track', reason: `参加类型应为 申报优势/申报示范/考核/复核，而不是“${input.track}”` });
  const titleHeld = parseTitleHeld(input.titleHeld) as TitleHeld | null;
  if (!titleHeld) errors.push({ row, field: 'titleHeld', reason: `现有称号应为 无/优势企业/示范企业，而不是“${input.titleHeld}”` });
  const mismatch = track && titleHeld ? trackTitleIssue(track, titleHeld) : null;
  if (mismatch) errors.push({ row, field: 'titleHeld', reason: mismatch });
  const grantedYear = input.grantedYear ? Number(input.grantedYear) : null;
  if (input.grantedYear && (!/^\d{4}$/.test(input.grantedYear) || grantedYear! < 2000 || grantedYear! > 2100)) errors.push({ row, field: 'grantedYear', reason: `认定年份应为 4 位年份，如 2022，而不是“${input.grantedYear}”` });
  else if (grantedYear !== null && titleHeld === 'none') errors.push({ row, field: 'grantedYear', reason: '现有称号为“无”时不应填写认定年份' });
  const flags = { specialized: flag(input.specialized), littleGiant: flag(input.littleGiant), centralSoe: flag(input.centralSoe) };
  for (const [field, value] of Object.entries(flags)) if (value === undefined) errors.push({ row, field, reason: '应填“是”或“否”' });
  if (errors.length > 0 || !uscc.ok || !region || !track || !titleHeld) return { errors };

  const contacts: Contact[] = [
    { name: input.contact1Name, phone: input.contact1Phone, email: input.contact1Email },
    { name: input.contact2Name, phone: input.contact2Phone, email: input.contact2Email },
  ].filter((contact) => contact.name || contact.phone || contact.email);
  return {
    record: {
      uscc: uscc.uscc,
      name: input.name,
      regionCode: region.code,
      // A separately listed city is its own region: its enterprises' city is the region itself.
      cityCode: city?.code ?? (region.kind === 'separately_listed_city' ? region.code : null),
      track,
      titleHeld,
      line: passLineFor(track, titleHeld),
      grantedYear,
      flags: flags as EnterpriseRecord['flags'],
      contacts,
    },
  };
}
