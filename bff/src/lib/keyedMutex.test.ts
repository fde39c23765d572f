import { KeyedMutex } from './keyedMutex';

describe('KeyedMutex', () => {
  it('runs tasks of one key one at a time, in order, and tasks of different keys side by side', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([mutex.run('a', task('a1', 20)), mutex.run('a', task('a2', 1)), mutex.run('b', task('b1', 5))]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(events.indexOf('end a1')).toBeLessThan(events.indexOf('start a2'));
    expect(events.indexOf('start b1')).toBeLessThan(events.indexOf('end a1'));
    expect(mutex.size).toBe(0);
  });

  it('keeps going after a task fails, and passes the failure to its caller only', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.run('k', async () => 'next')).resolves.toBe('next');
  });
});
