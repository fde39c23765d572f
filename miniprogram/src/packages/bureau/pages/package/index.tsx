import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { packageDigest, regionByCode, titleLabels, type PackageListEntry, type PackageView, type Title } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { ErrorView, LoadingView } from '../../../../components/StateViews';
import { tid } from '../../../../platform/testid';
import { BureauShell, type Staff } from '../../components/BureauShell';
import { ActionButton } from '../../components/ActionButton';
import { DataTable } from '../../components/DataTable';
import { NoteText } from '../../components/NoteText';
import { useAction } from '../../hooks/useAction';
import { saveFile } from '../../platform/files';
import { formatScore } from '../../services/format';
import { backOr, bureauRoutes } from '../../services/routes';
import { reviewsApi } from '../../services/reviewsApi';

function ListTable({ title, entries }: { title: Title; entries: PackageListEntry[] }) {
  return (
    <View className='bcard' {...tid(`package-list-${title}`, { rows: entries.length })}>
      <Text className='bcard-title'>
        {titleLabels[title]}推荐名单（{entries.filter((e) => e.place !== null).length} 家占名额）
      </Text>
      <DataTable<PackageListEntry>
        rows={entries}
        rowKey={(e) => e.enterpriseId}
        rowTestId={`package-entry-${title}`}
        columns={[
          { key: 'place', title: '序号', numeric: true, render: (e) => (e.place === null ? '不占' : e.place) },
          { key: 'name', title: '企业名称', wrap: true, render: (e) => e.name },
          { key: 'uscc', title: '统一社会信用代码', render: (e) => e.uscc },
          { key: 'total', title: '测评成绩', numeric: true, render: (e) => formatScore(e.total) },
          { key: 'specialized', title: '专精特新', render: (e) => (e.specialized ? '是' : '') },
          { key: 'reason', title: '评审意见 / 推荐理由', wrap: true, render: (e) => [e.reviewScore === null ? null : `${formatScore(e.reviewScore)} 分`, e.reviewOpinion, e.priorityReason].filter(Boolean).join('；') || '—' },
        ]}
      />
    </View>
  );
}

