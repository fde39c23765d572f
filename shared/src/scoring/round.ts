/**
 * The one rounding of the engine: half up (away from zero) to 2 decimals, applied once to each
 * reported figure from its exact value — never to intermediate results.
 *
 * Binary floating point stores 0.285 as 0.28499999999999998; the 1e-9 nudge makes such values
 * round the way their decimal form says (0.29), without moving any value a real half away.
 */
export function roundHalfUp(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  const magnitude = Math.floor(Math.abs(value) * factor + 0.5 + 1e-9) / factor;
  return value < 0 ? -magnitude : magnitude;
}
