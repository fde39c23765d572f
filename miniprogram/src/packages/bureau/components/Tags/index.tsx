import { Text } from '@tarojs/components';
import type { ParticipationStatus, TableRow } from '@assess/shared';

const statusKinds: Record<ParticipationStatus, string> = { not_started: '', logged_in: 'warning', drafting: 'primary', submitted: 'success' };
const tierLabels = { fail: '不合格', pass: '合格', excellent: '优秀' } as const;
const tierKinds = { fail: 'danger', pass: 'success', excellent: 'primary' } as const;

export function StatusTag({ row }: { row: Pick<TableRow, 'status' | 'statusLabel'> }) {
  return <Text className={`btag ${statusKinds[row.status]}`}>{row.statusLabel}</Text>;
}

/** 合格 / 不合格 / 优秀 once the lines apply; nothing before. */
export function TierTag({ row }: { row: Pick<TableRow, 'tier' | 'passed'> }) {
  if (row.tier) return <Text className={`btag ${tierKinds[row.tier]}`}>{tierLabels[row.tier]}</Text>;
  if (row.passed === null) return <Text className='bmuted'>—</Text>;
  return <Text className={`btag ${row.passed ? 'success' : 'danger'}`}>{row.passed ? '合格' : '不合格'}</Text>;
}

/** 专精特新 / 小巨人 / 央企一级 / 诚信提示 */
export function EnterpriseMarks({ row }: { row: Pick<TableRow, 'specialized' | 'littleGiant' | 'centralSoe' | 'flags'> }) {
  return (
    <>
      {row.littleGiant ? <Text className='btag primary'>小巨人</Text> : row.specialized ? <Text className='btag primary'>专精特新</Text> : null}
      {row.centralSoe && <Text className='btag'>央企一级</Text>}
      {row.flags.length > 0 && <Text className='btag warning'>诚信提示 {row.flags.length}</Text>}
    </>
  );
}
