import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NationalTable, PackagesTable } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { ErrorView, LoadingView } from '../../../../components/StateViews';
import { tid } from '../../../../platform/testid';
import { BureauShell, type Staff } from '../../components/BureauShell';
import { DataTable, type Column } from '../../components/DataTable';
import { formatCount, formatRate, formatScore } from '../../services/format';
import { bureauRoutes, switchTo } from '../../services/routes';
import { staffApi } from '../../services/staffApi';
import { reviewsApi } from '../../services/reviewsApi';

type Row = NationalTable['rows'][number];
type Totals = NationalTable['totals'];

/** '12 / 131' — passes (applicants at or above the line) against the quota; '— / 131' before any line. */
const againstQuota = (passes: number | null, quota: number) => `${passes === null ? '—' : formatCount(passes)} / ${formatCount(quota)}`;

const columns: Column<Row>[] = [
  { key: 'region', title: '地区', render: (r) => r.regionName },
  { key: 'enterprises', title: '企业数', numeric: true, render: (r) => formatCount(r.enterprises) },
  { key: 'started', title: '已开始', numeric: true, render: (r) => formatCount(r.started) },
  { key: 'submitted', title: '已提交', numeric: true, render: (r) => formatCount(r.submitted) },
  { key: 'rate', title: '完成率', numeric: true, render: (r) => (r.enterprises === 0 ? '—' : formatRate(r.submitted / r.enterprises)) },
  { key: 'mean', title: '平均分', numeric: true, render: (r) => formatScore(r.mean) },
  { key: 'advPasses', title: '达优势线（全部）', numeric: true, render: (r) => formatCount(r.passes.advantage) },
  { key: 'demPasses', title: '达示范线（全部）', numeric: true, render: (r) => formatCount(r.passes.demonstration) },
  { key: 'advQuota', title: '申报优势达线 / 名额', numeric: true, render: (r) => againstQuota(r.applicantPasses.advantage, r.quota.advantage) },
  { key: 'demQuota', title: '申报示范达线 / 名额', numeric: true, render: (r) => againstQuota(r.applicantPasses.demonstration, r.quota.demonstration) },
];

function footerOf(t: Totals) {
  return [
    '全国合计',
    formatCount(t.enterprises),
    formatCount(t.started),
    formatCount(t.submitted),
    t.enterprises === 0 ? '—' : formatRate(t.submitted / t.enterprises),
    formatScore(t.mean),
    formatCount(t.passes.advantage),
    formatCount(t.passes.demonstration),
    againstQuota(t.applicantPasses.advantage, t.quota.advantage),
    againstQuota(t.applicantPasses.demonstration, t.quota.demonstration),
  ];
}

function RegionsBody({ staff }: { staff: Staff }) {
  const { data, error, loading, reload } = useAsync(() => staffApi.regions(staff.campaign.id), [staff.campaign.id]);
  if (loading && !data) return <LoadingView />;
  if (!data) return <ErrorView error={error} onRetry={reload} />;
  const lines = data.passLines;
  const over = (r: Row) =>
    (r.applicantPasses.advantage ?? 0) > r.quota.advantage || (r.applicantPasses.demonstration ?? 0) > r.quota.demonstration;
  return (
    <View className='bcard' {...tid('regions', { rows: data.rows.length })}>
      <View className='bcard-head'>
        <Text className='bcard-title'>全国 {data.rows.length} 个地区</Text>
        <Text className='bmuted'>
          合格线（{lines.state === 'published' ? '已公布' : '草稿'}）：优势 {formatScore(lines.advantage)} 分，示范 {formatScore(lines.demonstration)} 分 · 点击地区查看其概览 · 黄色为申报达线超出名额
        </Text>
      </View>
      <DataTable
        testId='regions-table'
        rows={data.rows}
        rowKey={(r) => r.regionCode}
        rowTestId='region'
        rowClass={(r) => (over(r) ? 'highlight' : '')}
        onRowClick={(r) => {
          staff.setScope({ region: r.regionCode, city: null });
          switchTo(bureauRoutes.overview());
        }}
        columns={columns}
        footer={footerOf(data.totals)}
      />
    </View>
  );
}

type PackageRow = PackagesTable['rows'][number];
const stateKinds: Record<PackageRow['state'], string> = { not_started: '', draft: 'primary', submitted: 'warning', returned: 'danger', confirmed: 'success' };

/** Each region's reported package (issue 16): its state, what it recommends against the quota, the scans; a row opens the package. */
function PackagesBody({ staff }: { staff: Staff }) {
  const { data, error, loading, reload } = useAsync(() => reviewsApi.packages(staff.campaign.id), [staff.campaign.id]);
  if (loading && !data) return <LoadingView />;
  if (!data) return <ErrorView error={error} onRetry={reload} />;
  const count = (state: PackageRow['state']) => data.byState[state] ?? 0;
  return (
    <View className='bcard' {...tid('packages', { submitted: count('submitted'), confirmed: count('confirmed'), returned: count('returned') })}>
      <View className='bcard-head'>
        <Text className='bcard-title'>各地区上报材料</Text>
        <Text className='bmuted'>
          已确认 {count('confirmed')} · 待确认 {count('submitted')} · 已退回 {count('returned')} · 草稿 {count('draft')} · 未开始 {count('not_started')} · 点击地区查看材料、核对盖章件并确认或退回
        </Text>
      </View>
      <DataTable<PackageRow>
        testId='packages-table'
        rows={data.rows}
        rowKey={(r) => r.regionCode}
        rowTestId='package-row'
        rowClass={(r) => (r.state === 'submitted' ? 'highlight' : '')}
        onRowClick={(r) => void Taro.navigateTo({ url: bureauRoutes.package(r.regionCode) })}
        columns={[
          { key: 'region', title: '地区', render: (r) => r.regionName },
          { key: 'state', title: '上报状态', render: (r) => <Text className={`btag ${stateKinds[r.state]}`}>{r.stateLabel}</Text> },
          { key: 'version', title: '版本', numeric: true, render: (r) => (r.version === 0 ? '—' : `v${r.version}`) },
          { key: 'advantage', title: '推荐优势 / 名额', numeric: true, render: (r) => `${formatCount(r.counts.advantage)} / ${formatCount(r.quota.advantage)}` },
          { key: 'demonstration', title: '推荐示范 / 名额', numeric: true, render: (r) => `${formatCount(r.counts.demonstration)} / ${formatCount(r.quota.demonstration)}` },
          { key: 'outside', title: '央企（不占名额）', numeric: true, render: (r) => formatCount(r.counts.outsideQuota) },
          { key: 'review', title: '考核复核初核通过', numeric: true, render: (r) => formatCount(r.counts.reviewPassed) },
          { key: 'scans', title: '盖章件', numeric: true, render: (r) => (r.version === 0 ? '—' : r.scans === 0 ? '未上传' : `${r.scans} 份`) },
        ]}
      />
    </View>
  );
}

/** National: the 37 programme regions side by side (from the per-region summaries), and their reported packages. */
export default function RegionsPage() {
  return (
    <BureauShell section='regions' nationalOnly>
      {(staff) => (
        <>
          <RegionsBody staff={staff} />
          <PackagesBody staff={staff} />
        </>
      )}
    </BureauShell>
  );
}
