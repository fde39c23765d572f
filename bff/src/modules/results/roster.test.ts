import { Types } from 'mongoose';
import type { ResultDoc } from './model';
import { mergeRows, packRows, rosterRowOf, unpackRows } from './roster';
import { resultOf } from './testing/fixtures';

const at = (iso: string) => new Date(iso);
const id = new Types.ObjectId();
const entry = (number: number, submittedAt: Date, total: number) => ({ number, attemptId: new Types.ObjectId(), submittedAt, total, seconds: 600, facts: {} });
const final = (number: number, submittedAt: Date, total: number) => ({ submittedAt, number, attemptId: new Types.ObjectId(), total, base: total, bonus: 0, dimensions: { d1: total / 2 } });

const result = (over: Partial<ResultDoc> = {}): ResultDoc =>
  resultOf({ _id: id, cityCode: '440100', flags: { specialized: true, littleGiant: false, centralSoe: false }, rev: 3, ...over });

describe('rosterRowOf', () => {
  it('counts submissions per Beijing day and keeps the final total and dimensions', () => {
    const history = [entry(1, at('2026-11-20T15:59:00Z'), 60), entry(2, at('2026-11-20T16:01:00Z'), 70), entry(3, at('2026-11-21T01:00:00Z'), 65)];
    const row = rosterRowOf(result({ history, final: final(3, history[2]!.submittedAt, 65), lastSubmittedAt: history[2]!.submittedAt, status: 'submitted' }));
    expect(row.days).toEqual({ '2026-11-20': 1, '2026-11-21': 2 });
    expect(row).toMatchObject({ id: String(id), rev: 3, attempts: 3, total: 65, dimensions: { d1: 32.5 }, lastSubmittedAt: +history[2]!.submittedAt, status: 'submitted' });
  });
});

describe('mergeRows', () => {
  it('keeps the newest rev of each row whatever the order the rows arrive in', () => {
    const base = rosterRowOf(result());
    const older = { ...base, rev: 4, status: 'drafting' as const };
    const newer = { ...base, rev: 5, status: 'submitted' as const };
    const a = mergeRows(new Map([[base.id, base]]), [newer, older]);
    const b = mergeRows(new Map([[base.id, base]]), [older, newer, older]);
    expect(a.get(base.id)?.status).toBe('submitted');
    expect(b.get(base.id)).toEqual(a.get(base.id));
  });
});

describe('packRows', () => {
  it('round-trips rows (Chinese names included) through the stored binary, smaller than the JSON', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ ...rosterRowOf(result()), id: `row${i}`, name: `广东省某某科技有限公司${i}` }));
    const packed = await packRows(rows);
    expect(await unpackRows(packed)).toEqual(rows);
    expect(packed.length()).toBeLessThan(JSON.stringify(rows).length / 5);
  });
});
