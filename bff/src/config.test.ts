import { ConfigError, parseConfig } from './config';

const production = { NODE_ENV: 'production', MONGODB_URI: 'mongodb://db/assess' } as const;

describe('parseConfig: the JWT secret', () => {
  it('When no JWT_SECRET is set outside production, then tokens are signed with a random secret, never a literal from the code', () => {
    const secret = parseConfig({ NODE_ENV: 'development' }).jwt.secret;
    expect(secret).not.toMatch(/development|secret|jwt/i);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(new Set(secret).size).toBeGreaterThan(16);
    // One process, one secret: two instances in one test process accept each other's tokens.
    expect(parseConfig({ NODE_ENV: 'test' }).jwt.secret).toBe(secret);
  });

  it('When JWT_SECRET is set, then it is used', () => {
    expect(parseConfig({ NODE_ENV: 'development', JWT_SECRET: 'x' }).jwt.secret).toBe('x');
  });

  it.each([
    ['missing', undefined],
    ['short', 'a-short-secret'],
    ['long but with few different characters', 'abababababababababababababababababab'],
    ['the development default this repository once shipped', 'development-only-jwt-secret-do-not-use-in-production'],
  ])('When the production secret is %s, then the server refuses to start', (_what, secret) => {
    expect(() => parseConfig({ ...production, ...(secret === undefined ? {} : { JWT_SECRET: secret }) })).toThrow(ConfigError);
  });

  it('When the production secret is long and random, then it starts', () => {
    expect(parseConfig({ ...production, JWT_SECRET: 'q2V9mX7tLp4sR8nB1cZ6wK3yH5jD0fGa' }).production).toBe(true);
  });
});