function PackageBody({ staff, region }: { staff: Staff; region: string }) {
  const query = { campaignId: staff.campaign.id, region };
  const { data, error, loading, reload } = useAsync(() => reviewsApi.packageView(query), [staff.campaign.id, region]);
  const [reason, setReason] = useState('');
  const { busy, note, run } = useAction<'confirm' | 'return' | 'pdf' | 'scan'>();
  if (loading && !data) return <LoadingView />;
  if (!data) return <ErrorView error={error} onRetry={reload} />;
  const view: PackageView = data;
  const latest = view.versions.at(-1);
  const snapshot = view.snapshot;
  // The digest recomputed here, from the contents shown: the printed one on the sealed scan must match both.
  const recomputed = snapshot ? packageDigest(snapshot) : null;
  const decide = (kind: 'confirm' | 'return') =>
    void run(kind, async () => {
      if (!latest) return;
      if (kind === 'confirm') await reviewsApi.confirmPackage(staff.campaign.id, region, latest.version);
      else await reviewsApi.returnPackage(staff.campaign.id, region, latest.version, reason);
      reload();
      return kind === 'confirm' ? `已确认${view.regionName}第 ${latest.version} 版材料` : `已退回${view.regionName}第 ${latest.version} 版材料`;
    });

  return (
    <View {...tid('package-view', { region, state: view.state, versions: view.versions.length })}>
      <View className='bcard'>
        <View className='bcard-head'>
          <Text className='bcard-title'>
            {view.regionName} · 上报材料：{view.stateLabel}
          </Text>
          <Text className='blink' onClick={() => backOr(bureauRoutes.regions())}>
            返回全国地区一览
          </Text>
        </View>
        {!latest ? (
          <Text className='bmuted'>该地区尚未上报。</Text>
        ) : (
          <View>
            <View className='kv'>
              <View className='kv-item'>
                <Text className='bmuted'>文号</Text>
                <Text className='kv-value'>{latest.documentNumber}</Text>
              </View>
              <View className='kv-item'>
                <Text className='bmuted'>上报时间</Text>
                <Text className='kv-value'>{latest.submittedAt.slice(0, 16).replace('T', ' ')}</Text>
              </View>
              <View className='kv-item'>
                <Text className='bmuted'>盖章扫描件</Text>
                <Text className='kv-value'>{latest.scans.length === 0 ? '未上传' : `${latest.scans.length} 份`}</Text>
              </View>
            </View>
            <Text className='bmuted'>材料摘要 SHA-256（请与盖章件每页印的摘要核对）：</Text>
            <Text className='kv-value' {...tid('package-view-digest', { matches: recomputed === latest.digest })}>
              {latest.digest}
            </Text>
            <Text className={`bnotice ${recomputed === latest.digest ? 'success' : 'danger'}`}>
              {recomputed === latest.digest ? '按所示内容重新计算的摘要与上报时一致。' : '按所示内容重新计算的摘要与上报时不一致！'}
            </Text>
            <View className='toolbar'>
              <ActionButton busyText={busy === 'pdf' ? '正在下载…' : null} testId='package-view-pdf' onClick={() => void run('pdf', async () => saveFile(await reviewsApi.packagePdf(query), `${latest.documentNumber}.pdf`))}>
                下载 PDF
              </ActionButton>
              {latest.scans.length > 0 && (
                <ActionButton busyText={busy === 'scan' ? '正在下载…' : null} testId='package-view-scan' onClick={() => void run('scan', async () => saveFile(await reviewsApi.scan(query), `${latest.documentNumber}-盖章件`))}>
                  下载盖章扫描件
                </ActionButton>
              )}
            </View>
            {view.state === 'submitted' && (
              <View className='toolbar'>
                <ActionButton kind='primary' disabled={busy !== null} testId='package-confirm' onClick={() => decide('confirm')}>
                  确认
                </ActionButton>
                <Input className='binput wide' placeholder='退回理由（必填）' value={reason} onInput={(e) => setReason(e.detail.value)} {...tid('package-return-reason')} />
                <ActionButton kind='danger' disabled={busy !== null || reason.trim().length < 2} testId='package-return' onClick={() => decide('return')}>
                  退回
                </ActionButton>
              </View>
            )}
            <NoteText note={note} testId='package-view-note' />
          </View>
        )}
      </View>
      {snapshot && (
        <>
          <ListTable title='advantage' entries={snapshot.lists.advantage} />
          <ListTable title='demonstration' entries={snapshot.lists.demonstration} />
          <View className='bcard'>
            <Text className='bcard-title'>考核、复核初核结果（{snapshot.reviewResults.filter((r) => r.outcome === 'pass').length} 项通过 / 共 {snapshot.reviewResults.length} 项）</Text>
            <DataTable
              rows={snapshot.reviewResults}
              rowKey={(r) => `${r.enterpriseId}-${r.purpose}`}
              rowTestId='package-review'
              columns={[
                { key: 'name', title: '企业名称', wrap: true, render: (r) => r.name },
                { key: 'total', title: '成绩 / 合格线', numeric: true, render: (r) => `${formatScore(r.total)} / ${formatScore(r.passLine)}` },
                { key: 'outcome', title: '初核', render: (r) => (r.outcome === 'pass' ? '通过' : r.outcome === 'fail' ? `不通过：${r.reason ?? ''}` : '未达合格线') },
              ]}
            />
          </View>
          <View className='bcard'>
            <Text className='bcard-title'>评审情况</Text>
            <Text>{snapshot.summary}</Text>
          </View>
        </>
      )}
      {view.versions.length > 1 && (
        <View className='bcard'>
          <Text className='bcard-title'>历次版本</Text>
          {view.versions.map((v) => (
            <Text key={v.version} className='bmuted' style={{ display: 'block' }}>
              第 {v.version} 版 {v.documentNumber} · {v.submittedAt.slice(0, 16).replace('T', ' ')} · {v.decision ? (v.decision.kind === 'confirmed' ? '已确认' : `已退回：${v.decision.reason ?? ''}`) : '待确认'}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

/** National: one region's package — contents, digest recomputed, PDF and sealed scan, confirm or return with a reason. */
export default function PackagePage() {
  const region = useRouter().params.region ?? '';
  return (
    <BureauShell section='regions' nationalOnly>
      {(staff) => (regionByCode(region) ? <PackageBody staff={staff} region={region} /> : <Text className='bnotice danger'>地区代码不正确</Text>)}
    </BureauShell>
  );
}
