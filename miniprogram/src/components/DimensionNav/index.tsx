import { memo } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import { pressable } from '../../platform/pressable';
import { tid } from '../../platform/testid';
import './index.scss';

export interface DimensionNavItem {
  key: string;
  title: string;
  answered: number;
  visible: number;
  /** Required questions not yet answered. */
  missing: number;
}

export interface DimensionNavProps {
  items: readonly DimensionNavItem[];
  active: string;
  onSelect(key: string): void;
}

/** The dimensions as scrollable tabs, each with how much of it is answered. */
export const DimensionNav = memo(function DimensionNav({ items, active, onSelect }: DimensionNavProps) {
  return (
    <ScrollView className='dimension-nav' scrollX scrollIntoView={`nav-${active}`} scrollWithAnimation>
      {items.map((item, i) => {
        const done = item.missing === 0 && item.answered > 0;
        return (
          <View
            key={item.key}
            id={`nav-${item.key}`}
            className={`dimension-tab ${item.key === active ? 'active' : ''} ${done ? 'done' : ''}`}
            onClick={() => onSelect(item.key)}
            {...pressable({ pressed: item.key === active })}
            {...tid(`nav-${item.key}`, { active: item.key === active, missing: item.missing })}
          >
            <Text className='dimension-tab-title'>
              {i + 1}. {item.title}
            </Text>
            <Text className='dimension-tab-progress'>
              {done ? '✓ ' : ''}
              {item.answered}/{item.visible}
            </Text>
          </View>
        );
      })}
    </ScrollView>
  );
});
