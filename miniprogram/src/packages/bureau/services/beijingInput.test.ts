import { beijingFields, beijingInstant } from './beijingInput';

describe('beijingInstant', () => {
  it('When a Beijing date and time are typed, then the instant is eight hours earlier in UTC', () => {
    expect(beijingInstant('2026-07-05', '18:00')).toEqual({ iso: '2026-07-05T10:00:00.000Z' });
  });

  it('When 24:00 is typed (or no time), then the end of that day', () => {
    expect(beijingInstant('2026-06-30', '24:00')).toEqual({ iso: '2026-06-30T16:00:00.000Z' });
    expect(beijingInstant('2026-06-30', '')).toEqual({ iso: '2026-06-30T16:00:00.000Z' });
  });

  it('When the date does not exist or is malformed, then a reason', () => {
    expect(beijingInstant('2026-02-30', '10:00')).toHaveProperty('error');
    expect(beijingInstant('30/06/2026', '10:00')).toHaveProperty('error');
    expect(beijingInstant('2026-06-30', '25:00')).toHaveProperty('error');
  });
});

describe('beijingFields', () => {
  it('When a Beijing instant is split for the form, then typing it back gives the same instant', () => {
    const fields = beijingFields('2026-07-05T18:30:00.000+08:00');
    expect(fields).toEqual({ date: '2026-07-05', time: '18:30' });
    expect(beijingInstant(fields.date, fields.time)).toEqual({ iso: '2026-07-05T10:30:00.000Z' });
  });
});
