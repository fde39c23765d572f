import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { KEY_ALPHABET, KEY_LENGTH } from '@assess/shared';

/**
 * Enterprise keys are 12 random characters from a 31-letter alphabet (~59 bits), so argon2id
 * with a light memory cost (4 MiB, 2 passes: ~1.5 ms) is enough to make a stolen hash useless,
 * and issuing 10,000 keys stays within seconds. Staff passwords are chosen by people: they get
 * the OWASP-recommended 19 MiB.
 */
const KEY_HASH = { memoryCost: 4096, timeCost: 2, parallelism: 1 } as const;
const PASSWORD_HASH = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function generateKey(): string {
  let key = '';
  for (let i = 0; i < KEY_LENGTH; i++) key += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return key;
}

/** A QR scene token: 16 url-safe characters, well under wxacode's 32-character scene limit. */
export function generateSceneToken(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let token = '';
  for (let i = 0; i < 16; i++) token += alphabet[randomInt(alphabet.length)];
  return token;
}

export const hashKey = (key: string): Promise<string> => hash(key, KEY_HASH);
export const hashPassword = (password: string): Promise<string> => hash(password, PASSWORD_HASH);

/** argon2 verification compares in constant time; a malformed stored hash is simply a mismatch. */
export async function verifySecret(storedHash: string, candidate: string): Promise<boolean> {
  try {
    return await verify(storedHash, candidate);
  } catch {
    return false;
  }
}

/**
 * Hashes of random secrets, one per cost: verifying against them costs the same as a real check,
 * so an unknown enterprise or username answers no faster than a known one. A staff decoy must use
 * the password cost: with the cheaper key cost an unknown username answered ~2× faster.
 */
let decoyHash: Promise<string> | null = null;
export function decoyKeyHash(): Promise<string> {
  decoyHash ??= hashKey(randomBytes(16).toString('hex'));
  return decoyHash;
}
let decoyPassword: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyPassword ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyPassword;
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
