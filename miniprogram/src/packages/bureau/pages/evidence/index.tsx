import { useState } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { defaultEvidenceChecklist, evidenceKindLabels, formatBytes, type EvidenceSetView } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { EmptyView, ErrorView, LoadingView } from '../../../../components/StateViews';
import { inputLabel } from '../../../../platform/inputLabel';
import { tid } from '../../../../platform/testid';
import { BureauShell, type Staff } from '../../components/BureauShell';
import { ActionButton } from '../../components/ActionButton';
import { DataTable } from '../../components/DataTable';
import { NoteText } from '../../components/NoteText';
import { useAction } from '../../hooks/useAction';
import { saveFile } from '../../platform/files';
import { evidenceStaffApi } from '../../services/evidenceApi';

const short = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');
const DAY = 24 * 60 * 60 * 1000;

/** Opens a file's bytes in a new browser tab (H5); on WeChat it is saved and opened like a download. */
function viewInBrowser(bytes: ArrayBuffer, type: string): boolean {
  if (typeof window === 'undefined' || typeof URL === 'undefined' || !('createObjectURL' in URL)) return false;
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

function SetDetail({ staff, enterpriseId, onChanged }: { staff: Staff; enterpriseId: string; onChanged(): void }) {
  const campaignId = staff.campaign.id;
  const { data, error, loading, reload } = useAsync(() => evidenceStaffApi.set(campaignId, enterpriseId), [campaignId, enterpriseId]);
  const [set, setSet] = useState<EvidenceSetView | null>(null);
  const [comments, setComments] = useState<Record<string, string>>({});
  const [requestComment, setRequestComment] = useState('');
  const [days, setDays] = useState('7');
  const [note, setNote] = useState('');
  const { busy, note: actionNote, run } = useAction<string>();
  if (loading && !data) return <LoadingView />;
  if (!data) return <ErrorView error={error} onRetry={reload} />;
  const view = set ?? data;
  const changed = (next: EvidenceSetView, text: string) => {
    setSet(next);
    onChanged();
    return text;
  };
  const needsMore = view.items.filter((item) => item.mark?.verdict === 'needs_more').map((item) => item.id);
  const local = staff.me.role !== 'national';
  return (
    <View className='bcard' {...tid('evidence-detail', { state: view.state, enterprise: enterpriseId })}>
      <Text className='bcard-title'>
        {view.enterprise.name}（{view.enterprise.uscc}）· {view.stateLabel}
      </Text>
      <Text className='bmuted'>
        评审要点第 {view.checklistVersion} 版 · 截止 {short(view.deadline)} · 已提交 {view.receipts.length} 次 · 材料合计 {formatBytes(view.usage.bytes)}
      </Text>
      {view.items.map((item) => (
        <View key={item.id} className='bcard' {...tid(`evidence-review-${item.id}`, { verdict: item.mark?.verdict ?? '', files: item.files.length })}>
          <Text className='bcard-title'>
            {item.title}
            {item.required ? '（必填）' : ''} · {item.progress.complete ? '已完成' : '未完成'}
            {item.mark ? ` · ${item.mark.verdictLabel}` : ''}
          </Text>
          {item.answer && <Text style={{ display: 'block' }}>{item.text?.label}：{item.answer}</Text>}
          {[...item.files, ...item.history].map((file) => (
            <View key={file.id} className='brow'>
              <Text className={file.replacedAt ? 'bmuted' : ''}>
                {file.name}（{formatBytes(file.bytes)}）{file.replacedAt ? ' · 旧版本' : ''} · SHA-256 {file.sha256.slice(0, 16)}…
              </Text>
              <ActionButton
                testId={`evidence-view-${item.id}`}
                busyText={busy === `view-${file.id}` ? '打开中…' : null}
                onClick={() =>
                  void run(`view-${file.id}`, async () => {
                    const response = await evidenceStaffApi.file(campaignId, enterpriseId, file.id, true);
                    return viewInBrowser(response.data as ArrayBuffer, response.headers['content-type'] ?? 'application/octet-stream') ? `已在新窗口打开：${file.name}` : saveFile(response, file.name);
                  })
                }
              >
                查看
              </ActionButton>
              <ActionButton testId={`evidence-download-${item.id}`} busyText={busy === `dl-${file.id}` ? '下载中…' : null} onClick={() => void run(`dl-${file.id}`, async () => saveFile(await evidenceStaffApi.file(campaignId, enterpriseId, file.id, false), file.name))}>
                下载
              </ActionButton>
            </View>
          ))}
          {item.files.length === 0 && <Text className='bmuted'>未上传文件</Text>}
          <Input className='binput wide' value={comments[item.id] ?? item.mark?.comment ?? ''} onInput={(e) => setComments({ ...comments, [item.id]: e.detail.value })} placeholder='审查意见（标记需补充时必填）' {...inputLabel(`${item.title}：审查意见`)} {...tid(`evidence-comment-${item.id}`)} />
          <View className='brow'>
            <ActionButton testId={`evidence-sufficient-${item.id}`} busyText={busy === `ok-${item.id}` ? '保存中…' : null} onClick={() => void run(`ok-${item.id}`, async () => changed(await evidenceStaffApi.mark(campaignId, enterpriseId, { items: [{ itemId: item.id, verdict: 'sufficient', comment: comments[item.id] ?? null }] }), `${item.title}：已标记材料充分`))}>
              材料充分
            </ActionButton>
            <ActionButton kind='danger' testId={`evidence-needs-more-${item.id}`} busyText={busy === `more-${item.id}` ? '保存中…' : null} onClick={() => void run(`more-${item.id}`, async () => changed(await evidenceStaffApi.mark(campaignId, enterpriseId, { items: [{ itemId: item.id, verdict: 'needs_more', comment: comments[item.id] ?? item.mark?.comment ?? '' }] }), `${item.title}：已标记需补充`))}>
              需补充
            </ActionButton>
          </View>
        </View>
      ))}
      <View className='bcard' {...tid('evidence-request-form', { items: needsMore.length })}>
        <Text className='bcard-title'>要求补正（只重新开放标记为“需补充”的项目：{needsMore.length} 项）</Text>
        <Input className='binput wide' value={requestComment} onInput={(e) => setRequestComment(e.detail.value)} placeholder='补正说明（必填）' {...inputLabel('补正说明')} {...tid('evidence-request-comment')} />
        <Input className='binput' type='number' value={days} onInput={(e) => setDays(e.detail.value)} {...inputLabel('补正期限（天）')} {...tid('evidence-request-days')} />
        <ActionButton
          kind='primary'
          testId='evidence-request'
          disabled={needsMore.length === 0 || view.state !== 'submitted'}
          busyText={busy === 'request' ? '发送中…' : null}
          onClick={() => void run('request', async () => changed(await evidenceStaffApi.request(campaignId, enterpriseId, { itemIds: needsMore, comment: requestComment, deadline: new Date(Date.now() + Math.max(1, Number(days) || 7) * DAY).toISOString() }), '已要求补正，企业可修改所列项目'))}
        >
          发送补正要求
        </ActionButton>
      </View>
      {local && (
        <View className='bcard'>
          <Text className='bcard-title'>材料审查意见（写入上报材料中该企业的评审意见）</Text>
          {view.note && <Text className='bmuted'>当前：{view.note.text}</Text>}
          <Textarea className='binput wide' value={note} onInput={(e) => setNote(e.detail.value)} {...inputLabel('材料审查意见')} {...tid('evidence-note')} />
          <ActionButton testId='evidence-note-save' busyText={busy === 'note' ? '保存中…' : null} onClick={() => void run('note', async () => changed(await evidenceStaffApi.note(campaignId, enterpriseId, note), '审查意见已写入评审意见'))}>
            保存审查意见
          </ActionButton>
        </View>
      )}
      <NoteText note={actionNote} testId='evidence-action-note' />
    </View>
  );
}

/**
 * National: the campaign's 评审要点 — its items as published, a new version from the default
 * wording while no upload has started, and the deadline (which may move later once locked).
 */
function ChecklistPanel({ staff, onChanged }: { staff: Staff; onChanged(): void }) {
  const campaignId = staff.campaign.id;
  const { data, error, loading, reload } = useAsync(() => evidenceStaffApi.checklist(campaignId).catch((failure: unknown) => ((failure as { code?: string }).code === 'EVIDENCE_CHECKLIST_MISSING' ? null : Promise.reject(failure))), [campaignId]);
  const [days, setDays] = useState('14');
  const { busy, note, run } = useAction<'save'>();
  if (loading && data === null && !error) return <LoadingView />;
  if (error) return <ErrorView error={error} onRetry={reload} />;
  const save = () =>
    run('save', async () => {
      const deadline = new Date(Date.now() + Math.max(1, Number(days) || 14) * DAY).toISOString();
      await evidenceStaffApi.saveChecklist(campaignId, { items: data?.items ?? defaultEvidenceChecklist(), deadline });
      reload();
      onChanged();
      return data ? '截止时间已更新' : '评审要点已发布';
    });
  return (
    <View className='bcard' {...tid('evidence-checklist', { version: data?.version ?? 0, locked: data?.locked ?? false })}>
      <Text className='bcard-title'>评审要点{data ? `（第 ${data.version} 版${data.locked ? '，企业已开始上传，项目不能再改' : ''}）` : '（尚未发布）'}</Text>
      {(data?.items ?? defaultEvidenceChecklist()).map((item) => (
        <Text key={item.id} className='bmuted' style={{ display: 'block' }}>
          {item.title}
          {item.required ? '（必填）' : '（选填）'}：{item.kinds.map((k) => evidenceKindLabels[k]).join('、')}，≤{formatBytes(item.maxBytes)}，最多 {item.maxFiles} 个{item.text ? `；文字说明 ≤${item.text.maxLength} 字` : ''}
        </Text>
      ))}
      {data && <Text className='bmuted'>提交截止：{short(data.deadline)}</Text>}
      <Input className='binput' type='number' value={days} onInput={(e) => setDays(e.detail.value)} {...inputLabel('截止时间：自今日起的天数')} {...tid('evidence-checklist-days')} />
      <ActionButton kind='primary' testId='evidence-checklist-save' busyText={busy === 'save' ? '保存中…' : null} onClick={() => void save()}>
        {data ? '更新截止时间' : '发布默认评审要点'}
      </ActionButton>
      <NoteText note={note} testId='evidence-checklist-note' />
    </View>
  );
}

function EvidenceBody({ staff }: { staff: Staff }) {
  const query = { campaignId: staff.campaign.id, ...staff.scopeQuery };
  const { data, error, loading, reload } = useAsync(() => evidenceStaffApi.sets(query), [staff.campaign.id, staff.scopeQuery.region, staff.scopeQuery.city]);
  const [chosen, setChosen] = useState<string | null>(null);
  if (loading && !data) return <LoadingView />;
  if (!data) return <ErrorView error={error} onRetry={reload} />;
  return (
    <View>
      {staff.me.role === 'national' && <ChecklistPanel staff={staff} onChanged={reload} />}
      <View className='bcard' {...tid('evidence-sets', { rows: data.rows.length })}>
        <Text className='bcard-title'>达到示范企业合格线的申报示范企业（{data.rows.length} 家）</Text>
        <Text className='bmuted'>{data.checklistVersion ? `评审要点第 ${data.checklistVersion} 版，提交截止 ${short(data.deadline)}` : '国家知识产权局尚未发布评审要点'}</Text>
        {data.rows.length === 0 ? (
          <EmptyView text='本范围内暂无需要提交材料的企业' />
        ) : (
          <DataTable
            rows={data.rows}
            rowKey={(row) => row.enterpriseId}
            rowTestId='evidence-set-row'
            columns={[
              { key: 'name', title: '企业名称', wrap: true, render: (row) => row.name },
              { key: 'city', title: '地市', render: (row) => row.cityName || '—' },
              { key: 'state', title: '状态', render: (row) => row.stateLabel },
              { key: 'complete', title: '完成项', numeric: true, render: (row) => `${row.complete}/${row.items}` },
              { key: 'more', title: '需补充', numeric: true, render: (row) => row.needsMore },
              { key: 'at', title: '提交时间', render: (row) => short(row.submittedAt) },
              {
                key: 'open',
                title: '操作',
                render: (row) => (
                  <ActionButton testId={`evidence-open-${row.enterpriseId}`} onClick={() => setChosen(row.enterpriseId)}>
                    审查材料
                  </ActionButton>
                ),
              },
            ]}
          />
        )}
      </View>
      {chosen && <SetDetail key={chosen} staff={staff} enterpriseId={chosen} onChanged={reload} />}
    </View>
  );
}

/** 示范评审材料 (bureaus): the enterprises above the demonstration line, their files, marks, 补正 and notes. */
export default function EvidenceReviewPage() {
  return (
    <BureauShell section='evidence' scoped>
      {(staff) => <EvidenceBody staff={staff} />}
    </BureauShell>
  );
}
