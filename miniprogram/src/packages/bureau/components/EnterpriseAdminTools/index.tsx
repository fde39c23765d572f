import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { EnterpriseDetail } from '@assess/shared';
import { confirmAction } from '../../../../services/dialogs';
import { inputLabel } from '../../../../platform/inputLabel';
import { tid } from '../../../../platform/testid';
import { imageSource, releaseImage } from '../../platform/files';
import { beijingInstant } from '../../services/beijingInput';
import { staffApi } from '../../services/staffApi';
import { useAction } from '../../hooks/useAction';
import { ActionButton } from '../ActionButton';
import { NoteText } from '../NoteText';
import { Picture } from '../Picture/picture';

function KeyReset({ detail }: { detail: EnterpriseDetail }) {
  const { busy, note, run } = useAction();
  const [issued, setIssued] = useState<{ key: string; loginUrl: string } | null>(null);
  const reset = async () => {
    const ok = await confirmAction('重置密钥', `重置「${detail.row.name}」的密钥？旧密钥和已登录的会话将立即失效，新密钥只显示这一次。`, '重置');
    if (!ok) return;
    await run('busy', async () => setIssued(await staffApi.resetKey(detail.row.id)));
  };
  return (
    <View className='admin-tool'>
      <Text className='admin-tool-title'>密钥</Text>
      <ActionButton testId='key-reset' busyText={busy ? '正在重置…' : null} onClick={() => void reset()}>
        重置密钥
      </ActionButton>
      {issued && (
        <Text className='bnotice success' {...tid('key-issued', { key: issued.key })}>
          新密钥：{issued.key}（只显示这一次，请立即转交企业）{'\n'}登录链接：{issued.loginUrl}
        </Text>
      )}
      <NoteText note={note} testId='key-reset-error' />
    </View>
  );
}

function Extension({ detail, onChanged }: { detail: EnterpriseDetail; onChanged(): void }) {
  const [date, setDate] = useState('');
  const [time, setTime] = useState('24:00');
  const [reason, setReason] = useState('');
  const { busy, note, setNote, run } = useAction();
  const grant = async () => {
    const until = beijingInstant(date, time);
    if ('error' in until) return setNote({ ok: false, text: until.error });
    if (reason.trim().length < 2) return setNote({ ok: false, text: '请填写延期原因（至少 2 个字）' });
    await run('busy', async () => {
      await staffApi.extend(detail.row.id, until.iso, reason.trim());
      onChanged();
      return '已延期，企业可在新的截止时间前继续作答。';
    });
  };
  return (
    <View className='admin-tool'>
      <Text className='admin-tool-title'>延长截止时间（北京时间，记入审计）</Text>
      <View className='toolbar'>
        <Input className='binput short' value={date} placeholder='日期，如 2026-07-05' onInput={(e) => setDate(e.detail.value)} {...inputLabel('延期至日期')} {...tid('extension-date')} />
        <Input className='binput short' value={time} placeholder='时间，如 18:00' onInput={(e) => setTime(e.detail.value)} {...inputLabel('延期至时间')} {...tid('extension-time')} />
        <Input className='binput wide' value={reason} placeholder='延期原因' maxlength={500} onInput={(e) => setReason(e.detail.value)} {...inputLabel('延期原因')} {...tid('extension-reason')} />
        <ActionButton testId='extension-submit' busyText={busy ? '正在保存…' : null} onClick={() => void grant()}>
          延期
        </ActionButton>
      </View>
      <NoteText note={note} testId='extension-status' />
    </View>
  );
}

function QrCode({ detail }: { detail: EnterpriseDetail }) {
  const [source, setSource] = useState<string | null>(null);
  const { busy, note, run } = useAction();
  useEffect(() => () => void (source && releaseImage(source)), [source]);
  const load = () =>
    run('busy', async () => {
      const response = await staffApi.qrCode(detail.row.id);
      setSource(await imageSource(response.data as ArrayBuffer, 'image/png'));
    });
  return (
    <View className='admin-tool'>
      <Text className='admin-tool-title'>测评二维码</Text>
      {!source && (
        <ActionButton testId='qr-load' busyText={busy ? '正在生成…' : null} onClick={() => void load()}>
          显示二维码
        </ActionButton>
      )}
      {source && <Picture className='admin-qr' src={source} alt={`${detail.row.name} 测评二维码`} testId='qr-image' />}
      <NoteText note={note} testId='qr-error' />
    </View>
  );
}

/** National bureau only: reissue the key, extend the deadline, show the QR code of one enterprise. */
export function EnterpriseAdminTools({ detail, onChanged }: { detail: EnterpriseDetail; onChanged(): void }) {
  return (
    <View className='bcard admin-tools' {...tid('admin-tools')}>
      <Text className='bcard-title'>管理操作（国家知识产权局）</Text>
      <KeyReset detail={detail} />
      <Extension detail={detail} onChanged={onChanged} />
      <QrCode detail={detail} />
    </View>
  );
}
