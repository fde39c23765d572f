import { isDraftDirty } from './draft';

const at = (iso: string) => new Date(iso);

describe('isDraftDirty', () => {
  it('When a draft was never saved, then it is not dirty, submitted or not', () => {
    expect(isDraftDirty(null, null)).toBe(false);
    expect(isDraftDirty(null, at('2026-06-01T10:00:00+08:00'))).toBe(false);
  });

  it('When a draft was saved and nothing submitted, then it is dirty', () => {
    expect(isDraftDirty(at('2026-06-01T10:00:00+08:00'), null)).toBe(true);
  });

  it('When the last save is later than the last submit, then it is dirty; at the same instant or earlier, it is not', () => {
    const submit = at('2026-06-01T10:00:00+08:00');
    expect(isDraftDirty(new Date(submit.getTime() + 1), submit)).toBe(true);
    expect(isDraftDirty(submit, submit)).toBe(false);
    expect(isDraftDirty(new Date(submit.getTime() - 1), submit)).toBe(false);
  });
});
