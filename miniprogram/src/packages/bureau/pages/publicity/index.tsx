import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { regionByCode, titleLabels, type PublicityView } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { ErrorView, LoadingView } from '../../../../components/StateViews';
import { tid } from '../../../../platform/testid';
import { BureauShell, type Staff } from '../../components/BureauShell';
import { ActionButton } from '../../components/ActionButton';
import { Select } from '../../components/Select/select';
import { DataTable } from '../../components/DataTable';
import { NoteText } from '../../components/NoteText';
import { useAction } from '../../hooks/useAction';
import { saveFile } from '../../platform/files';
import { beijingFields, beijingInstant } from '../../services/beijingInput';
import { bureauRoutes } from '../../services/routes';
import { reviewsApi } from '../../services/reviewsApi';

type Objection = PublicityView['objections'][number];
type Kind = 'period' | 'objection' | 'decide' | 'certify' | 'xlsx' | 'pdf';
const short = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function PeriodForm({ view, run, busy, onDone }: { view: PublicityView; run: ReturnType<typeof useAction<Kind>>['run']; busy: Kind | null; onDone(next: PublicityView): void }) {
  const start = view.period ? beijingFields(view.period.startsAt) : { date: '', time: '09:00' };
  const end = view.period ? beijingFields(view.period.endsAt) : { date: '', time: '18:00' };
  const [fields, setFields] = useState({ startDate: start.date, startTime: start.time, endDate: end.date, endTime: end.time });
  const set = (key: keyof typeof fields) => (e: { detail: { value: string } }) => setFields({ ...fields, [key]: e.detail.value });
  const save = () =>
    void run('period', async () => {
      const startsAt = beijingInstant(fields.startDate, fields.startTime);
      const endsAt = beijingInstant(fields.endDate, fields.endTime);
      if ('error' in startsAt) throw new Error(`开始时间：${startsAt.error}`);
      if ('error' in endsAt) throw new Error(`结束时间：${endsAt.error}`);
      onDone(await reviewsApi.schedule(view.campaignId, { startsAt: startsAt.iso, endsAt: endsAt.iso }));
      return '已设置公示期';
    });
  return (
    <View className='toolbar'>
      <Text>开始</Text>
      <Input className='binput short' placeholder='2026-08-01' value={fields.startDate} onInput={set('startDate')} {...tid('publicity-start-date')} />
      <Input className='binput short' placeholder='09:00' value={fields.startTime} onInput={set('startTime')} {...tid('publicity-start-time')} />
      <Text>结束</Text>
      <Input className='binput short' placeholder='2026-08-07' value={fields.endDate} onInput={set('endDate')} {...tid('publicity-end-date')} />
      <Input className='binput short' placeholder='18:00' value={fields.endTime} onInput={set('endTime')} {...tid('publicity-end-time')} />
      <ActionButton kind='primary' busyText={busy === 'period' ? '正在保存…' : null} testId='publicity-save' onClick={save}>
        {view.period ? '修改公示期' : '设置公示期'}
      </ActionButton>
    </View>
  );
}

function ObjectionForm({ view, run, busy, onDone }: { view: PublicityView; run: ReturnType<typeof useAction<Kind>>['run']; busy: Kind | null; onDone(next: PublicityView): void }) {
  const [from, setFrom] = useState('');
  const [content, setContent] = useState('');
  const [enterpriseId, setEnterpriseId] = useState('');
  const record = () =>
    void run('objection', async () => {
      onDone(await reviewsApi.recordObjection(view.campaignId, { enterpriseId: enterpriseId.trim() || null, from, receivedAt: new Date().toISOString(), content }));
      setFrom('');
      setContent('');
      setEnterpriseId('');
      return '已登记异议';
    });
  return (
    <View className='toolbar'>
      <Input className='binput short' placeholder='反映人' value={from} onInput={(e) => setFrom(e.detail.value)} {...tid('objection-from')} />
      <Input className='binput wide' placeholder='异议内容' value={content} onInput={(e) => setContent(e.detail.value)} {...tid('objection-content')} />
      <Select
        label='涉及企业'
        testId='objection-enterprise'
        value={enterpriseId}
        options={[{ value: '', label: '涉及企业：名单整体' }, ...view.listed.enterprises.map((e) => ({ value: e.enterpriseId, label: `${e.name}（${regionByCode(e.regionCode)?.shortName ?? ''}·${titleLabels[e.title]}）` }))]}
        onChange={setEnterpriseId}
      />
      <ActionButton disabled={from.trim() === '' || content.trim().length < 2} busyText={busy === 'objection' ? '正在登记…' : null} testId='objection-record' onClick={record}>
        登记异议
      </ActionButton>
    </View>
  );
}

