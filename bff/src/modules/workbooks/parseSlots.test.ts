import { AppError } from '../../lib/errors';
import { createParseSlots } from './parseSlots';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('createParseSlots', () => {
  it('When more parses than slots start, then only `slots` run at once and the others run in order as slots free', async () => {
    const slots = createParseSlots({ slots: 2, waitMs: 1_000, maxWaiting: 8, retryAfterSeconds: 5 });
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) => slots.run(async () => (started.push(i), await g.opened, i)));
    await new Promise((r) => setImmediate(r));
    expect({ started, load: slots.load }).toEqual({ started: [0, 1], load: { active: 2, waiting: 2 } });
    gates[1]!.open();
    await runs[1];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(slots.load).toEqual({ active: 0, waiting: 0 });
  });

  it('When a parse fails, then its slot is released all the same', async () => {
    const slots = createParseSlots({ slots: 1, waitMs: 1_000, maxWaiting: 1, retryAfterSeconds: 5 });
    await expect(slots.run(() => Promise.reject(new Error('bad file')))).rejects.toThrow('bad file');
    await expect(slots.run(async () => 'next')).resolves.toBe('next');
    expect(slots.load).toEqual({ active: 0, waiting: 0 });
  });

  it('When every slot is taken and the queue is full, or a wait is too long, then 503 UPLOADS_BUSY with Retry-After', async () => {
    const slots = createParseSlots({ slots: 1, waitMs: 50, maxWaiting: 1, retryAfterSeconds: 7 });
    const g = gate();
    const running = slots.run(() => g.opened);
    const waitingTooLong = slots.run(async () => 'never');
    const overflow = await slots.run(async () => 'never').catch((error: unknown) => error);
    expect(overflow).toBeInstanceOf(AppError);
    expect(overflow).toMatchObject({ code: 'UPLOADS_BUSY', status: 503, headers: { 'Retry-After': '7' }, details: { retryAfterSeconds: 7 } });
    await expect(waitingTooLong).rejects.toMatchObject({ code: 'UPLOADS_BUSY' });
    expect(slots.load).toEqual({ active: 1, waiting: 0 });
    g.open();
    await running;
    expect(slots.load).toEqual({ active: 0, waiting: 0 });
  });
});
