import fc from 'fast-check';
import {
  beijingDate,
  campaignState,
  closeInstant,
  effectiveDeadline,
  finalAttempt,
  isLaterAttempt,
  isValidWindow,
  isWithinWindow,
  openInstant,
  toBeijingIso,
} from './window';

const close = closeInstant('2023-06-30');
const at = (iso: string) => new Date(iso);
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

describe('the deadline model (Asia/Shanghai)', () => {
  it('reads "6月30日24:00" as the instant 7月1日 00:00 +08:00', () => {
    expect(close.toISOString()).toBe('2023-06-30T16:00:00.000Z');
    expect(close.getTime()).toBe(at('2023-07-01T00:00:00+08:00').getTime());
    expect(toBeijingIso(close)).toBe('2023-07-01T00:00:00.000+08:00');
  });

  it('opens a day at 00:00 Beijing time', () => {
    expect(openInstant('2023-06-21').toISOString()).toBe('2023-06-20T16:00:00.000Z');
  });

  it('crosses month and year ends and leap days', () => {
    expect(toBeijingIso(closeInstant('2023-12-31'))).toBe('2024-01-01T00:00:00.000+08:00');
    expect(toBeijingIso(closeInstant('2024-02-28'))).toBe('2024-02-29T00:00:00.000+08:00');
    expect(toBeijingIso(closeInstant('2024-02-29'))).toBe('2024-03-01T00:00:00.000+08:00');
  });

  it.each(['2023-02-30', '2023-6-30', '2023-06-31', '30/06/2023', ''])('refuses the date %j', (date) => {
    expect(() => closeInstant(date)).toThrow(RangeError);
  });

  it('writes instants in Beijing time with milliseconds', () => {
    expect(toBeijingIso(ms(close, -1))).toBe('2023-06-30T23:59:59.999+08:00');
    expect(toBeijingIso(at('2023-01-01T00:00:00Z'))).toBe('2023-01-01T08:00:00.000+08:00');
    expect(beijingDate(at('2023-06-30T16:30:00Z'))).toBe('2023-07-01');
    expect(() => toBeijingIso(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('effectiveDeadline', () => {
  it('is the close without an extension', () => {
    expect(effectiveDeadline(close)).toBe(close);
    expect(effectiveDeadline(close, null)).toBe(close);
  });

  it('is the extension when it is later', () => {
    const until = closeInstant('2023-07-03');
    expect(effectiveDeadline(close, until)).toBe(until);
  });

  it('never shortens the window', () => {
    expect(effectiveDeadline(close, ms(close, -1))).toBe(close);
  });
});

describe('isWithinWindow and campaignState', () => {
  const opens = openInstant('2023-06-21');
  it.each([
    ['1 ms before opening', ms(opens, -1), false, 'not_open'],
    ['at opening', opens, true, 'open'],
    ['1 ms before the close', ms(close, -1), true, 'open'],
    ['at the close', close, false, 'closed'],
    ['after the close', ms(close, 1), false, 'closed'],
  ])('%s', (_case, t, within, state) => {
    expect(isWithinWindow(t, opens, close)).toBe(within);
    expect(campaignState(t, opens, close)).toBe(state);
  });
});

describe('finalAttempt: the last attempt received strictly before the deadline', () => {
  const attempt = (number: number, submittedAt: Date, total = 50) => ({ number, submittedAt, total });

  it('is null without attempts, or when all came at or after the deadline', () => {
    expect(finalAttempt([], close)).toBeNull();
    expect(finalAttempt([attempt(1, close), attempt(2, ms(close, 5))], close)).toBeNull();
  });

  it('does not count an attempt received exactly at the close', () => {
    const a1 = attempt(1, ms(close, -60_000));
    expect(finalAttempt([a1, attempt(2, close)], close)).toBe(a1);
  });

  it('counts an attempt received 1 ms before the close', () => {
    const a2 = attempt(2, ms(close, -1));
    expect(finalAttempt([attempt(1, ms(close, -60_000)), a2], close)).toBe(a2);
  });

  it('is the last, never the best', () => {
    const last = attempt(2, ms(close, -1000), 40);
    expect(finalAttempt([attempt(1, ms(close, -5000), 95), last], close)).toBe(last);
  });

  it('honours an extension', () => {
    const late = attempt(2, ms(close, 3_600_000));
    const deadline = effectiveDeadline(close, closeInstant('2023-07-02'));
    expect(finalAttempt([attempt(1, ms(close, -1)), late], deadline)).toBe(late);
    expect(finalAttempt([attempt(1, ms(close, -1)), late], close)?.number).toBe(1);
  });

  it('breaks a tie in receipt time by the higher attempt number, in any order', () => {
    const t = ms(close, -10);
    const a3 = attempt(3, t);
    expect(finalAttempt([a3, attempt(2, t)], close)).toBe(a3);
    expect(finalAttempt([attempt(2, t), a3], close)).toBe(a3);
  });

  it('ignores attempts with an invalid time', () => {
    const valid = attempt(1, ms(close, -10));
    expect(finalAttempt([valid, attempt(2, new Date(Number.NaN))], close)).toBe(valid);
  });

  it('agrees with the rule written as a sort, for any attempts and deadline', () => {
    const attempts = fc.array(
      fc.record({ number: fc.integer({ min: 1, max: 50 }), offset: fc.integer({ min: -20, max: 20 }) }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(attempts, fc.integer({ min: -5, max: 5 }), (raw, extension) => {
        const list = raw.map((a) => attempt(a.number, ms(close, a.offset)));
        const deadline = effectiveDeadline(close, ms(close, extension));
        const expected = [...list]
          .filter((a) => a.submittedAt.getTime() < deadline.getTime())
          .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.number - b.number)
          .at(-1);
        const actual = finalAttempt(list, deadline);
        expect(actual === null ? null : [actual.submittedAt.getTime(), actual.number]).toEqual(
          expected === undefined ? null : [expected.submittedAt.getTime(), expected.number],
        );
      }),
    );
  });
});

describe('isValidWindow', () => {
  it('When the window opens before it closes, then valid; at the same instant or after, not', () => {
    const at = new Date('2026-07-01T00:00:00Z');
    expect(isValidWindow(at, new Date(at.getTime() + 1))).toBe(true);
    expect(isValidWindow(at, at)).toBe(false);
    expect(isValidWindow(new Date(at.getTime() + 1), at)).toBe(false);
  });
});

describe('isLaterAttempt (the order finalAttempt keeps)', () => {
  const attempt = (iso: string, number: number) => ({ submittedAt: at(iso), number });

  it('When receipt times differ, then the later one is later, whatever the numbers', () => {
    expect(isLaterAttempt(attempt('2023-06-30T10:00:01+08:00', 1), attempt('2023-06-30T10:00:00+08:00', 9))).toBe(true);
    expect(isLaterAttempt(attempt('2023-06-30T10:00:00+08:00', 9), attempt('2023-06-30T10:00:01+08:00', 1))).toBe(false);
  });

  it('When receipt times are equal, then the higher number is later, and an attempt is not later than itself', () => {
    expect(isLaterAttempt(attempt('2023-06-30T10:00:00+08:00', 3), attempt('2023-06-30T10:00:00+08:00', 2))).toBe(true);
    expect(isLaterAttempt(attempt('2023-06-30T10:00:00+08:00', 2), attempt('2023-06-30T10:00:00+08:00', 2))).toBe(false);
  });

  it('When nothing is held, then any attempt is later', () => {
    expect(isLaterAttempt(attempt('2023-06-30T10:00:00+08:00', 1), null)).toBe(true);
  });

  it('finalAttempt keeps the greatest attempt before the deadline in this order', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ t: fc.integer({ min: -5, max: 5 }), number: fc.integer({ min: 1, max: 20 }) }), { maxLength: 12 }), (raw) => {
        const attempts = raw.map(({ t, number }) => ({ submittedAt: ms(close, t), number }));
        const final = finalAttempt(attempts, close);
        const eligible = attempts.filter((a) => a.submittedAt < close);
        if (eligible.length === 0) return final === null;
        return final !== null && eligible.every((a) => a === final || !isLaterAttempt(a, final));
      }),
    );
  });
});
