import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { participationStatusLabels as statusLabels, type Overview } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { ErrorView, LoadingView } from '../../../../components/StateViews';
import { formatDeadline } from '../../../../services/beijingTime';
import { tid } from '../../../../platform/testid';
import { BureauShell, type Staff } from '../../components/BureauShell';
import { Chart } from '../../components/Chart/chart';
import { dimensionsChart, histogramChart, statusByTrackChart, submissionsChart } from '../../services/charts';
import { formatCount, formatRate, formatScore } from '../../services/format';
import { staffApi } from '../../services/staffApi';
import { scopeLabel } from '../../services/staffContext';

const stateLabels = { not_open: '未开始', open: '进行中', closed: '已关闭' } as const;

function Stat({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <View className='stat' {...tid(`stat-${id}`, { value })}>
      <Text className='stat-value'>{value}</Text>
      <Text className='stat-label'>{label}</Text>
    </View>
  );
}

function PassLinesNote({ overview }: { overview: Overview }) {
  const lines = overview.passLines;
  if (!lines) return null;
  const state = lines.state === 'published' ? '已公布' : '草稿（未公布）';
  return (
    <Text className={`bnotice ${lines.state === 'published' ? 'success' : ''}`} {...tid('passlines-note', { state: lines.state })}>
      合格线{state}：优势企业 {formatScore(lines.advantage)} 分，示范企业 {formatScore(lines.demonstration)} 分
      {lines.excellentFrom.advantage !== null || lines.excellentFrom.demonstration !== null
        ? `；优秀：优势 ${formatScore(lines.excellentFrom.advantage)} 分起，示范 ${formatScore(lines.excellentFrom.demonstration)} 分起`
        : ''}
    </Text>
  );
}

function ChartCard({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <View className='bcard'>
      <View className='bcard-head'>
        <Text className='bcard-title'>{title}</Text>
        {hint && <Text className='bmuted'>{hint}</Text>}
      </View>
      {children}
    </View>
  );
}

function OverviewBody({ staff }: { staff: Staff }) {
  const { campaign, scopeQuery } = staff;
  const { data, error, loading, reload } = useAsync(() => staffApi.overview({ campaignId: campaign.id, ...scopeQuery }), [campaign.id, scopeQuery.region, scopeQuery.city]);
  if (loading && !data) return <LoadingView text='正在统计…' />;
  if (!data) return <ErrorView error={error} onRetry={reload} />;
  const overview = data;
  const { totals } = overview;
  const scopeName = overview.scope.cityName ?? overview.scope.regionName;
  const here = scopeName ?? '全国';
  const histogram = histogramChart(overview);
  const dimensions = dimensionsChart(overview, scopeName);

  return (
    <View {...tid('overview', { scope: scopeLabel(staff.scope), enterprises: totals.enterprises, submitted: totals.submitted, visible: overview.scoresVisible })}>
      <Text className='bnotice'>
        {overview.campaign.name}（{stateLabels[overview.campaign.state]}），系统关闭时间 {formatDeadline(overview.campaign.closesAt)}（北京时间）。范围：{here}。
      </Text>
      {!overview.scoresVisible && (
        <Text className='bnotice warning' {...tid('scores-hidden')}>
          测评期间不显示成绩。系统关闭后可查看分数分布、各维度均分与全国对比。
        </Text>
      )}
      <PassLinesNote overview={overview} />

      <View className='stat-grid'>
        <Stat id='enterprises' label='企业数' value={formatCount(totals.enterprises)} />
        <Stat id='not-started' label={statusLabels.not_started} value={formatCount(totals.not_started)} />
        <Stat id='logged-in' label={statusLabels.logged_in} value={formatCount(totals.logged_in)} />
        <Stat id='drafting' label={statusLabels.drafting} value={formatCount(totals.drafting)} />
        <Stat id='submitted' label={statusLabels.submitted} value={formatCount(totals.submitted)} />
        <Stat id='completion' label='完成率（已提交 ÷ 企业数）' value={formatRate(overview.completionRate)} />
        {overview.scoresVisible && <Stat id='mean' label='最终成绩平均分' value={formatScore(overview.mean)} />}
        <Stat id='flagged' label='有诚信提示的企业' value={formatCount(overview.flagged)} />
      </View>

      {totals.enterprises === 0 ? (
        <Text className='bnotice warning' {...tid('state-empty')}>
          本范围内还没有企业。国家知识产权局导入经审核的企业名单后，这里会显示测评进度。
        </Text>
      ) : (
        <View className='chart-grid'>
          <ChartCard title='各参加类型的测评进度' hint='单位：家'>
            <Chart name='status' spec={statusByTrackChart(overview)} height={280} />
          </ChartCard>
          <ChartCard title='每日提交' hint='按北京时间统计'>
            {overview.submissionsByDay.length === 0 ? <Text className='bmuted'>还没有企业提交。</Text> : <Chart name='submissions' spec={submissionsChart(overview)} height={280} />}
          </ChartCard>
          {histogram && (
            <ChartCard title='最终成绩分布' hint={histogram.marks?.length ? '每 5 分一档；虚线为合格线' : '每 5 分一档；合格线公布后以虚线标出'}>
              <Chart name='histogram' spec={histogram} height={280} />
            </ChartCard>
          )}
          {dimensions && (
            <ChartCard title='各维度平均得分率' hint={scopeName ? `${here}与全国对比（平均分 ÷ 满分）` : '全国（平均分 ÷ 满分）'}>
              <Chart name='dimensions' spec={dimensions} height={Math.max(280, 36 * dimensions.categories.length + 60)} />
            </ChartCard>
          )}
        </View>
      )}
    </View>
  );
}

/** The bureau's overview: progress by track and status, submissions over time; after the close the scores. */
export default function OverviewPage() {
  return (
    <BureauShell section='overview' scoped>
      {(staff) => <OverviewBody staff={staff} />}
    </BureauShell>
  );
}
