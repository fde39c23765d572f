/** Browsers: the Web Crypto generator. */
export function randomInt(below: number): number {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return (buffer[0] ?? 0) % below;
}
