import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const JWT_SECRET_FILE = 'jwt-secret';

/**
 * The demo's token-signing secret: random, made on the first `npm start` of a data folder and
 * kept there (`.data/jwt-secret`, readable by its owner only; `.data/` is git-ignored), so tokens
 * survive a restart and no two installations share a secret. Deleting the data folder makes a
 * new one, which logs everyone out — as it should, since their accounts are gone too.
 */
export function ensureJwtSecret(dataDir: string): { secret: string; file: string; created: boolean } {
  const file = path.join(dataDir, JWT_SECRET_FILE);
  if (fs.existsSync(file)) {
    const secret = fs.readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return { secret, file, created: false };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { secret, file, created: true };
}