function PublicityBody({ staff }: { staff: Staff }) {
  const { data, error, loading, reload } = useAsync(() => reviewsApi.publicity(staff.campaign.id), [staff.campaign.id]);
  const [latest, setLatest] = useState<PublicityView | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const action = useAction<Kind>();
  const { busy, note, run } = action;
  const view = latest ?? data;
  if (loading && !view) return <LoadingView />;
  if (!view) return <ErrorView error={error} onRetry={reload} />;
  const certified = view.phase === 'certified';
  const undecided = view.objections.filter((o) => !o.outcome).length;
  const decide = (objection: Objection, outcome: 'upheld' | 'dismissed') =>
    void run('decide', async () => {
      setLatest(await reviewsApi.decideObjection(view.campaignId, objection.id, outcome, notes[objection.id] ?? ''));
      return outcome === 'upheld' ? '异议成立：该企业不予认定' : '异议不成立';
    });
  const publicUrl = bureauRoutes.publicPublicity(view.campaignId);

  return (
    <View {...tid('publicity', { phase: view.phase, objections: view.objections.length, listed: view.listed.advantage + view.listed.demonstration })}>
      <View className='stat-grid'>
        <View className='stat'>
          <Text className='stat-value'>{view.phaseLabel}</Text>
          <Text className='stat-label'>公示状态</Text>
        </View>
        <View className='stat'>
          <Text className='stat-value'>{view.confirmedRegions}</Text>
          <Text className='stat-label'>已确认上报材料的地区</Text>
        </View>
        <View className='stat'>
          <Text className='stat-value'>
            {view.listed.advantage} / {view.listed.demonstration}
          </Text>
          <Text className='stat-label'>公示名单：优势 / 示范（{view.listed.regions.length} 个地区）</Text>
        </View>
      </View>
      <View className='bcard'>
        <Text className='bcard-title'>公示期</Text>
        <Text className='bmuted'>
          {view.period ? `${short(view.period.startsAt)} 至 ${short(view.period.endsAt)}（北京时间）` : '尚未设置。'}公示名单按设置时已确认的地区材料生成；公示开始后只能延后结束时间。
        </Text>
        {!certified && <PeriodForm view={view} run={run} busy={busy} onDone={setLatest} />}
        {view.period && (
          <Text className='blink' {...tid('publicity-public-link', { url: publicUrl })}>
            公示页（无需登录）：{publicUrl}
          </Text>
        )}
      </View>
      <View className='bcard' {...tid('objections', { count: view.objections.length, undecided })}>
        <Text className='bcard-title'>异议（{view.objections.length} 件，待处理 {undecided} 件）</Text>
        {(view.phase === 'open' || view.phase === 'ended') && <ObjectionForm view={view} run={run} busy={busy} onDone={setLatest} />}
        {view.objections.length > 0 && (
          <DataTable<Objection>
            rows={view.objections}
            rowKey={(o) => o.id}
            rowTestId='objection'
            columns={[
              { key: 'when', title: '收到时间', render: (o) => short(o.receivedAt) },
              { key: 'from', title: '反映人', render: (o) => o.from },
              { key: 'about', title: '涉及企业', wrap: true, render: (o) => o.enterpriseName ?? '（名单整体）' },
              { key: 'content', title: '内容', wrap: true, render: (o) => o.content },
              {
                key: 'outcome',
                title: '处理结论',
                wrap: true,
                render: (o) =>
                  o.outcome ? (
                    <Text>{`${o.outcome.decision === 'upheld' ? '成立' : '不成立'}：${o.outcome.note}`}</Text>
                  ) : certified ? (
                    '—'
                  ) : (
                    <View className='toolbar'>
                      <Input className='binput short' placeholder='处理说明' value={notes[o.id] ?? ''} onInput={(e) => setNotes({ ...notes, [o.id]: e.detail.value })} {...tid(`objection-note-${o.id}`)} />
                      <ActionButton kind='danger' disabled={(notes[o.id] ?? '').trim().length < 2 || busy !== null} testId={`objection-upheld-${o.id}`} onClick={() => decide(o, 'upheld')}>
                        成立
                      </ActionButton>
                      <ActionButton disabled={(notes[o.id] ?? '').trim().length < 2 || busy !== null} testId={`objection-dismissed-${o.id}`} onClick={() => decide(o, 'dismissed')}>
                        不成立
                      </ActionButton>
                    </View>
                  ),
              },
            ]}
          />
        )}
      </View>
      <View className='bcard' {...tid('certification', { certified })}>
        <Text className='bcard-title'>认定</Text>
        {view.certification ? (
          <Text className='bnotice success'>
            已于 {short(view.certification.certifiedAt)} 认定：优势企业 {view.certification.counts.advantage} 家、示范企业 {view.certification.counts.demonstration} 家，考核复核通过 {view.certification.counts.reviewPassed} 项。名单摘要 SHA-256：{view.certification.digest}
          </Text>
        ) : (
          <View className='toolbar'>
            <ActionButton kind='primary' disabled={view.phase !== 'ended' || undecided > 0} busyText={busy === 'certify' ? '正在认定…' : null} testId='publicity-certify' onClick={() => void run('certify', async () => {
              setLatest(await reviewsApi.certify(view.campaignId));
              return '已认定';
            })}>
              固定认定名单
            </ActionButton>
            <Text className='bmuted'>公示期满、异议全部处理后可认定；成立的异议所涉企业不予认定。</Text>
          </View>
        )}
        {view.listed.regions.length > 0 && (
          <View className='toolbar'>
            <ActionButton busyText={busy === 'xlsx' ? '正在导出…' : null} testId='publicity-export-xlsx' onClick={() => void run('xlsx', async () => saveFile(await reviewsApi.exportXlsx(view.campaignId), `${certified ? '认定名单' : '公示名单'}.xlsx`))}>
              导出 Excel
            </ActionButton>
            <ActionButton busyText={busy === 'pdf' ? '正在导出…' : null} testId='publicity-export-pdf' onClick={() => void run('pdf', async () => saveFile(await reviewsApi.exportPdf(view.campaignId), `${certified ? '认定名单' : '公示名单'}.pdf`))}>
              导出 PDF
            </ActionButton>
          </View>
        )}
      </View>
      <NoteText note={note} testId='publicity-note' />
    </View>
  );
}

/** National: the 公示 period, the objections received and their outcomes, the certification and the exports. */
export default function PublicityPage() {
  return (
    <BureauShell section='publicity' nationalOnly>
      {(staff) => <PublicityBody staff={staff} />}
    </BureauShell>
  );
}
