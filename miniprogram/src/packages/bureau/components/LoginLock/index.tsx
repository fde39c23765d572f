import { Text, View } from '@tarojs/components';
import type { EnterpriseLoginLock } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { confirmAction } from '../../../../services/dialogs';
import { formatDateTime } from '../../../../services/beijingTime';
import { tid } from '../../../../platform/testid';
import { staffApi } from '../../services/staffApi';
import { useAction } from '../../hooks/useAction';
import { ActionButton } from '../ActionButton';
import { NoteText } from '../NoteText';

const restricted = (lock: EnterpriseLoginLock) => lock.scene.failures > 0 || lock.scene.lockedUntil !== null || lock.uscc.failures > 0 || lock.uscc.nextTryAt !== null;

/**
 * An enterprise's login counters, for the bureau that answers its phone call: the QR path's
 * wrong keys and lock, the USCC path's delay (strangers can cause that one), and the audited
 * action that clears both.
 */
export function LoginLock({ enterpriseId, name }: { enterpriseId: string; name: string }) {
  const { data, reload } = useAsync(() => staffApi.loginLock(enterpriseId), [enterpriseId]);
  const { busy, note, run } = useAction();
  if (!data) return null;
  const clear = async () => {
    if (!(await confirmAction('解除登录限制', `清零「${name}」两种登录方式的密钥错误次数并解除锁定？此操作记入审计日志。`, '解除'))) return;
    await run('busy', async () => {
      await staffApi.clearLoginLock(enterpriseId);
      reload();
      return '已解除，企业现在可以用密钥登录。';
    });
  };
  return (
    <View className='bcard' {...tid('login-lock', { restricted: restricted(data) })}>
      <Text className='bcard-title'>登录限制</Text>
      <Text className='bmuted'>
        扫码登录：密钥错误 {data.scene.failures} 次（{data.scene.limit} 次后锁定 15 分钟）
        {data.scene.lockedUntil ? `，锁定至 ${formatDateTime(data.scene.lockedUntil)}` : ''}
      </Text>
      <Text className='bmuted'>
        统一社会信用代码登录：错误 {data.uscc.failures} 次（他人也可能输错，只会延时、不会锁定）
        {data.uscc.nextTryAt ? `，${formatDateTime(data.uscc.nextTryAt)} 后可再试` : ''}
      </Text>
      {restricted(data) && (
        <ActionButton testId='login-lock-clear' busyText={busy ? '正在解除…' : null} onClick={() => void clear()}>
          解除登录限制
        </ActionButton>
      )}
      <NoteText note={note} testId='login-lock-note' />
    </View>
  );
}
