import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { TitleRiskRow } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { ErrorView, LoadingView } from '../../../../components/StateViews';
import { tid } from '../../../../platform/testid';
import { BureauShell } from '../../components/BureauShell';
import { ActionButton } from '../../components/ActionButton';
import { DataTable } from '../../components/DataTable';
import { NoteText } from '../../components/NoteText';
import { useAction } from '../../hooks/useAction';
import { saveFile } from '../../platform/files';
import { recordsApi } from '../../services/recordsApi';

function RisksBody() {
  const [year, setYear] = useState<number | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const { data, error, loading, reload } = useAsync(() => recordsApi.risks(year), [year]);
  const { busy, note, run } = useAction<'xlsx'>();
  const apply = () => {
    const value = Number(typed.trim());
    setYear(typed.trim() === '' ? undefined : Number.isInteger(value) && value >= 2000 && value <= 2100 ? value : undefined);
  };
  return (
    <View {...tid('risks', { year: data?.year ?? '', rows: data?.rows.length ?? 0 })}>
      <View className='bcard'>
        <View className='bcard-head'>
          <Text className='bcard-title'>称号风险{data ? `（${data.year} 年度）` : ''}</Text>
          <Text className='bmuted'>按企业历年记录与各年度规则计算：连续 2 年未参加考核的取消复核资格（称号失效）；上年未通过或未参加复核的保留资格 1 年、须再次复核。</Text>
        </View>
        <View className='toolbar'>
          <Text id='risk-year-label'>年度</Text>
          <Input className='binput short' type='number' placeholder='默认：下一年度' value={typed} onInput={(e) => setTyped(e.detail.value)} aria-labelledby='risk-year-label' {...tid('risk-year')} />
          <ActionButton testId='risk-year-apply' onClick={apply}>
            查看
          </ActionButton>
          <ActionButton busyText={busy === 'xlsx' ? '正在导出…' : null} disabled={!data} testId='risks-export' onClick={() => void run('xlsx', async () => saveFile(await recordsApi.exportRisks(data?.year), `称号风险-${data?.year ?? ''}.xlsx`))}>
            导出 Excel
          </ActionButton>
        </View>
        {loading && !data && <LoadingView text='正在计算…' />}
        {!loading && !data && <ErrorView error={error} onRetry={reload} />}
        {data && data.rows.length === 0 && (
          <Text className='bmuted' {...tid('risks-empty')}>
            {data.year} 年度没有称号失效或须再次复核的企业。
          </Text>
        )}
        {data && data.rows.length > 0 && (
          <DataTable<TitleRiskRow>
            testId='risk-table'
            rows={data.rows}
            rowKey={(row) => row.uscc}
            rowTestId='risk-row'
            columns={[
              { key: 'name', title: '企业名称', render: (row) => row.name },
              { key: 'uscc', title: '统一社会信用代码', render: (row) => row.uscc },
              { key: 'region', title: '地区', render: (row) => row.regionName ?? '—' },
              { key: 'title', title: '称号', render: (row) => `${row.titleLabel}（周期始于 ${row.cycleStart} 年）` },
              { key: 'flags', title: '提示', render: (row) => row.flags.map((flag) => flag.label).join('；') },
              { key: 'lapses', title: '称号失效', render: (row) => (row.lapses ? <Text className='btag danger'>是</Text> : <Text className='btag warning'>须再次复核</Text>) },
            ]}
          />
        )}
        <NoteText note={note} testId='risks-note' />
      </View>
    </View>
  );
}

/** National: the enterprises whose titles lapse or are at risk in a year, exportable to Excel. */
export default function RisksPage() {
  return (
    <BureauShell section='risks' nationalOnly>
      {() => <RisksBody />}
    </BureauShell>
  );
}
