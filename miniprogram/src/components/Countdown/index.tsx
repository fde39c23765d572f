import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { serverClock } from '../../services/clock';
import { formatRemaining, remainingUntil } from '../../services/serverClock';
import { tid } from '../../platform/testid';
import './index.scss';

export interface CountdownProps {
  /** ISO instant to count down to. */
  target: string;
  label: string;
  /** Called once when the target is reached (server time). */
  onReached?: () => void;
}

/**
 * A countdown on server time: the device clock only measures the seconds passing, the offset
 * to the server was taken when /api/me answered. Re-renders itself alone, once a second.
 */
export function Countdown({ target, label, onReached }: CountdownProps) {
  const [now, setNow] = useState(() => serverClock.now());
  const remaining = remainingUntil(target, now);
  const reached = remaining.totalMs <= 0;

  useEffect(() => {
    if (reached) {
      onReached?.();
      return undefined;
    }
    const timer = setInterval(() => setNow(serverClock.now()), 1000);
    return () => clearInterval(timer);
  }, [reached, onReached]);

  const urgent = remaining.totalMs < 24 * 3600 * 1000;
  return (
    <View className={`countdown ${urgent ? 'urgent' : ''}`} {...tid('countdown')}>
      <Text className='countdown-label'>{label}</Text>
      <Text className='countdown-value'>{formatRemaining(remaining)}</Text>
    </View>
  );
}
