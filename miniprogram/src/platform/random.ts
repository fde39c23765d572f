/**
 * A random integer below `below` (neutral default: Math.random, enough for idempotency keys,
 * which need to be unique, not secret). See random.h5.ts.
 */
export function randomInt(below: number): number {
  return Math.floor(Math.random() * below);
}
