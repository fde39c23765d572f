import { parseNumber } from './numbers';

describe('parseNumber', () => {
  it('When digits come from a Chinese input method or a document, then they are read', () => {
    expect(parseNumber('１，２３４．５')).toEqual({ kind: 'number', value: 1234.5 });
    expect(parseNumber(' 1,200 ')).toEqual({ kind: 'number', value: 1200 });
  });

  it('When the field is cleared, then it is empty (the answer is removed)', () => {
    expect(parseNumber('  ')).toEqual({ kind: 'empty' });
  });

  it('When half-typed or with a unit, then it is unreadable (kept as text, not saved)', () => {
    expect(parseNumber('12.')).toEqual({ kind: 'unreadable' });
    expect(parseNumber('300人')).toEqual({ kind: 'unreadable' });
    expect(parseNumber('-')).toEqual({ kind: 'unreadable' });
  });
});
