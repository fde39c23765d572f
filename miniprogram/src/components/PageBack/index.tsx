import { memo } from 'react';
import { Text, View } from '@tarojs/components';
import { goHome } from '../../services/navigation';
import { pressable } from '../../platform/pressable';
import { tid } from '../../platform/testid';
import './index.scss';

/**
 * '‹ 返回首页' at the top of a page a user can reach deep in the app: in a PC browser there is no
 * navigation bar, and the browser's own back button is not where a first-time user looks.
 */
export const PageBack = memo(function PageBack({ label = '返回首页' }: { label?: string }) {
  return (
    <View className='page-back-bar'>
      <Text className='page-back' onClick={goHome} {...pressable({ role: 'link', label })} {...tid('page-home')}>
        ‹ {label}
      </Text>
    </View>
  );
});
