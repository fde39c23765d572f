import { memo } from 'react';
import { Text, View } from '@tarojs/components';
import type { SyncSnapshot } from '../../services/draftSync';
import { formatClock } from '../../services/beijingTime';
import { pressable } from '../../platform/pressable';
import { tid } from '../../platform/testid';
import './index.scss';

export interface SyncIndicatorProps {
  snapshot: Pick<SyncSnapshot, 'state' | 'savedAt' | 'unsynced' | 'localError' | 'lastError' | 'refused'>;
  /** What the platform says about the network. */
  online: boolean;
  onLogin?: () => void;
}

type Tone = 'ok' | 'busy' | 'warn' | 'danger';

function describe({ snapshot, online }: SyncIndicatorProps): { tone: Tone; text: string } {
  const { state, savedAt, unsynced } = snapshot;
  if (!online && state !== 'closed') return { tone: 'warn', text: '离线：答案已保存在本机，联网后自动同步' };
  switch (state) {
    case 'synced': {
      const held = Object.keys(snapshot.refused).length || unsynced;
      if (held > 0) return { tone: 'warn', text: `已保存；${held} 题填写有误，改正后自动保存到服务器` };
      return { tone: 'ok', text: savedAt ? `已自动保存 ${formatClock(savedAt)}` : '答案会自动保存' };
    }
    case 'pending':
    case 'saving':
      return { tone: 'busy', text: '正在保存…' };
    case 'offline':
      return { tone: 'warn', text: '网络不可用：答案已保存在本机，恢复后自动同步' };
    case 'retrying':
      return { tone: 'warn', text: '服务器暂时无法保存：答案已保存在本机，稍后自动重试' };
    case 'conflict':
      return { tone: 'danger', text: '其他设备修改了相同的题目，请选择保留哪一份' };
    case 'closed':
      return { tone: 'danger', text: snapshot.lastError || '测评系统已关闭，答案只能查看' };
    case 'expired':
      return { tone: 'danger', text: '登录已失效：答案已保存在本机，重新登录后自动同步' };
  }
}

/** The autosave status line: saved / saving / offline / conflict, always visible while answering. */
export const SyncIndicator = memo(function SyncIndicator(props: SyncIndicatorProps) {
  const { tone, text } = describe(props);
  const state = !props.online && props.snapshot.state !== 'closed' ? 'offline' : props.snapshot.state;
  return (
    <View className={`sync-indicator ${tone}`} {...{ role: 'status' }} {...tid('sync-status', { state, engine: props.snapshot.state })}>
      <View className='sync-dot' />
      <Text className='sync-text'>{text}</Text>
      {props.snapshot.state === 'expired' && props.onLogin && (
        <Text className='sync-action' onClick={props.onLogin} {...pressable({ role: 'link' })}>
          重新登录
        </Text>
      )}
      {props.snapshot.localError && <Text className='sync-local-error'>{props.snapshot.localError}</Text>}
    </View>
  );
});
