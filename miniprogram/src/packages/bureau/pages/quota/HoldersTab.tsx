import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { HolderRow, ReviewDecisionsInput, WorkPage } from '@assess/shared';
import { tid } from '../../../../platform/testid';
import { ActionButton } from '../../components/ActionButton';
import { DataTable } from '../../components/DataTable';
import { formatScore } from '../../services/format';

type Judgement = HolderRow['judgements'][number];
type Item = ReviewDecisionsInput['items'][number];

/** Rows shown at once (the largest region has about 2,500 holders and applicants). */
const PAGE_SIZE = 50;

export interface HoldersTabProps {
  page: WorkPage;
  busy: boolean;
  decide(items: Item[]): void;
  confirmProposals(ids: string[]): void;
}

function DecisionText({ judgement }: { judgement: Judgement }) {
  const { decision, proposal } = judgement;
  return (
    <View>
      {decision ? (
        <Text className={`btag ${decision.outcome === 'pass' ? 'success' : 'danger'}`}>{decision.outcome === 'pass' ? '初核通过' : '初核不通过'}</Text>
      ) : judgement.reachedLine ? (
        <Text className='btag warning'>待初核</Text>
      ) : (
        <Text className='btag'>未达合格线</Text>
      )}
      {decision?.reason && <Text className='bmuted'> {decision.reason}</Text>}
      {decision?.byRole === 'city' && <Text className='bmuted'>（地市局提出，已确认）</Text>}
      {proposal && (
        <Text className='btag primary' {...tid('proposal-pending')}>
          地市局意见：{proposal.outcome === 'pass' ? '通过' : `不通过（${proposal.reason ?? ''}）`}
        </Text>
      )}
    </View>
  );
}

/**
 * 初核 of current title holders (考核 / 复核): who cleared the line, the decision or the city's
 * proposal, and the buttons to decide (a region) or propose (a city). A pass below the line is
 * not offered; a fail needs the reason typed beside it.
 */
export function HoldersTab({ page, busy, decide, confirmProposals }: HoldersTabProps) {
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [shown, setShown] = useState(PAGE_SIZE);
  const acting = page.can.decide || page.can.propose;
  const rows = page.holders.flatMap((holder) => holder.judgements.map((judgement) => ({ holder, judgement, key: `${holder.id}-${judgement.purpose}` })));
  const undecided = rows.filter(({ judgement }) => judgement.reachedLine && !judgement.decision && (page.can.decide || !judgement.proposal));
  const withProposals = [...new Set(rows.filter(({ judgement }) => judgement.proposal).map(({ holder }) => holder.id))];
  const verb = page.can.decide ? '' : '提出';

  return (
    <View className='bcard' {...tid('holders', { rows: rows.length, undecided: undecided.length })}>
      <View className='bcard-head'>
        <Text className='bcard-title'>考核、复核初核（{rows.length} 项）</Text>
        <Text className='bmuted'>达到合格线的方可初核通过；不通过须写明理由。{page.can.propose ? '地市局的意见由地区局确认。' : ''}</Text>
      </View>
      {acting && (
        <View className='toolbar'>
          <ActionButton kind='primary' disabled={busy || undecided.length === 0} testId='holders-pass-all' onClick={() => decide(undecided.map(({ holder, judgement }) => ({ enterpriseId: holder.id, purpose: judgement.purpose, outcome: 'pass' })))}>
            达线待初核的 {undecided.length} 项全部{verb}通过
          </ActionButton>
          {page.can.decide && withProposals.length > 0 && (
            <ActionButton disabled={busy} testId='proposals-confirm' onClick={() => confirmProposals(withProposals)}>
              确认地市局意见（{withProposals.length} 家）
            </ActionButton>
          )}
        </View>
      )}
      {rows.length === 0 ? (
        <Text className='bmuted'>本地区没有考核、复核企业。</Text>
      ) : (
        <DataTable
          testId='holders-table'
          rows={rows.slice(0, shown)}
          rowKey={(row) => row.key}
          rowTestId='holder'
          rowClass={(row) => (row.judgement.reachedLine && !row.judgement.decision ? 'highlight' : '')}
          columns={[
            { key: 'name', title: '企业名称', wrap: true, render: (r) => r.holder.name },
            { key: 'city', title: '地市', render: (r) => r.holder.cityName || '—' },
            { key: 'kind', title: '类别', render: (r) => `${r.judgement.line === 'advantage' ? '优势' : '示范'}${r.judgement.purposeLabel}` },
            { key: 'total', title: '成绩 / 合格线', numeric: true, render: (r) => `${formatScore(r.holder.total)} / ${formatScore(r.judgement.passLine)}` },
            { key: 'decision', title: '初核', wrap: true, render: (r) => <DecisionText judgement={r.judgement} /> },
            ...(acting
              ? [
                  {
                    key: 'actions',
                    title: '操作',
                    render: (r: (typeof rows)[number]) => (
                      <View className='toolbar'>
                        {r.judgement.reachedLine && (
                          <ActionButton disabled={busy} testId={`decide-pass-${r.key}`} onClick={() => decide([{ enterpriseId: r.holder.id, purpose: r.judgement.purpose, outcome: 'pass' }])}>
                            {verb}通过
                          </ActionButton>
                        )}
                        <Input
                          className='binput short'
                          placeholder='不通过的理由'
                          value={reasons[r.key] ?? ''}
                          onInput={(e) => setReasons({ ...reasons, [r.key]: e.detail.value })}
                          {...tid(`fail-reason-${r.key}`)}
                        />
                        <ActionButton
                          kind='danger'
                          disabled={busy || (reasons[r.key] ?? '').trim() === ''}
                          testId={`decide-fail-${r.key}`}
                          onClick={() => decide([{ enterpriseId: r.holder.id, purpose: r.judgement.purpose, outcome: 'fail', reason: reasons[r.key] }])}
                        >
                          {verb}不通过
                        </ActionButton>
                      </View>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {rows.length > shown && (
        <View className='pager'>
          <ActionButton testId='holders-more' onClick={() => setShown(shown + PAGE_SIZE)}>
            再显示 {Math.min(PAGE_SIZE, rows.length - shown)} 项（共 {rows.length} 项）
          </ActionButton>
        </View>
      )}
    </View>
  );
}
