import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { citiesOf, regions, staffAccountInputSchema, staffPasswordSchema } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { ErrorView, LoadingView } from '../../../../components/StateViews';
import { inputLabel } from '../../../../platform/inputLabel';
import { tid } from '../../../../platform/testid';
import { ActionButton } from '../../components/ActionButton';
import { DataTable } from '../../components/DataTable';
import { NoteText } from '../../components/NoteText';
import { Select } from '../../components/Select/select';
import { useAction } from '../../hooks/useAction';
import { confirmAction } from '../../../../services/dialogs';
import { staffApi, type StaffAccount, type StaffRole } from '../../services/staffApi';
import { roleLabels, scopeLabel } from '../../services/staffContext';

const roleOptions = (Object.keys(roleLabels) as StaffRole[]).map((role) => ({ value: role, label: roleLabels[role] }));
const regionOptions = regions.map((r) => ({ value: r.code, label: r.name }));

interface Draft {
  username: string;
  displayName: string;
  password: string;
  role: StaffRole;
  regionCode: string;
  cityCode: string;
}

const emptyDraft: Draft = { username: '', displayName: '', password: '', role: 'region', regionCode: regions[0]?.code ?? '', cityCode: '' };

/** The server's own rules (shared staff schema), checked before the request. */
function issueOf(schema: { safeParse(value: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } }, value: string): string | null {
  const checked = schema.safeParse(value);
  return checked.success ? null : (checked.error?.issues[0]?.message ?? '填写不符合要求');
}
const passwordIssue = (password: string) => issueOf(staffPasswordSchema, password);

function CreateForm({ onCreated }: { onCreated(): void }) {
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const { busy, note, setNote, run } = useAction();
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const cities = citiesOf(draft.regionCode);

  const create = async () => {
    const usernameIssue = issueOf(staffAccountInputSchema.shape.username, draft.username);
    if (usernameIssue) return setNote({ ok: false, text: usernameIssue });
    if (!draft.displayName.trim()) return setNote({ ok: false, text: '请填写姓名或单位' });
    const issue = passwordIssue(draft.password);
    if (issue) return setNote({ ok: false, text: issue });
    if (draft.role === 'city' && !draft.cityCode) return setNote({ ok: false, text: '地市局账号须选择地市' });
    await run('busy', async () => {
      const account = await staffApi.createStaff({
        username: draft.username,
        displayName: draft.displayName.trim(),
        password: draft.password,
        role: draft.role,
        regionCode: draft.role === 'national' ? null : draft.regionCode,
        cityCode: draft.role === 'city' ? draft.cityCode : null,
      });
      setDraft(emptyDraft);
      onCreated();
      return `已创建账号 ${account.username}（${roleLabels[account.role]} · ${scopeLabel({ region: account.regionCode, city: account.cityCode })}）`;
    });
  };

  return (
    <View className='staff-create'>
      <Text className='admin-tool-title'>新建账号</Text>
      <View className='toolbar'>
        <Input className='binput' value={draft.username} placeholder='用户名' onInput={(e) => set({ username: e.detail.value })} {...inputLabel('新账号用户名')} {...tid('staff-new-username')} />
        <Input className='binput' value={draft.displayName} placeholder='姓名或单位' onInput={(e) => set({ displayName: e.detail.value })} {...inputLabel('新账号姓名或单位')} {...tid('staff-new-name')} />
        <Input className='binput' password value={draft.password} placeholder='初始密码（≥10 位，含字母和数字）' onInput={(e) => set({ password: e.detail.value })} {...inputLabel('新账号初始密码')} {...tid('staff-new-password')} />
        <Select label='账号角色' testId='staff-new-role' value={draft.role} options={roleOptions} onChange={(role) => set({ role: role as StaffRole, cityCode: '' })} />
        {draft.role !== 'national' && <Select label='账号所属地区' testId='staff-new-region' value={draft.regionCode} options={regionOptions} onChange={(regionCode) => set({ regionCode, cityCode: '' })} />}
        {draft.role === 'city' && (
          <Select
            label='账号所属地市'
            testId='staff-new-city'
            value={draft.cityCode}
            options={[{ value: '', label: '选择地市' }, ...cities.map((c) => ({ value: c.code, label: c.name }))]}
            onChange={(cityCode) => set({ cityCode })}
          />
        )}
        <ActionButton kind='primary' testId='staff-create' busyText={busy ? '正在创建…' : null} onClick={() => void create()}>
          创建
        </ActionButton>
      </View>
      <NoteText note={note} testId='staff-create-note' />
    </View>
  );
}

