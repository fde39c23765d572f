import { safeCell } from './safeCell';

describe('safeCell', () => {
  it.each(['=1+1', '+1', '-2+3+cmd|\' /C calc\'!A0', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://evil","点我")'])(
    'When a text starts like a formula (%j), then it is prefixed with a quote',
    (text) => {
      expect(safeCell(text)).toBe(`'${text}`);
    },
  );

  it.each(['深圳市某某科技有限公司', '91440300MA5FXXXX1A', 'a=b', 'x-1', '', ' =1', "'already"])('When a text is harmless (%j), then it is unchanged', (text) => {
    expect(safeCell(text)).toBe(text);
  });
});
