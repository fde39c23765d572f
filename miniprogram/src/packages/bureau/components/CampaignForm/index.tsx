import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { campaignInputSchema, errorCatalogue, isValidWindow, type CampaignInput, type CampaignView } from '@assess/shared';
import { inputLabel } from '../../../../platform/inputLabel';
import { tid } from '../../../../platform/testid';
import { ActionButton } from '../ActionButton';
import { NoteText } from '../NoteText';
import { Toggle } from '../Toggle/toggle';
import { Select } from '../Select/select';
import { useAsync } from '../../../../hooks/useAsync';
import { beijingFields, beijingInstant } from '../../services/beijingInput';
import { useAction } from '../../hooks/useAction';
import { bureauRoutes } from '../../services/routes';
import { staffApi } from '../../services/staffApi';
import { forgetStaffContext, rememberCampaign } from '../../services/staffContext';

const DEFAULT_QUESTIONNAIRE = 'iso56005-56002@2023';

interface Fields {
  name: string;
  year: string;
  questionnaire: string;
  openDate: string;
  openTime: string;
  closeDate: string;
  closeTime: string;
  hideScores: boolean;
}

function fieldsOf(campaign: CampaignView | null): Fields {
  if (!campaign) {
    const year = String(new Date().getFullYear());
    return { name: '', year, questionnaire: DEFAULT_QUESTIONNAIRE, openDate: '', openTime: '09:00', closeDate: '', closeTime: '24:00', hideScores: true };
  }
  const opens = beijingFields(campaign.opensAt);
  const closes = beijingFields(campaign.closesAt);
  return {
    name: campaign.name,
    year: String(campaign.year),
    questionnaire: campaign.questionnaire,
    openDate: opens.date,
    openTime: opens.time,
    closeDate: closes.date,
    closeTime: closes.time,
    hideScores: campaign.settings.hideScoresDuringWindow,
  };
}

/** Each input's accessible name (the words beside it name a group of two: 开放 date and time). */
const fieldNames: Record<string, string> = {
  name: '活动名称',
  year: '年度',
  questionnaire: '问卷',
  'open-date': '开放日期',
  'open-time': '开放时间',
  'close-date': '关闭日期',
  'close-time': '关闭时间',
};

/** The form as the API's input, checked with the API's own schema; or the first reason it is not. */
function toInput(f: Fields): { input: CampaignInput } | { error: string } {
  const opens = beijingInstant(f.openDate, f.openTime);
  if ('error' in opens) return { error: `开放时间：${opens.error}` };
  const closes = beijingInstant(f.closeDate, f.closeTime);
  if ('error' in closes) return { error: `关闭时间：${closes.error}` };
  if (!isValidWindow(new Date(opens.iso), new Date(closes.iso))) return { error: errorCatalogue.CAMPAIGN_WINDOW_INVALID.message };
  const checked = campaignInputSchema.safeParse({
    name: f.name,
    year: Number(f.year),
    questionnaire: f.questionnaire.trim(),
    opensAt: opens.iso,
    closesAt: closes.iso,
    settings: { hideScoresDuringWindow: f.hideScores },
  });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const labels: Record<string, string> = { name: '活动名称', year: '年度', questionnaire: '问卷版本' };
    return { error: `${labels[String(issue?.path[0])] ?? '活动设置'}填写有误` };
  }
  return { input: checked.data };
}

/**
 * Creates a campaign, or changes the one chosen (its window, the questionnaire before it opens,
 * whether scores stay hidden while it is open). Times are Beijing time, as the notices write them
 * (24:00 is the end of a day). Saving reloads the workbench on the campaign saved.
 */
export function CampaignForm({ campaign }: { campaign: CampaignView | null }) {
  const [fields, setFields] = useState<Fields>(() => fieldsOf(campaign));
  const { busy, note, setNote, run } = useAction();
  // The stored versions by title (the ref is what the API takes, not what a person reads).
  const stored = useAsync(() => staffApi.questionnaires().then((r) => r.questionnaires), []);
  const questionnaireOptions = [
    ...(stored.data ?? []).map((q) => ({ value: q.ref, label: `${q.title} · ${q.version} 版` })),
    ...(stored.data?.some((q) => q.ref === fields.questionnaire) ? [] : [{ value: fields.questionnaire, label: stored.data ? `${fields.questionnaire}（未存储）` : '正在读取问卷…' }]),
  ];
  const set = (patch: Partial<Fields>) => setFields((current) => ({ ...current, ...patch }));
  const creating = campaign === null;

  const save = async () => {
    const built = toInput(fields);
    if ('error' in built) return setNote({ ok: false, text: built.error });
    await run('busy', async () => {
      const saved = creating ? await staffApi.createCampaign(built.input) : await staffApi.updateCampaign(campaign.id, built.input);
      rememberCampaign(saved.id);
      forgetStaffContext();
      setTimeout(() => void Taro.redirectTo({ url: bureauRoutes.admin() }), 600);
      return creating ? `已创建：${saved.name}` : '已保存，每家企业的测评时间随之更新';
    });
  };

  const input = (id: string, value: string, placeholder: string, onInput: (value: string) => void, width = 'short') => (
    <Input className={`binput ${width}`} value={value} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} {...inputLabel(fieldNames[id] ?? placeholder)} {...tid(`campaign-${id}`)} />
  );

  return (
    <View className='bcard' {...tid('campaign-form', { mode: creating ? 'create' : 'edit' })}>
      <View className='bcard-head'>
        <Text className='bcard-title'>{creating ? '创建测评活动' : '活动设置'}</Text>
        <Text className='bmuted'>时间均为北京时间；“24:00”表示当日结束。关闭时间以服务器收到提交的时间为准。</Text>
      </View>
      <View className='toolbar'>
        <Text>名称</Text>
        {input('name', fields.name, '活动名称，如 2027年度企业测评', (name) => set({ name }), 'wide')}
        <Text>年度</Text>
        {input('year', fields.year, '如 2027', (year) => set({ year }))}
        <Text>问卷</Text>
        <Select label='问卷' testId='campaign-questionnaire' value={fields.questionnaire} options={questionnaireOptions} onChange={(questionnaire) => set({ questionnaire })} />
      </View>
      <View className='toolbar'>
        <Text>开放</Text>
        {input('open-date', fields.openDate, '日期，如 2027-03-01', (openDate) => set({ openDate }))}
        {input('open-time', fields.openTime, '时间，如 09:00', (openTime) => set({ openTime }))}
        <Text>关闭</Text>
        {input('close-date', fields.closeDate, '日期，如 2027-06-30', (closeDate) => set({ closeDate }))}
        {input('close-time', fields.closeTime, '时间，如 24:00', (closeTime) => set({ closeTime }))}
      </View>
      <View className='toolbar'>
        <Toggle checked={fields.hideScores} onChange={(hideScores) => set({ hideScores })} label='测评期间对地方局隐藏分数' testId='campaign-hide-scores' />
        <ActionButton kind='primary' testId='campaign-save' busyText={busy ? '正在保存…' : null} onClick={() => void save()}>
          {creating ? '创建活动' : '保存设置'}
        </ActionButton>
      </View>
      <NoteText note={note} testId='campaign-note' />
    </View>
  );
}
