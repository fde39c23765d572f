import { Text, View } from '@tarojs/components';
import { useAsync } from '../../../../hooks/useAsync';
import { ErrorView, LoadingView } from '../../../../components/StateViews';
import { tid } from '../../../../platform/testid';
import { DataTable } from '../DataTable';
import { formatScore } from '../../services/format';
import { recordsApi } from '../../services/recordsApi';

const originLabels = { close: '测评认定', history_import: '历史导入', enterprise_import: '企业导入（认定年份）' } as const;
const outcomeLabels = { pass: '通过', fail: '未通过' } as const;

/**
 * The enterprise across the years: its standing going into the campaign's year (the eligibility
 * flags, in the notices' words), its title history (认定 / 复核通过 / 撤销) and its participation
 * in each closed campaign. Read from the lasting record, keyed by USCC.
 */
export function TitleHistoryCard({ enterpriseId }: { enterpriseId: string }) {
  const { data, error, loading, reload } = useAsync(() => recordsApi.record(enterpriseId), [enterpriseId]);
  if (loading && !data) return <LoadingView text='正在读取称号历史…' />;
  if (!data) return <ErrorView error={error} onRetry={reload} />;
  const record = data.record;
  return (
    <View className='bcard' role='region' aria-label='称号历史与资格' {...tid('title-history', { flags: record?.standing.flags.map((f) => f.flag).join(' ') ?? '' })}>
      <View className='bcard-head'>
        <Text className='bcard-title'>称号历史与资格（{data.year} 年度）</Text>
        <Text className='bmuted'>按企业历年记录与各年度规则计算</Text>
      </View>
      {!record ? (
        <Text className='bmuted' {...tid('title-history-empty')}>
          系统中还没有该企业的历年记录（首次参加，或历史称号尚未导入）。
        </Text>
      ) : (
        <>
          <View className='kv'>
            <View className='kv-item'>
              <Text className='bmuted'>现有称号</Text>
              <Text className='kv-value' {...tid('title-held')}>
                {record.standing.held ? `${record.standing.held.titleLabel}（${record.standing.held.grantedYear} 年认定，本轮周期始于 ${record.standing.held.cycleStart} 年）` : '无'}
              </Text>
            </View>
            <View className='kv-item'>
              <Text className='bmuted'>本年度应参加</Text>
              <Text className='kv-value'>{record.standing.due === 'review' ? '复核' : record.standing.due === 'assessment' ? '考核' : '—'}</Text>
            </View>
            <View className='kv-item'>
              <Text className='bmuted'>可否申报示范</Text>
              <Text className='kv-value'>{record.standing.mayApplyDemonstration ? '可以' : '不可以'}</Text>
            </View>
          </View>
          {record.standing.flags.length > 0 && (
            <View className='toolbar' role='list' aria-label='资格提示'>
              {record.standing.flags.map((flag) => (
                <View key={flag.flag} role='listitem'>
                  <Text className={`btag ${flag.flag === 'review_eligibility_lost' ? 'danger' : flag.flag === 'in_review_grace' ? 'warning' : ''}`} {...tid(`standing-${flag.flag}`)}>
                    {flag.label}
                  </Text>
                </View>
              ))}
            </View>
          )}
          {record.names.length > 1 && (
            <Text className='bmuted' {...tid('name-changes')}>
              曾用名：{record.names.slice(0, -1).map((n) => `${n.name}（${n.year} 年）`).join('、')}
            </Text>
          )}
          <Text className='bcard-subtitle'>称号事件</Text>
          {record.titles.length === 0 ? (
            <Text className='bmuted'>无称号事件。</Text>
          ) : (
            <DataTable
              testId='title-events'
              rows={record.titles}
              rowKey={(t) => `${t.year}-${t.title}-${t.source}`}
              rowTestId='title-event'
              columns={[
                { key: 'year', title: '年份', render: (t) => String(t.year) },
                { key: 'title', title: '称号', render: (t) => t.titleLabel },
                { key: 'source', title: '事件', render: (t) => t.sourceLabel },
                { key: 'origin', title: '来源', render: (t) => originLabels[t.origin] },
                { key: 'note', title: '说明', render: (t) => t.note ?? '' },
              ]}
            />
          )}
          <Text className='bcard-subtitle'>历年参加情况</Text>
          {record.participations.length === 0 ? (
            <Text className='bmuted'>尚无已认定年度的参加记录。</Text>
          ) : (
            <DataTable
              testId='participations'
              rows={record.participations}
              rowKey={(p) => p.campaignId}
              rowTestId='participation'
              columns={[
                { key: 'year', title: '年度', render: (p) => String(p.year) },
                { key: 'track', title: '参加类型', render: (p) => p.trackLabel },
                { key: 'submitted', title: '是否参加', render: (p) => (p.submitted ? '已提交' : '未参加') },
                { key: 'score', title: '最终成绩', numeric: true, render: (p) => formatScore(p.finalScore) },
                { key: 'line', title: '合格线', render: (p) => (p.reachedLine === null ? '—' : p.reachedLine ? '达到' : '未达到') },
                { key: 'outcome', title: '考核/复核', render: (p) => (p.reviewOutcome ? outcomeLabels[p.reviewOutcome] : '—') },
                { key: 'certified', title: '认定', render: (p) => (p.certified ? '已认定' : '—') },
              ]}
            />
          )}
          {record.overrides.length > 0 && (
            <Text className='bmuted' {...tid('overrides')}>
              全国局确认：{record.overrides.map((o) => `${o.year} 年 ${o.reason}`).join('；')}
            </Text>
          )}
        </>
      )}
    </View>
  );
}