/** Bureau accounts: list, create, disable or enable, reset a password. */
export function StaffAccounts() {
  const { data, error, loading, reload } = useAsync(() => staffApi.staffAccounts(), []);
  const { note, setNote, run } = useAction();
  const [resetting, setResetting] = useState<{ id: string; password: string } | null>(null);

  const update = (account: StaffAccount, patch: Parameters<typeof staffApi.updateStaff>[1], done: string) =>
    run('busy', async () => {
      await staffApi.updateStaff(account.id, patch);
      reload();
      return done;
    });

  /** Strangers guessing a user name only slow it down; a locked device of the account's own is the other case. */
  const clearLoginLock = (account: StaffAccount) =>
    run('busy', async () => {
      const lock = await staffApi.staffLoginLock(account.id);
      if (lock.untrusted.failures === 0 && lock.lockedDevices === 0) return `${account.username} 没有登录限制。`;
      const what = `陌生设备错误 ${lock.untrusted.failures} 次${lock.untrusted.nextTryAt ? '（正在延时）' : ''}，锁定的设备 ${lock.lockedDevices} 台`;
      if (!(await confirmAction('解除登录限制', `${account.username}：${what}。解除并记入审计日志？`, '解除'))) return;
      await staffApi.clearStaffLoginLock(account.id);
      return `已解除 ${account.username} 的登录限制。`;
    });

  const savePassword = async (account: StaffAccount) => {
    if (!resetting) return;
    const issue = passwordIssue(resetting.password);
    if (issue) return setNote({ ok: false, text: issue });
    await update(account, { password: resetting.password }, `已重置 ${account.username} 的密码，其已登录的会话随之失效。`);
    setResetting(null);
  };

  return (
    <View className='bcard' {...tid('staff-accounts', { count: data?.accounts.length ?? '' })}>
      <View className='bcard-head'>
        <Text className='bcard-title'>工作人员账号</Text>
        <Text className='bmuted'>地方局账号只能看到本地区（不含计划单列市），地市局账号只能看到本地市</Text>
      </View>
      <CreateForm onCreated={reload} />
      <NoteText note={note} testId='staff-note' />
      {loading && !data && <LoadingView />}
      {!loading && !data && <ErrorView error={error} onRetry={reload} />}
      {data && (
        <DataTable<StaffAccount>
          testId='staff-table'
          rows={data.accounts}
          rowKey={(a) => a.username}
          rowTestId='staff'
          columns={[
            { key: 'username', title: '用户名', render: (a) => a.username },
            { key: 'name', title: '姓名或单位', render: (a) => a.displayName },
            { key: 'role', title: '角色', render: (a) => roleLabels[a.role] },
            { key: 'scope', title: '范围', render: (a) => scopeLabel({ region: a.regionCode, city: a.cityCode }) },
            { key: 'state', title: '状态', render: (a) => (a.disabled ? <Text className='btag danger'>已停用</Text> : <Text className='btag success'>正常</Text>) },
            {
              key: 'actions',
              title: '操作',
              render: (a) =>
                resetting?.id === a.id ? (
                  <View className='toolbar staff-reset'>
                    <Input className='binput' password value={resetting.password} placeholder='新密码' onInput={(e) => setResetting({ id: a.id, password: e.detail.value })} {...inputLabel(`${a.username} 的新密码`)} />
                    <Text className='blink' onClick={() => void savePassword(a)}>
                      保存
                    </Text>
                    <Text className='blink' onClick={() => setResetting(null)}>
                      取消
                    </Text>
                  </View>
                ) : (
                  <View className='toolbar staff-actions'>
                    <Text className='blink' onClick={() => setResetting({ id: a.id, password: '' })}>
                      重置密码
                    </Text>
                    <Text
                      className='blink'
                      onClick={() => void update(a, { disabled: !a.disabled }, a.disabled ? `已启用 ${a.username}` : `已停用 ${a.username}，其已登录的会话随之失效。`)}
                      {...tid(`staff-toggle-${a.username}`)}
                    >
                      {a.disabled ? '启用' : '停用'}
                    </Text>
                    <Text className='blink' onClick={() => void clearLoginLock(a)} {...tid(`staff-unlock-${a.username}`)}>
                      登录限制
                    </Text>
                  </View>
                ),
            },
          ]}
        />
      )}
    </View>
  );
}
