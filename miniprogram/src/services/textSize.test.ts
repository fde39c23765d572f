import { parseTextScale, TEXT_SIZES } from './textSize';

describe('text size (适老化)', () => {
  it('When a size offered was stored, then it is read back', () => {
    for (const { scale } of TEXT_SIZES) expect(parseTextScale(String(scale))).toBe(scale);
  });

  it('When nothing, or something this app does not offer, was stored, then the standard size is used', () => {
    expect(parseTextScale(null)).toBe(1);
    expect(parseTextScale('')).toBe(1);
    expect(parseTextScale('3')).toBe(1);
    expect(parseTextScale('big')).toBe(1);
  });
});
