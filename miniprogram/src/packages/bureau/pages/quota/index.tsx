import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { QuotaPanel } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { EmptyView, ErrorView, LoadingView } from '../../../../components/StateViews';
import { tid } from '../../../../platform/testid';
import { BureauShell, type Staff } from '../../components/BureauShell';
import { DataTable } from '../../components/DataTable';
import { formatScore } from '../../services/format';
import { bureauRoutes } from '../../services/routes';
import { staffApi } from '../../services/staffApi';
import { ReviewWorkspace } from './ReviewWorkspace';

type List = QuotaPanel['lists'][number];
type Ranked = List['ranked'][number];

const lineTitles = { advantage: '申报优势企业', demonstration: '申报示范企业' } as const;

function ListCard({ list }: { list: List }) {
  const within = list.ranked.filter((r) => r.withinQuota).length;
  const open = (id: string) => void Taro.navigateTo({ url: bureauRoutes.enterprise(id) });
  return (
    <View className='bcard' {...tid(`quota-list-${list.line}`, { ranked: list.ranked.length, within, outside: list.outsideQuota.length })}>
      <View className='bcard-head'>
        <Text className='bcard-title'>{lineTitles[list.line]}</Text>
        <Text className='bmuted'>
          合格线 {formatScore(list.passLine)} 分 · 名额 {list.quota} · 达线 {list.ranked.length} 家{list.ranked.length > list.quota ? `（超出名额 ${list.ranked.length - list.quota} 家，须择优推荐）` : ''}
        </Text>
      </View>
      {list.ranked.length === 0 ? (
        <Text className='bmuted'>没有达到合格线的申报企业。</Text>
      ) : (
        <DataTable<Ranked>
          rows={list.ranked}
          rowKey={(r) => r.id}
          rowTestId={`quota-${list.line}`}
          onRowClick={(r) => open(r.id)}
          rowClass={(r) => (r.withinQuota ? '' : 'highlight')}
          columns={[
            { key: 'rank', title: '排序', numeric: true, render: (r) => list.ranked.indexOf(r) + 1 },
            { key: 'name', title: '企业名称', wrap: true, render: (r) => r.name },
            { key: 'uscc', title: '统一社会信用代码', render: (r) => r.uscc },
            { key: 'specialized', title: '专精特新', render: (r) => (r.specialized ? <Text className='btag primary'>专精特新</Text> : '—') },
            { key: 'total', title: '最终成绩', numeric: true, render: (r) => formatScore(r.total) },
            { key: 'quota', title: '名额内', render: (r) => (r.withinQuota ? <Text className='btag success'>名额内</Text> : <Text className='btag warning'>超出名额</Text>) },
          ]}
        />
      )}
      {list.outsideQuota.length > 0 && (
        <View className='quota-outside'>
          <Text className='bcard-title'>中央企业一级公司（推荐但不占名额）</Text>
          <DataTable
            rows={list.outsideQuota}
            rowKey={(r) => r.id}
            rowTestId={`quota-outside-${list.line}`}
            onRowClick={(r) => open(r.id)}
            columns={[
              { key: 'name', title: '企业名称', wrap: true, render: (r) => r.name },
              { key: 'uscc', title: '统一社会信用代码', render: (r) => r.uscc },
              { key: 'total', title: '最终成绩', numeric: true, render: (r) => formatScore(r.total) },
            ]}
          />
        </View>
      )}
    </View>
  );
}

function QuotaBody({ staff }: { staff: Staff }) {
  const region = staff.scope.region;
  const { data, error, loading, reload } = useAsync(
    () => (region ? staffApi.quota({ campaignId: staff.campaign.id, ...staff.scopeQuery }) : Promise.resolve(null)),
    [staff.campaign.id, region, staff.scope.city],
  );
  if (!region) return <EmptyView text='推荐名额按地区分配：请在上方选择一个地区。' />;
  if (loading && !data) return <LoadingView />;
  if (!data) return <ErrorView error={error} onRetry={reload} />;
  return (
    <View {...tid('quota', { region: data.regionCode, advantage: data.quota.advantage, demonstration: data.quota.demonstration, published: data.published })}>
      <View className='stat-grid'>
        <View className='stat' {...tid('quota-advantage', { value: data.quota.advantage })}>
          <Text className='stat-value'>{data.quota.advantage}</Text>
          <Text className='stat-label'>{data.regionName} 优势企业推荐名额</Text>
        </View>
        <View className='stat' {...tid('quota-demonstration', { value: data.quota.demonstration })}>
          <Text className='stat-value'>{data.quota.demonstration}</Text>
          <Text className='stat-label'>{data.regionName} 示范企业推荐名额</Text>
        </View>
      </View>
      <Text className='bmuted quota-basis'>名额依据国知办函运字〔2023〕572号附件1；专精特新中小企业优先推荐；中央企业一级公司由所在地区推荐，不占名额。</Text>
      {staff.scope.city && <Text className='bnotice warning'>名额按地区（省级）分配，以下排名只含所选地市的企业。</Text>}
      {!data.published ? (
        <Text className='bnotice' {...tid('quota-unpublished')}>
          合格线公布后，这里按专精特新优先、成绩从高到低列出达到合格线的申报企业及名额内外情况。
        </Text>
      ) : (
        data.lists.map((list) => <ListCard key={list.line} list={list} />)
      )}
      {/* After the close: the working page of steps 1–3 (初核, 评审与推荐, 上报; issue 16). */}
      <ReviewWorkspace query={{ campaignId: staff.campaign.id, ...staff.scopeQuery }} />
    </View>
  );
}

/**
 * The region's working page: its recommendation quotas, its applicants ranked within them once the
 * lines are published, and after the close the 初核, 评审与推荐 and 上报 steps.
 */
export default function QuotaPage() {
  return (
    <BureauShell section='quota' scoped>
      {(staff) => <QuotaBody staff={staff} />}
    </BureauShell>
  );
}
