/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-character
 * alphabet (digits and capitals without I, O, S, V, Z); the 18th is a check character over the
 * first 17 (weights 3^i mod 31, check = 31 − Σ mod 31, 31 → 0).
 *
 * Only the alphabet and the check character are enforced. The standard's segments (registration
 * authority, entity type, division code, organisation code) are not: registries have issued codes
 * whose segments stray from the tables, and refusing a real enterprise is worse than the check
 * character's guarantee, which already catches every single-character error.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_LENGTH = 18;
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccErrorCode = 'USCC_EMPTY' | 'USCC_LENGTH' | 'USCC_CHARACTER' | 'USCC_CHECK_DIGIT';

export type UsccResult = { ok: true; uscc: string } | { ok: false; code: UsccErrorCode; message: string };

/**
 * Normalises what a person typed: full-width characters to half-width (NFKC), whitespace removed,
 * upper case. '９１４４０３００７０８４６１１３６ｔ ' → '91440300708461136T'.
 */
export function normalizeUscc(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 characters (which must be in the alphabet). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`not a USCC character at ${i + 1}`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

export function validateUscc(raw: string): UsccResult {
  const uscc = normalizeUscc(raw);
  if (uscc === '') return { ok: false, code: 'USCC_EMPTY', message: '请填写统一社会信用代码' };
  if (uscc.length !== USCC_LENGTH) {
    return { ok: false, code: 'USCC_LENGTH', message: `统一社会信用代码应为 18 位，当前为 ${uscc.length} 位` };
  }
  for (let i = 0; i < USCC_LENGTH; i++) {
    const character = uscc.charAt(i);
    if (!USCC_ALPHABET.includes(character)) {
      return {
        ok: false,
        code: 'USCC_CHARACTER',
        message: `第 ${i + 1} 位「${character}」不是统一社会信用代码可用的字符（不含 I、O、S、V、Z）`,
      };
    }
  }
  if (usccCheckCharacter(uscc.slice(0, 17)) !== uscc.charAt(17)) {
    return { ok: false, code: 'USCC_CHECK_DIGIT', message: '统一社会信用代码校验位不正确，请核对后重新填写' };
  }
  return { ok: true, uscc };
}
