import { formatDateTime, formatDeadline, formatPeriod } from './beijingTime';
import { createServerClock, formatRemaining, offsetFrom, remainingUntil } from './serverClock';

describe('server clock', () => {
  it('When the device clock is a day fast, then now() still reads server time', () => {
    const deviceNow = Date.parse('2026-06-30T12:00:00Z') + 86_400_000;
    const clock = createServerClock(() => deviceNow);
    clock.sync('2026-06-30T20:00:00+08:00', deviceNow - 100, deviceNow + 100);
    expect(new Date(clock.now()).toISOString()).toBe('2026-06-30T12:00:00.000Z');
  });

  it('When the server time is unreadable, then no offset is taken', () => {
    expect(offsetFrom('not a date', 0, 0)).toBeNull();
  });

  it('When counting down, then days, hours, minutes and seconds are shown', () => {
    const r = remainingUntil('2026-06-30T16:00:00Z', Date.parse('2026-06-28T14:58:57Z'));
    expect(formatRemaining(r)).toBe('2 天 01:01:03');
    expect(formatRemaining(remainingUntil('2026-01-01T00:00:00Z', Date.parse('2026-02-01T00:00:00Z')))).toBe('00:00:00');
  });
});

describe('Beijing time', () => {
  it('When formatting, then Beijing time is shown whatever the device zone', () => {
    expect(formatDateTime('2026-06-30T10:05:00Z')).toBe('2026-06-30 18:05');
  });

  it('When a deadline is at midnight, then it reads 24:00 of the day before, as the notices write it', () => {
    expect(formatDeadline('2026-07-01T00:00:00+08:00')).toBe('2026-06-30 24:00');
    expect(formatDeadline('2026-06-30T18:30:00+08:00')).toBe('2026-06-30 18:30');
  });

  it('When a window is shown on one line, then both ends are in the same format', () => {
    expect(formatPeriod('2026-12-04T10:43:00+08:00', '2026-12-11T10:44:00+08:00')).toBe('2026-12-04 10:43 至 2026-12-11 10:44');
    expect(formatPeriod('2026-03-01T09:00:00+08:00', '2026-07-01T00:00:00+08:00')).toBe('2026-03-01 09:00 至 2026-06-30 24:00');
    expect(formatPeriod(null, undefined)).toBe('— 至 —');
  });
});
