import { memo } from 'react';
import { Text, View } from '@tarojs/components';
import { tid } from '../../platform/testid';
import './index.scss';

export interface ScorePreviewProps {
  total: number;
  max: number;
}

/** The live estimate from the shared scoring engine — explicitly not the score of record. */
export const ScorePreview = memo(function ScorePreview({ total, max }: ScorePreviewProps) {
  return (
    <View className='score-preview' {...tid('score-preview', { total })}>
      <Text className='score-preview-label'>预估分（仅供参考，以服务器评分为准）</Text>
      <Text className='score-preview-value'>
        {total}
        <Text className='score-preview-max'> / {max}</Text>
      </Text>
    </View>
  );
});
