import { memo } from 'react';
import { Text, View } from '@tarojs/components';
import { formatChange } from '../../services/answerText';
import { scoreBand, scoreBandLegend, scoreBandText } from '../../services/scoreBands';
import { tid } from '../../platform/testid';
import './index.scss';

export interface DimensionBarsProps {
  dimensions: ReadonlyArray<{ id: string; title: string; score: number; max: number }>;
  /** The previous attempt's score per dimension id, to show the change. */
  previous?: Readonly<Record<string, number>>;
}

/**
 * Per-dimension scores as horizontal bars drawn with views: a dozen bars need no chart library
 * (ECharts would add ~400 KB to the main package), and they render the same on WeChat and H5.
 */
export const DimensionBars = memo(function DimensionBars({ dimensions, previous }: DimensionBarsProps) {
  return (
    <View className='dimension-bars' {...tid('dimension-chart')}>
      {dimensions.map((d) => {
        const share = d.max > 0 ? Math.max(0, Math.min(1, d.score / d.max)) : 0;
        const band = scoreBand(d.score, d.max);
        const before = previous?.[d.id];
        const delta = before === undefined ? null : d.score - before;
        return (
          <View key={d.id} className='dimension-bar' {...tid(`dimension-${d.id}`, { score: d.score })}>
            <View className='dimension-bar-head'>
              <Text className='dimension-bar-title'>{d.title}</Text>
              <Text className='dimension-bar-score'>
                {d.score} / {d.max}
                {delta !== null && delta !== 0 && <Text className={delta > 0 ? 'up' : 'down'}> {formatChange(delta)}</Text>}
              </Text>
            </View>
            <View className='dimension-bar-track'>
              <View className={`dimension-bar-fill ${band}`} style={{ width: `${(share * 100).toFixed(1)}%` }} />
              <Text className='sr-only'>{scoreBandText[band]}</Text>
            </View>
          </View>
        );
      })}
      <View className='dimension-legend' {...tid('dimension-legend')}>
        {scoreBandLegend.map((entry) => (
          <View key={entry.band} className='dimension-legend-item'>
            <View className={`dimension-legend-swatch ${entry.band}`} />
            <Text>
              {entry.colour}：{entry.text}
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
});
