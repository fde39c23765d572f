import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureJwtSecret } from './jwtSecret';

describe('ensureJwtSecret (npm start)', () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-'));
    dirs.push(dir);
    return path.join(dir, '.data');
  };
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('When a data folder starts for the first time, then a random secret is made and kept there, readable by its owner only; later starts reuse it', () => {
    const data = folder();
    const first = ensureJwtSecret(data);
    expect(first.created).toBe(true);
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
    const again = ensureJwtSecret(data);
    expect(again).toEqual({ ...first, created: false });
  });

  it('When two data folders start, then each has its own secret', () => {
    expect(ensureJwtSecret(folder()).secret).not.toBe(ensureJwtSecret(folder()).secret);
  });

  it('When the kept secret was emptied or truncated, then a new one replaces it', () => {
    const data = folder();
    fs.mkdirSync(data, { recursive: true });
    fs.writeFileSync(path.join(data, 'jwt-secret'), 'short\n');
    expect(ensureJwtSecret(data)).toMatchObject({ created: true });
  });
});
