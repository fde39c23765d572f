import { useEffect, useMemo, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { applicantTrack, checkRecommendationList, titleLabels, type ApplicantReviewsInput, type ApplicantRow, type ListEntry, type Title, type WorkPage } from '@assess/shared';
import { tid } from '../../../../platform/testid';
import { ActionButton } from '../../components/ActionButton';
import { DataTable } from '../../components/DataTable';
import { formatScore } from '../../services/format';

const PAGE_SIZE = 50;

export interface RecommendTabProps {
  page: WorkPage;
  busy: boolean;
  saveList(title: Title, entries: ListEntry[]): void;
  review(items: ApplicantReviewsInput['items']): void;
}

/** An applicant as the shared list rule sees it (everyone here is an applicant above the line). */
const asCandidate = (title: Title) => (row: ApplicantRow) => ({ id: row.id, name: row.name, track: applicantTrack[title], titleHeld: title === 'demonstration' ? ('advantage' as const) : ('none' as const), total: row.total, specialized: row.specialized, centralSoe: row.centralSoe });

function ReviewEditor({ row, busy, review, asProposal }: { row: ApplicantRow; busy: boolean; review: RecommendTabProps['review']; asProposal: boolean }) {
  const current = (asProposal ? row.reviewProposal : null) ?? row.review;
  const [score, setScore] = useState(current?.score === null || current?.score === undefined ? '' : String(current.score));
  const [opinion, setOpinion] = useState(current?.opinion ?? '');
  const parsed = score.trim() === '' ? null : Number(score);
  const valid = parsed === null || (Number.isFinite(parsed) && parsed >= 0 && parsed <= 100);
  return (
    <View className='toolbar'>
      <Input className='binput short' type='digit' placeholder='评审分（可选）' value={score} onInput={(e) => setScore(e.detail.value)} {...tid(`review-score-${row.id}`)} />
      <Input className='binput wide' placeholder='评审意见（可选）' value={opinion} maxlength={1000} onInput={(e) => setOpinion(e.detail.value)} {...tid(`review-opinion-${row.id}`)} />
      <ActionButton disabled={busy || !valid} testId={`review-save-${row.id}`} onClick={() => review([{ enterpriseId: row.id, score: parsed === null ? null : Math.round(parsed * 100) / 100, opinion: opinion.trim() || null }])}>
        {asProposal ? '提出评审意见' : '保存评审'}
      </ActionButton>
    </View>
  );
}

function TitleCard({ page, title, busy, saveList, review }: RecommendTabProps & { title: Title }) {
  const applicants = page.applicants[title];
  const server = page.lists.find((list) => list.title === title);
  const serverEntries = useMemo(() => (server?.entries ?? []).map((entry) => ({ id: entry.enterpriseId, priorityReason: entry.priorityReason })), [server]);
  const [entries, setEntries] = useState<ListEntry[]>(serverEntries);
  const [editing, setEditing] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE_SIZE);
  useEffect(() => setEntries(serverEntries), [serverEntries]);

  const onList = new Map(entries.map((entry) => [entry.id, entry]));
  const quota = page.quota[title];
  const passLine = page.passLines[title] ?? 0;
  // The same rule the server checks, live while the list is edited.
  const check = checkRecommendationList({ title, quota, passLine, candidates: applicants.map(asCandidate(title)), entries });
  const reasonNeeded = new Set(check.issues.filter((issue) => issue.code === 'PRIORITY_REASON_REQUIRED').map((issue) => issue.enterpriseId));
  const dirty = JSON.stringify(entries) !== JSON.stringify(serverEntries);
  const editable = page.can.editLists;
  const toggle = (row: ApplicantRow) => setEntries(onList.has(row.id) ? entries.filter((entry) => entry.id !== row.id) : [...entries, { id: row.id, priorityReason: null }]);
  const setReason = (id: string, reason: string) => setEntries(entries.map((entry) => (entry.id === id ? { ...entry, priorityReason: reason } : entry)));

  return (
    <View className='bcard' {...tid(`recommend-${title}`, { entries: entries.length, places: check.placesUsed, quota, issues: check.issues.length, dirty })}>
      <View className='bcard-head'>
        <Text className='bcard-title'>
          {titleLabels[title]}推荐名单：占名额 {check.placesUsed} / {quota} 家{check.outsideQuota > 0 ? `，另有中央企业一级公司 ${check.outsideQuota} 家（不占名额）` : ''}
        </Text>
        <Text className='bmuted'>
          合格线 {formatScore(passLine)} 分 · 达线申报企业 {applicants.length} 家（专精特新优先，再按成绩）· 未达线 {page.belowLine[title]} 家不能推荐
        </Text>
      </View>
      {check.issues.length > 0 && (
        <View {...tid(`recommend-issues-${title}`, { count: check.issues.length })}>
          {check.issues.map((issue, i) => (
            <Text key={i} className={`bnotice ${issue.code === 'PRIORITY_REASON_REQUIRED' ? 'warning' : 'danger'}`}>
              {issue.message}
            </Text>
          ))}
        </View>
      )}
      {editable && (
        <View className='toolbar'>
          <ActionButton kind='primary' disabled={busy || !dirty} testId={`recommend-save-${title}`} onClick={() => saveList(title, entries)}>
            保存{titleLabels[title]}推荐名单
          </ActionButton>
          {dirty && <Text className='bmuted'>名单有未保存的修改</Text>}
        </View>
      )}
      {applicants.length === 0 ? (
        <Text className='bmuted'>没有达到合格线的申报{titleLabels[title]}的企业。</Text>
      ) : (
        <DataTable<ApplicantRow>
          rows={applicants.slice(0, shown)}
          rowKey={(row) => row.id}
          rowTestId={`applicant-${title}`}
          rowClass={(row) => (onList.has(row.id) ? 'highlight' : '')}
          columns={[
            { key: 'place', title: '排序', numeric: true, render: (row) => (row.place === null ? '不占' : row.place) },
            { key: 'name', title: '企业名称', wrap: true, render: (row) => row.name },
            { key: 'city', title: '地市', render: (row) => row.cityName || '—' },
            { key: 'total', title: '测评成绩', numeric: true, render: (row) => formatScore(row.total) },
            {
              key: 'marks',
              title: '标记',
              render: (row) => (
                <>
                  {row.specialized && <Text className='btag primary'>专精特新</Text>}
                  {row.centralSoe && <Text className='btag'>央企一级（不占名额）</Text>}
                  {row.place !== null && !row.withinQuota && <Text className='btag warning'>名额外</Text>}
                </>
              ),
            },
            {
              key: 'review',
              title: '评审',
              wrap: true,
              render: (row) => (
                <View>
                  {row.review && <Text>{[row.review.score === null ? null : `${formatScore(row.review.score)} 分`, row.review.opinion].filter(Boolean).join('；')}</Text>}
                  {row.reviewProposal && <Text className='btag primary'>地市局意见：{[row.reviewProposal.score === null ? null : `${formatScore(row.reviewProposal.score)} 分`, row.reviewProposal.opinion].filter(Boolean).join('；')}</Text>}
                  {(page.can.decide || page.can.propose) && (
                    <Text className='blink' onClick={() => setEditing(editing === row.id ? null : row.id)} {...tid(`review-edit-${row.id}`)}>
                      {editing === row.id ? '收起' : '评审'}
                    </Text>
                  )}
                  {editing === row.id && <ReviewEditor row={row} busy={busy} review={review} asProposal={page.can.propose} />}
                </View>
              ),
            },
            {
              key: 'list',
              title: '推荐',
              wrap: true,
              render: (row) => (
                <View>
                  {editable ? (
                    <ActionButton kind={onList.has(row.id) ? 'plain' : 'primary'} disabled={busy} testId={`recommend-toggle-${title}-${row.id}`} onClick={() => toggle(row)}>
                      {onList.has(row.id) ? '移出名单' : '列入名单'}
                    </ActionButton>
                  ) : (
                    <Text>{onList.has(row.id) ? '已列入' : '—'}</Text>
                  )}
                  {onList.has(row.id) && (editable || onList.get(row.id)?.priorityReason) && (
                    <Input
                      className={`binput wide ${reasonNeeded.has(row.id) ? 'invalid' : ''}`}
                      disabled={!editable}
                      placeholder={reasonNeeded.has(row.id) ? '须填写：优先于专精特新企业推荐的理由' : '推荐理由（可选）'}
                      value={onList.get(row.id)?.priorityReason ?? ''}
                      onInput={(e) => setReason(row.id, e.detail.value)}
                      {...tid(`priority-reason-${title}-${row.id}`, { required: reasonNeeded.has(row.id) })}
                    />
                  )}
                </View>
              ),
            },
          ]}
        />
      )}
      {applicants.length > shown && (
        <View className='pager'>
          <ActionButton onClick={() => setShown(shown + PAGE_SIZE)}>再显示 {Math.min(PAGE_SIZE, applicants.length - shown)} 家（共 {applicants.length} 家）</ActionButton>
        </View>
      )}
    </View>
  );
}

/** 评审与推荐: per title, the applicants above the line in the quota order, the bureau's review and the list. */
export function RecommendTab(props: RecommendTabProps) {
  return (
    <View {...tid('recommend')}>
      <TitleCard {...props} title='advantage' />
      <TitleCard {...props} title='demonstration' />
    </View>
  );
}
