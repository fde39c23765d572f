import { Fragment } from 'react';
import { Text, View } from '@tarojs/components';
import { tid } from '../../../../platform/testid';
import type { ChartSpec } from '../../services/charts';
import type { ChartProps } from './chart.types';
import './index.scss';

export type { ChartProps } from './chart.types';

/** The latest days only: a phone shows two weeks legibly. */
const MAX_LINE_ROWS = 14;

function scaleOf(spec: ChartSpec, indexes: number[]): number {
  if (spec.valueMax) return spec.valueMax;
  const stacked = spec.series.some((s) => s.stack);
  const totals = indexes.map((i) => (stacked ? spec.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0) : Math.max(0, ...spec.series.map((s) => s.values[i] ?? 0))));
  return Math.max(1, ...totals);
}

const width = (value: number, scale: number) => `${Math.max(0, Math.min(100, (value / scale) * 100))}%`;
const unitOf = (spec: ChartSpec) => spec.unit ?? '';

/**
 * Charts without ECharts (neutral default: WeChat). ECharts on WeChat needs a canvas adapter
 * (ec-canvas) and would add ~500 KB to the subpackage; rows of CSS bars carry the same numbers
 * for a bureau glancing at a phone. The H5 sibling draws the real charts.
 */
export function Chart({ name, spec }: ChartProps) {
  const all = spec.categories.map((_, i) => i);
  const indexes = spec.kind === 'line' ? all.slice(-MAX_LINE_ROWS) : all;
  const scale = scaleOf(spec, indexes);
  const stacked = spec.series.some((s) => s.stack);
  const marksBefore = (i: number) => (spec.marks ?? []).filter((mark) => spec.bins?.[i] && mark.value >= spec.bins[i]!.from && mark.value < spec.bins[i]!.to);

  return (
    <View className='chart-fallback' {...tid(`chart-${name}`, { state: 'ready', kind: 'list' })}>
      <View className='chart-legend'>
        {spec.series.map((s) => (
          <View key={s.name} className='chart-legend-item'>
            <View className='chart-dot' style={{ background: s.color }} />
            <Text>{s.name}</Text>
          </View>
        ))}
      </View>
      {indexes.length === 0 && <Text className='bmuted'>暂无数据</Text>}
      {indexes.map((i) => (
        <Fragment key={spec.categories[i]}>
          {marksBefore(i).map((mark) => (
            <Text key={mark.name} className='chart-mark' style={{ color: mark.color, borderColor: mark.color }}>
              {mark.name} {mark.value} 分
            </Text>
          ))}
          <View className='chart-row'>
            <Text className='chart-label'>{spec.categories[i]}</Text>
            <View className='chart-bars'>
              {stacked ? (
                <View className='chart-track'>
                  {spec.series.map((s) => (
                    <View key={s.name} className='chart-bar' style={{ width: width(s.values[i] ?? 0, scale), background: s.color }} />
                  ))}
                </View>
              ) : (
                spec.series.map((s) => (
                  <View key={s.name} className='chart-track'>
                    <View className='chart-bar' style={{ width: width(s.values[i] ?? 0, scale), background: s.color }} />
                  </View>
                ))
              )}
            </View>
            <Text className='chart-value'>{spec.series.map((s) => `${s.values[i] ?? 0}${unitOf(spec)}`).join(' / ')}</Text>
          </View>
        </Fragment>
      ))}
    </View>
  );
}
