import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { participationStatusLabels, regionByCode, trackLabels, type TableQuery, type TableRow } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { ErrorView, LoadingView } from '../../../../components/StateViews';
import { describeError } from '../../../../services/errorText';
import { formatDateTime } from '../../../../services/beijingTime';
import { inputLabel } from '../../../../platform/inputLabel';
import { pressable } from '../../../../platform/pressable';
import { tid } from '../../../../platform/testid';
import { ActionButton } from '../../components/ActionButton';
import { BureauShell, type Staff } from '../../components/BureauShell';
import { DataTable, type Column } from '../../components/DataTable';
import { Select, type SelectOption } from '../../components/Select/select';
import { EnterpriseMarks, StatusTag, TierTag } from '../../components/Tags';
import { saveFile } from '../../platform/files';
import { formatCount, formatScore } from '../../services/format';
import { bureauRoutes } from '../../services/routes';
import { staffApi, type TableParams } from '../../services/staffApi';
import './index.scss';

type Sort = NonNullable<TableQuery['sort']>;

interface Filters {
  q: string;
  track: string;
  status: string;
  pass: string;
  specialized: string;
  flagged: string;
  sort: Sort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const initialFilters: Filters = { q: '', track: '', status: '', pass: '', specialized: '', flagged: '', sort: 'name', order: 'asc', page: 1, pageSize: 20 };

/** The filters survive a trip to a detail page and back (and a switch of section). */
let remembered: Filters = initialFilters;

const options = (all: string, labels: Record<string, string>): SelectOption[] => [{ value: '', label: all }, ...Object.entries(labels).map(([value, label]) => ({ value, label }))];
const trackOptions = options('全部参加类型', trackLabels);
const statusOptions = options('全部状态', participationStatusLabels);
const passOptions = options('合格与否（全部）', { pass: '合格', fail: '不合格' });
const specializedOptions = options('专精特新（全部）', { true: '专精特新', false: '非专精特新' });
const flaggedOptions = options('诚信提示（全部）', { true: '有诚信提示', false: '无诚信提示' });
const pageSizeOptions: SelectOption[] = [20, 50, 100].map((n) => ({ value: String(n), label: `每页 ${n} 家` }));

function queryOf(staff: Staff, filters: Filters): TableParams {
  const pick = <T extends string>(value: string) => (value === '' ? undefined : (value as T));
  return {
    campaignId: staff.campaign.id,
    ...staff.scopeQuery,
    q: filters.q.trim() || undefined,
    track: pick<NonNullable<TableQuery['track']>>(filters.track),
    status: pick<NonNullable<TableQuery['status']>>(filters.status),
    pass: pick<'pass' | 'fail'>(filters.pass),
    specialized: pick<'true' | 'false'>(filters.specialized),
    flagged: pick<'true' | 'false'>(filters.flagged),
    sort: filters.sort,
    order: filters.order,
    page: filters.page,
    pageSize: filters.pageSize,
  };
}

function columnsFor(scoresVisible: boolean, showRegion: boolean): Column<TableRow>[] {
  const columns: Column<TableRow>[] = [
    {
      key: 'name',
      title: '企业名称',
      sortKey: 'name',
      wrap: true,
      render: (row) => (
        <View className='enterprise-name-cell'>
          <Text className='enterprise-name'>{row.name}</Text>
          <EnterpriseMarks row={row} />
        </View>
      ),
    },
    { key: 'uscc', title: '统一社会信用代码', sortKey: 'uscc', render: (row) => <Text className='mono'>{row.uscc}</Text> },
    ...(showRegion ? [{ key: 'region', title: '地区', render: (row: TableRow) => regionByCode(row.regionCode)?.shortName ?? row.regionCode }] : []),
    { key: 'city', title: '地市', render: (row) => row.cityName || '—' },
    { key: 'track', title: '参加类型', render: (row) => row.trackLabel },
    { key: 'status', title: '状态', render: (row) => <StatusTag row={row} /> },
    { key: 'attempts', title: '提交次数', sortKey: 'attempts', numeric: true, render: (row) => row.attempts },
    { key: 'last', title: '最后提交（北京时间）', sortKey: 'lastSubmittedAt', render: (row) => formatDateTime(row.lastSubmittedAt) },
  ];
  if (scoresVisible) {
    columns.push(
      { key: 'total', title: '最终成绩', sortKey: 'total', numeric: true, render: (row) => formatScore(row.total) },
      { key: 'tier', title: '结果', render: (row) => <TierTag row={row} /> },
    );
  }
  return columns;
}

function EnterprisesBody({ staff }: { staff: Staff }) {
  const [filters, setFiltersState] = useState<Filters>(remembered);
  const [search, setSearch] = useState(filters.q);
  const [exporting, setExporting] = useState(false);
  const [exportNote, setExportNote] = useState<{ ok: boolean; text: string } | null>(null);
  const setFilters = (next: Filters) => {
    remembered = next;
    setFiltersState(next);
  };
  const change = (patch: Partial<Filters>) => setFilters({ ...filters, page: 1, ...patch });

  // Search as the user types, once they pause.
  useEffect(() => {
    if (search === filters.q) return undefined;
    const timer = setTimeout(() => change({ q: search }), 400);
    return () => clearTimeout(timer);
  }, [search]);

  const query = queryOf(staff, filters);
  const key = JSON.stringify(query);
  const { data, error, loading, reload } = useAsync(() => staffApi.table(query), [key]);

  // Filters remembered from a closed campaign do not apply while another one hides its scores.
  useEffect(() => {
    const code = (error as { code?: string } | null)?.code;
    if ((code === 'RESULTS_HIDDEN' || code === 'PASSLINES_INCOMPLETE') && (filters.sort === 'total' || filters.pass !== '')) {
      change({ sort: filters.sort === 'total' ? 'name' : filters.sort, order: filters.sort === 'total' ? 'asc' : filters.order, pass: '' });
    }
  }, [error]);

  const passLinesKnown = staff.me.role === 'national' ? staff.campaign.passLines.advantage !== null && staff.campaign.passLines.demonstration !== null : staff.campaign.passLines.state === 'published';
  const scoresVisible = data?.scoresVisible ?? false;

  const sortBy = (sortKey: string) => {
    const sort = sortKey as Sort;
    change({ sort, order: filters.sort === sort && filters.order === 'asc' ? 'desc' : sort === 'total' || sort === 'lastSubmittedAt' ? 'desc' : 'asc' });
  };

  const exportExcel = async () => {
    setExporting(true);
    setExportNote(null);
    try {
      const response = await staffApi.exportTable(query);
      setExportNote({ ok: true, text: await saveFile(response, '企业测评情况.xlsx') });
    } catch (failure) {
      setExportNote({ ok: false, text: describeError(failure) });
    } finally {
      setExporting(false);
    }
  };

  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <View {...tid('enterprises', { loading, total: data?.total ?? '', page: data?.page ?? '' })}>
      <View className='bcard'>
        <View className='toolbar'>
          <Input
            className='binput enterprises-search'
            value={search}
            placeholder='企业名称或统一社会信用代码'
            maxlength={50}
            confirmType='search'
            onInput={(e) => setSearch(e.detail.value)}
            onConfirm={() => change({ q: search })}
            {...inputLabel('搜索企业名称或统一社会信用代码')}
            {...tid('filter-q')}
          />
          <Select label='参加类型' testId='filter-track' value={filters.track} options={trackOptions} onChange={(track) => change({ track })} />
          <Select label='状态' testId='filter-status' value={filters.status} options={statusOptions} onChange={(status) => change({ status })} />
          {scoresVisible && passLinesKnown && <Select label='合格与否' testId='filter-pass' value={filters.pass} options={passOptions} onChange={(pass) => change({ pass })} />}
          <Select label='专精特新' testId='filter-specialized' value={filters.specialized} options={specializedOptions} onChange={(specialized) => change({ specialized })} />
          <Select label='诚信提示' testId='filter-flagged' value={filters.flagged} options={flaggedOptions} onChange={(flagged) => change({ flagged })} />
          <Text
            className='blink'
            onClick={() => {
              setSearch('');
              setFilters({ ...initialFilters, pageSize: filters.pageSize });
            }}
            {...pressable()}
            {...tid('filter-reset')}
          >
            清除筛选
          </Text>
          <View className='toolbar-spacer' />
          <ActionButton kind='primary' testId='export-excel' busyText={exporting ? '正在导出…' : null} onClick={() => void exportExcel()}>
            导出 Excel（当前筛选）
          </ActionButton>
        </View>
        {exportNote && (
          <Text className={`bnotice ${exportNote.ok ? 'success' : 'danger'}`} {...tid('export-status', { ok: exportNote.ok })}>
            {exportNote.text}
          </Text>
        )}
        {!scoresVisible && data && <Text className='bmuted'>测评期间不显示成绩；系统关闭后可按成绩排序和筛选合格与否。</Text>}
        {error !== null && data && (
          <Text className='bnotice danger' {...tid('table-error', { code: (error as { code?: string }).code ?? '' })}>
            {describeError(error)}
          </Text>
        )}

        {!data && loading && <LoadingView />}
        {!data && !loading && <ErrorView error={error} onRetry={reload} />}
        {data && (
          <>
            <DataTable
              testId='enterprise-table'
              columns={columnsFor(scoresVisible, !staff.scope.region)}
              rows={data.rows}
              rowKey={(row) => row.id}
              rowTestId='enterprise-row'
              onRowClick={(row) => void Taro.navigateTo({ url: bureauRoutes.enterprise(row.id) })}
              sort={{ key: filters.sort, order: filters.order }}
              onSort={sortBy}
            />
            {data.rows.length === 0 && (
              <Text className='bmuted enterprises-empty' {...tid('state-empty')}>
                没有符合条件的企业。
              </Text>
            )}
            <View className='pager'>
              <Text className='bmuted' {...tid('pager-info', { total: data.total, page: data.page, pages })}>
                共 {formatCount(data.total)} 家，第 {data.page} / {pages} 页{loading ? '（正在加载…）' : ''}
              </Text>
              <Select label='每页显示' testId='page-size' value={String(filters.pageSize)} options={pageSizeOptions} onChange={(size) => change({ pageSize: Number(size) })} />
              <ActionButton testId='page-prev' disabled={filters.page <= 1} onClick={() => setFilters({ ...filters, page: filters.page - 1 })}>
                上一页
              </ActionButton>
              <ActionButton testId='page-next' disabled={filters.page >= pages} onClick={() => setFilters({ ...filters, page: filters.page + 1 })}>
                下一页
              </ActionButton>
            </View>
          </>
        )}
      </View>
    </View>
  );
}

/** The enterprises of the scope: search, filters, sorting, pages, and the Excel export of the filter. */
export default function EnterprisesPage() {
  return (
    <BureauShell section='enterprises' scoped>
      {(staff) => <EnterprisesBody staff={staff} />}
    </BureauShell>
  );
}
