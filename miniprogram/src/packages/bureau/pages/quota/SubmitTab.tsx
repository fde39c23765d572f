import { useEffect, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import type { ScopeQuery, WorkPage } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { tid } from '../../../../platform/testid';
import { ActionButton } from '../../components/ActionButton';
import { NoteText } from '../../components/NoteText';
import { DataTable } from '../../components/DataTable';
import { useAction } from '../../hooks/useAction';
import { pickFile, saveFile } from '../../platform/files';
import { reviewsApi } from '../../services/reviewsApi';

export interface SubmitTabProps {
  page: WorkPage;
  query: ScopeQuery;
  busy: boolean;
  saveSummary(summary: string): void;
  submit(): void;
  /** Reads the page again (after an upload, which answers the scan, not the page). */
  refresh(): void;
}

const kb = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

/** Versions of the package, with the national bureau's decision and the sealed scans. */
function Versions({ query, version, rev }: { query: ScopeQuery; version: number; rev: number }) {
  const { data } = useAsync(() => (version > 0 ? reviewsApi.packageView(query) : Promise.resolve(null)), [query.campaignId, query.region, version, rev]);
  if (!data || data.versions.length === 0) return null;
  return (
    <DataTable
      testId='package-versions'
      rows={[...data.versions].reverse()}
      rowKey={(v) => String(v.version)}
      rowTestId='package-version'
      columns={[
        { key: 'version', title: '版本', render: (v) => `第 ${v.version} 版` },
        { key: 'number', title: '文号', render: (v) => v.documentNumber },
        { key: 'at', title: '上报时间', render: (v) => v.submittedAt.slice(0, 16).replace('T', ' ') },
        { key: 'scans', title: '盖章扫描件', render: (v) => (v.scans.length === 0 ? '未上传' : v.scans.map((s) => `${s.kind.toUpperCase()} ${kb(s.bytes)}`).join('、')) },
        { key: 'decision', title: '国家局', wrap: true, render: (v) => (v.decision ? `${v.decision.kind === 'confirmed' ? '已确认' : `已退回：${v.decision.reason ?? ''}`}` : '待确认') },
      ]}
    />
  );
}

/** The change log of the region's review (append-only). */
function History({ query, rev }: { query: ScopeQuery; rev: number }) {
  const { data } = useAsync(() => reviewsApi.history(query), [query.campaignId, query.region, rev]);
  if (!data) return null;
  return (
    <View className='bcard' {...tid('review-history', { events: data.events.length })}>
      <Text className='bcard-title'>修改记录（只增不改）</Text>
      <DataTable
        rows={data.events.slice(0, 30)}
        rowKey={(event) => String(event.rev)}
        rowTestId='history'
        columns={[
          { key: 'at', title: '时间', render: (event) => event.at.slice(0, 19).replace('T', ' ') },
          { key: 'who', title: '操作人', render: (event) => `${event.byRole === 'city' ? '地市局' : event.byRole === 'national' ? '国家局' : '地区局'} ${event.by}` },
          { key: 'what', title: '内容', wrap: true, render: (event) => event.what + (event.reason ? `（理由：${event.reason}）` : '') },
        ]}
      />
    </View>
  );
}

/**
 * 上报: the 评审情况, what still blocks the submit, the submit itself (a new locked version with its
 * document number and digest), the PDF to print and seal, the sealed scan's upload, the versions.
 */
export function SubmitTab({ page, query, busy, saveSummary, submit, refresh }: SubmitTabProps) {
  const [summary, setSummary] = useState(page.summary);
  const files = useAction<'pdf' | 'scan'>();
  useEffect(() => setSummary(page.summary), [page.summary]);
  const pkg = page.package;
  const submitted = pkg.state === 'submitted' || pkg.state === 'confirmed';

  const download = () => files.run('pdf', async () => saveFile(await reviewsApi.packagePdf(query), `${pkg.documentNumber ?? '上报材料'}.pdf`));
  const upload = async () => {
    const file = await pickFile(['pdf', 'jpg', 'jpeg', 'png']);
    if (!file) return;
    await files.run('scan', async () => {
      const stored = await reviewsApi.uploadScan(query, file.bytes, file.contentType);
      refresh();
      return `已上传盖章扫描件 ${file.name}（SHA-256 ${stored.sha256.slice(0, 12)}…）`;
    });
  };

  return (
    <View {...tid('submit-tab', { state: pkg.state })}>
      <View className='bcard'>
        <Text className='bcard-title'>评审情况</Text>
        <Textarea
          className='binput wide'
          style={{ width: '100%', minHeight: '120px' }}
          maxlength={5000}
          disabled={!page.can.editLists}
          value={summary}
          placeholder='本地区评审的组织方式、评审方法、结果及推荐情况'
          onInput={(e) => setSummary(e.detail.value)}
          {...tid('review-summary')}
        />
        {page.can.editLists && (
          <View className='toolbar'>
            <ActionButton disabled={busy || summary === page.summary} testId='review-summary-save' onClick={() => saveSummary(summary)}>
              保存评审情况
            </ActionButton>
          </View>
        )}
      </View>

      <View className='bcard' {...tid('package-panel', { state: pkg.state, version: pkg.version, digest: pkg.digest ?? '' })}>
        <View className='bcard-head'>
          <Text className='bcard-title'>上报材料：{pkg.stateLabel}{pkg.version > 0 ? `（第 ${pkg.version} 版）` : ''}</Text>
          {pkg.documentNumber && <Text className='bmuted'>文号 {pkg.documentNumber}</Text>}
        </View>
        {pkg.state === 'returned' && (
          <Text className='bnotice warning' {...tid('package-returned')}>
            国家知识产权局退回：{pkg.returnedReason}。修改后可再次上报（生成新版本，原版本保留）。
          </Text>
        )}
        {page.issues.length > 0 && !submitted && (
          <View {...tid('package-issues', { count: page.issues.length })}>
            <Text className='bmuted'>上报前还需处理：</Text>
            {page.issues.map((issue, i) => (
              <Text key={i} className='bnotice danger'>
                {issue.message}
              </Text>
            ))}
          </View>
        )}
        {page.can.submit && (
          <View className='toolbar'>
            <ActionButton kind='primary' disabled={busy || page.issues.length > 0} testId='package-submit' onClick={submit}>
              {pkg.state === 'returned' ? '再次上报' : '上报（提交后锁定）'}
            </ActionButton>
          </View>
        )}
        {submitted && page.can.readPackage && (
          <View>
            <Text className='bmuted'>材料摘要 SHA-256（印在 PDF 每一页，盖章件上的应与此一致）：</Text>
            <Text className='kv-value' {...tid('package-digest')}>
              {pkg.digest}
            </Text>
            <View className='toolbar'>
              <ActionButton busyText={files.busy === 'pdf' ? '正在生成…' : null} testId='package-pdf' onClick={() => void download()}>
                下载 PDF（打印、盖章）
              </ActionButton>
              {page.can.uploadScan && (
                <ActionButton busyText={files.busy === 'scan' ? '正在上传…' : null} testId='package-scan-upload' onClick={() => void upload()}>
                  上传盖章扫描件（PDF/JPG/PNG，≤20 MB）
                </ActionButton>
              )}
            </View>
          </View>
        )}
        <NoteText note={files.note} testId='package-note' />
        <Versions query={query} version={pkg.version} rev={page.rev} />
      </View>
      {page.can.readPackage && <History query={query} rev={page.rev} />}
    </View>
  );
}
