import { staffAccountInputSchema, staffAccountPatchSchema, staffPasswordSchema } from './staff';
import { isGuessablePassword, MIN_PASSWORD_SCORE, passwordScore } from './passwordStrength';

describe('staff password strength (zxcvbn-ts)', () => {
  it.each(['Password123', 'aaaaaaaaa1', 'Qwerty123456', 'National12345', 'P@ssw0rd2026'])('When the password is %s (common, repeated or a keyboard walk), then the shared schema refuses it', (password) => {
    expect(isGuessablePassword(password)).toBe(true);
    const parsed = staffPasswordSchema.safeParse(password);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message).join()).toMatch(/太容易被猜到/);
  });

  it.each(['Lantern2026harbour', 'Correct2026horse', 'v7#Qm2!xLp9w'])('When the password is %s, then it is accepted', (password) => {
    expect(passwordScore(password)).toBeGreaterThanOrEqual(MIN_PASSWORD_SCORE);
    expect(staffPasswordSchema.safeParse(password).success).toBe(true);
  });

  it('When a word the account is known by is in the password, then it counts against it', () => {
    expect(passwordScore('guangdong2026IP', ['guangdong2026IP'])).toBe(0);
  });

  it('When an account is created or its password reset, then the same rule applies', () => {
    const input = { username: 'gd_admin', displayName: '广东', role: 'region', regionCode: '440000' } as const;
    expect(staffAccountInputSchema.safeParse({ ...input, password: 'Password123' }).success).toBe(false);
    expect(staffAccountInputSchema.safeParse({ ...input, password: 'Lantern2026harbour' }).success).toBe(true);
    expect(staffAccountPatchSchema.safeParse({ password: 'aaaaaaaaa1' }).success).toBe(false);
  });

  it('When the input is over-long, then the length rule refuses it without running the estimator on it', () => {
    const started = Date.now();
    expect(staffPasswordSchema.safeParse(`Aa1${'x'.repeat(100_000)}`).success).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
