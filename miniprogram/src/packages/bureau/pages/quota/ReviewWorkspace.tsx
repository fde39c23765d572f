import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ApplicantReviewsInput, ListEntry, ReviewDecisionsInput, ScopeQuery, Title, WorkPage } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { ErrorView, LoadingView } from '../../../../components/StateViews';
import { tid } from '../../../../platform/testid';
import { NoteText } from '../../components/NoteText';
import { useAction } from '../../hooks/useAction';
import { reviewsApi } from '../../services/reviewsApi';
import { HoldersTab } from './HoldersTab';
import { RecommendTab } from './RecommendTab';
import { SubmitTab } from './SubmitTab';

type Tab = 'holders' | 'recommend' | 'submit';
const tabs: ReadonlyArray<{ key: Tab; label: string }> = [
  { key: 'holders', label: '① 初核（考核/复核）' },
  { key: 'recommend', label: '② 评审与推荐' },
  { key: 'submit', label: '③ 上报' },
];

/**
 * The region's working page after the close (steps 1–3 of the notices): 初核, 评审与推荐 within
 * quota, 上报. Every change goes to the server, which answers the page as it now stands (and
 * refuses, in Chinese, what a rule does not allow).
 */
export function ReviewWorkspace({ query }: { query: ScopeQuery }) {
  const { data, error, loading, reload } = useAsync(() => reviewsApi.work(query), [query.campaignId, query.region, query.city]);
  const [page, setPage] = useState<WorkPage | null>(null);
  const [tab, setTab] = useState<Tab>('holders');
  const { busy, note, run } = useAction<'write'>();
  useEffect(() => setPage(data ?? null), [data]);

  if (loading && !page) return <LoadingView />;
  if (!page) return <ErrorView error={error} onRetry={reload} />;
  if (!page.open) {
    return (
      <Text className='bnotice' {...tid('review-closed')}>
        {page.closedReason}
      </Text>
    );
  }

  const write = (done: string, action: () => Promise<WorkPage>) =>
    void run('write', async () => {
      setPage(await action());
      return done;
    });
  const decide = (items: ReviewDecisionsInput['items']) => write(page.can.decide ? `已记录 ${items.length} 项初核结论` : `已提出 ${items.length} 项初核意见，待地区局确认`, () => reviewsApi.decide(query, { items }));
  const confirmProposals = (ids: string[]) => write(`已确认 ${ids.length} 家企业的地市局意见`, () => reviewsApi.confirmProposals(query, ids));
  const review = (items: ApplicantReviewsInput['items']) => write(page.can.decide ? '已保存评审' : '已提出评审意见，待地区局确认', () => reviewsApi.review(query, { items }));
  const saveList = (title: Title, entries: ListEntry[]) =>
    write('已保存推荐名单（草稿）', () => reviewsApi.saveList(query, { title, entries: entries.map((entry) => ({ enterpriseId: entry.id, priorityReason: entry.priorityReason ?? null })) }));
  const saveSummary = (summary: string) => write('已保存评审情况', () => reviewsApi.saveSummary(query, summary));
  const submit = () => write('已上报：材料已锁定，请下载 PDF 打印盖章后上传扫描件', () => reviewsApi.submit(query, page.rev));
  const writing = busy !== null;

  return (
    <View {...tid('review-work', { state: page.package.state, version: page.package.version, rev: page.rev, pending: page.pendingProposals, issues: page.issues.length })}>
      <View className='stat-grid'>
        <View className='stat'>
          <Text className='stat-value'>{page.package.stateLabel}</Text>
          <Text className='stat-label'>上报材料{page.package.version > 0 ? `（第 ${page.package.version} 版）` : ''}</Text>
        </View>
        <View className='stat'>
          <Text className='stat-value'>{page.pendingProposals}</Text>
          <Text className='stat-label'>待确认的地市局意见</Text>
        </View>
        <View className='stat'>
          <Text className='stat-value'>{page.issues.length}</Text>
          <Text className='stat-label'>上报前待处理事项</Text>
        </View>
      </View>
      <View className='bureau-tabs'>
        {tabs.map((item) => (
          <Text key={item.key} className={`bureau-tab ${item.key === tab ? 'active' : ''}`} onClick={() => setTab(item.key)} {...tid(`review-tab-${item.key}`, { active: item.key === tab })}>
            {item.label}
          </Text>
        ))}
      </View>
      <NoteText note={note} testId='review-note' />
      {tab === 'holders' && <HoldersTab page={page} busy={writing} decide={decide} confirmProposals={confirmProposals} />}
      {tab === 'recommend' && <RecommendTab page={page} busy={writing} saveList={saveList} review={review} />}
      {tab === 'submit' && <SubmitTab page={page} query={query} busy={writing} saveSummary={saveSummary} submit={submit} refresh={() => void reviewsApi.work(query).then(setPage, () => undefined)} />}
    </View>
  );
}
