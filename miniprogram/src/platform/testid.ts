/**
 * Hooks for the H5 end-to-end tests: `data-testid` plus optional `data-*` facts (a state, an
 * id). On WeChat they are left out, so they never reach the setData payload (this neutral
 * default). See testid.h5.ts.
 */
export type { TestData } from './testid.types';
import type { TestData } from './testid.types';

export function tid(_id: string, _data?: TestData): Record<string, string> {
  return {};
}
