import { normalizeUscc, USCC_ALPHABET, usccCheckCharacter, validateUscc } from './uscc';

/**
 * Codes of well-known companies as published (national enterprise credit information system,
 * annual reports). Each passes the GB 32100-2015 check; a reader can recompute it by hand.
 */
const realCodes: Array<[string, string]> = [
  ['华为技术有限公司', '91440300708461136T'],
  ['深圳市腾讯计算机系统有限公司', '9144030071526726XG'],
  ['中国石油化工股份有限公司', '91110000710926094P'],
  ['贵州茅台酒股份有限公司', '91520000214434146R'],
  ['比亚迪股份有限公司', '91440300192317458F'],
  ['小米科技有限责任公司', '91110108551385082Q'],
  ['珠海格力电器股份有限公司', '91440400192548256N'],
  ['宁德时代新能源科技股份有限公司', '91350900587527783P'],
  ['中兴通讯股份有限公司', '9144030027939873X7'],
  ['杭州海康威视数字技术股份有限公司', '91330000733796106P'],
  ['招商银行股份有限公司', '9144030010001686XA'],
  ['中国工商银行股份有限公司', '91100000100003962T'],
];

describe('validateUscc', () => {
  it.each(realCodes)('accepts the real code of %s', (_name, code) => {
    expect(validateUscc(code)).toEqual({ ok: true, uscc: code });
  });

  it('normalises what people type: spaces, lower case, full-width characters', () => {
    expect(validateUscc(' 91440300708461136t ')).toEqual({ ok: true, uscc: '91440300708461136T' });
    expect(validateUscc('9144 0300 7084 6113 6T')).toEqual({ ok: true, uscc: '91440300708461136T' });
    expect(normalizeUscc('９１４４０３００７０８４６１１３６ｔ')).toBe('91440300708461136T');
  });

  it('rejects every single-character corruption of every real code', () => {
    let rejected = 0;
    for (const [, code] of realCodes) {
      for (let position = 0; position < code.length; position++) {
        for (const replacement of USCC_ALPHABET) {
          if (replacement === code[position]) continue;
          const corrupted = code.slice(0, position) + replacement + code.slice(position + 1);
          const result = validateUscc(corrupted);
          if (result.ok) throw new Error(`accepted ${corrupted}`);
          expect(result.code).toBe('USCC_CHECK_DIGIT');
          rejected += 1;
        }
        for (const outsider of ['I', 'O', 'S', 'V', 'Z', '-', '*']) {
          const corrupted = code.slice(0, position) + outsider + code.slice(position + 1);
          expect(validateUscc(corrupted)).toMatchObject({ ok: false, code: 'USCC_CHARACTER' });
        }
      }
    }
    expect(rejected).toBe(realCodes.length * 18 * 30);
  });

  it('rejects a swap of two different adjacent characters', () => {
    for (const [, code] of realCodes) {
      for (let i = 0; i < 17; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(validateUscc(swapped).ok).toBe(false);
      }
    }
  });

  it.each([
    ['', 'USCC_EMPTY', '请填写统一社会信用代码'],
    ['   ', 'USCC_EMPTY', '请填写统一社会信用代码'],
    ['9144030070846113', 'USCC_LENGTH', '统一社会信用代码应为 18 位，当前为 16 位'],
    ['91440300708461136TX', 'USCC_LENGTH', '统一社会信用代码应为 18 位，当前为 19 位'],
    ['9144030070846113OT', 'USCC_CHARACTER', '第 17 位「O」不是统一社会信用代码可用的字符（不含 I、O、S、V、Z）'],
    ['91440300708461136A', 'USCC_CHECK_DIGIT', '统一社会信用代码校验位不正确，请核对后重新填写'],
    ['9111000010000432X6', 'USCC_CHECK_DIGIT', '统一社会信用代码校验位不正确，请核对后重新填写'],
  ])('rejects %j with %s', (raw, code, message) => {
    expect(validateUscc(raw)).toEqual({ ok: false, code, message });
  });

  it('computes the check character, mapping a remainder of 0 to 0 (not 31)', () => {
    expect(usccCheckCharacter('91440300708461136')).toBe('T');
    // Σ(value × weight) of this body is a multiple of 31.
    expect(usccCheckCharacter('9144030070846113J')).toBe('0');
    expect(validateUscc('9144030070846113J0')).toEqual({ ok: true, uscc: '9144030070846113J0' });
    expect(() => usccCheckCharacter('9144030070846113I')).toThrow(RangeError);
  });
});
