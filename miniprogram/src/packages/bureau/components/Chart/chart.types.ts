import type { ChartSpec } from '../../services/charts';

export interface ChartProps {
  /** Test hook: `chart-<name>` (with `data-state` loading | ready | error on H5). */
  name: string;
  spec: ChartSpec;
  /** Drawing height in CSS pixels (H5). */
  height?: number;
}
