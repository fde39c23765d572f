import { formatFit, parsePassLine } from './passLines';

describe('pass-line input', () => {
  it('When a line is typed with decimals, then it is rounded to 0.1', () => {
    expect(parsePassLine('60')).toBe(60);
    expect(parsePassLine('62.55')).toBe(62.6);
    expect(parsePassLine(' 70.')).toBe(70);
  });

  it('When the text is not a line in 0–105, then null', () => {
    expect(parsePassLine('')).toBeNull();
    expect(parsePassLine('-1')).toBeNull();
    expect(parsePassLine('105.1')).toBeNull();
    expect(parsePassLine('六十')).toBeNull();
  });

  it('When the fit is shown, then as a percentage of the quota', () => {
    expect(formatFit(1.25)).toBe('125%');
    expect(formatFit(null)).toBe('—');
  });
});
