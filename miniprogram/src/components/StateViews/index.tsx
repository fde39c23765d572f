import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { describeError } from '../../services/errorText';
import { tid } from '../../platform/testid';
import './index.scss';

/** Loading, error and empty states, so every page says what is happening instead of going blank. */

export function LoadingView({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='state-view' {...tid('state-loading')}>
      <View className='state-spinner' />
      <Text className='state-text'>{text}</Text>
    </View>
  );
}

export interface ErrorViewProps {
  error: unknown;
  /** Shown as a button when given. */
  onRetry?: () => void;
  retryText?: string;
  /** Another way out, shown beside (or instead of) the retry: a link to a page that works. */
  children?: ReactNode;
}

export function ErrorView({ error, onRetry, retryText = '重试', children }: ErrorViewProps) {
  return (
    <View className='state-view' {...tid('state-error')}>
      <Text className='state-icon'>!</Text>
      <Text className='state-text error' {...{ role: 'alert' }}>
        {describeError(error)}
      </Text>
      {onRetry && (
        <Button type='primary' fill='outline' onClick={onRetry} {...tid('state-retry')}>
          {retryText}
        </Button>
      )}
      {children && <View className='state-actions'>{children}</View>}
    </View>
  );
}

export function EmptyView({ text }: { text: string }) {
  return (
    <View className='state-view' {...tid('state-empty')}>
      <Text className='state-text'>{text}</Text>
    </View>
  );
}
