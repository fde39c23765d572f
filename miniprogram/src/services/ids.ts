/**
 * Random ids for idempotency (`clientKey`, `idempotencyKey`): 24 characters of [A-Za-z0-9],
 * which the API accepts (8–64 of [A-Za-z0-9_-]). The random source is injectable: the platform
 * supplies a strong one where it has it (see platform/random).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomId(randomInt: (below: number) => number, length = 24): string {
  let id = '';
  for (let i = 0; i < length; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}
