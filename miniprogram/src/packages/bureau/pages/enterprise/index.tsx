import { useState, type ReactNode } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { titleHeldLabels, type EnterpriseContacts, type EnterpriseDetail, type TitleHeld } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { ErrorView, LoadingView } from '../../../../components/StateViews';
import { formatAnswer } from '../../../../services/answerText';
import { formatDateTime, formatDateTimeSeconds } from '../../../../services/beijingTime';
import { tid } from '../../../../platform/testid';
import { BureauShell, type Staff } from '../../components/BureauShell';
import { DataTable } from '../../components/DataTable';
import { EnterpriseAdminTools } from '../../components/EnterpriseAdminTools';
import { ActionButton } from '../../components/ActionButton';
import { NoteText } from '../../components/NoteText';
import { useAction } from '../../hooks/useAction';
import { LoginLock } from '../../components/LoginLock';
import { TitleHistoryCard } from '../../components/TitleHistoryCard';
import { EnterpriseMarks, StatusTag, TierTag } from '../../components/Tags';
import { formatDuration, formatScore } from '../../services/format';
import { finalAnswers } from '../../services/questionnaires';
import { questionnaireFallbackName, questionnaireName, receiptNumber } from '../../../../services/receiptText';
import { isApiError } from '../../../../services/apiClient';
import { pressable } from '../../../../platform/pressable';
import { backOr, bureauRoutes, switchTo } from '../../services/routes';
import { scopeLabel } from '../../services/staffContext';
import { staffApi } from '../../services/staffApi';
import './index.scss';

type History = EnterpriseDetail['history'][number];

function Item({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <View className='kv-item' {...(testId ? tid(testId) : {})}>
      <Text className='bmuted'>{label}</Text>
      <Text className='kv-value'>{children}</Text>
    </View>
  );
}

function Summary({ detail }: { detail: EnterpriseDetail }) {
  const { row } = detail;
  return (
    <View className='bcard' {...tid('enterprise-summary', { id: row.id, uscc: row.uscc, status: row.status, total: row.total ?? '' })}>
      <View className='bcard-head'>
        <View>
          <Text className='detail-name' {...tid('enterprise-name')}>
            {row.name}
          </Text>
          <EnterpriseMarks row={row} />
        </View>
        <View className='detail-score'>
          <Text className='bmuted'>最终成绩</Text>
          <Text className='detail-total'>{formatScore(row.total)}</Text>
          <TierTag row={row} />
        </View>
      </View>
      <View className='kv'>
        <Item label='统一社会信用代码'>{row.uscc}</Item>
        <Item label='地区'>{scopeLabel({ region: row.regionCode, city: null })}</Item>
        <Item label='地市'>{row.cityName || '—'}</Item>
        <Item label='参加类型'>{row.trackLabel}</Item>
        <Item label='现有称号'>{titleHeldLabels[row.titleHeld as TitleHeld] ?? row.titleHeld}</Item>
        <Item label='适用合格线'>{row.line === 'advantage' ? '优势企业合格线' : '示范企业合格线'}</Item>
        <Item label='状态'>
          <StatusTag row={row} />
        </Item>
        <Item label='提交次数'>{row.attempts}</Item>
        <Item label='最后提交（北京时间）'>{formatDateTime(row.lastSubmittedAt)}</Item>
        <Item label='截止时间（北京时间）' testId='enterprise-deadline'>
          {formatDateTime(detail.deadline)}
          {detail.extension ? `（已延期：${detail.extension.reason}）` : ''}
        </Item>
      </View>
      {detail.contacts.length > 0 && <Contacts detail={detail} />}
    </View>
  );
}

/**
 * The contacts, masked (张* · 138****5678) until the bureau asks to see them: personal data shown
 * only when needed, and each showing is an audit record on the server.
 */
function Contacts({ detail }: { detail: EnterpriseDetail }) {
  const [full, setFull] = useState<EnterpriseContacts['contacts'] | null>(null);
  const { busy, note, run } = useAction();
  const contacts = full ?? detail.contacts;
  const show = () =>
    void run('busy', async () => {
      setFull((await staffApi.contacts(detail.row.id)).contacts);
    });
  return (
    <View className='detail-contacts' {...tid('contacts', { masked: full === null })}>
      <Text className='bmuted'>联系人</Text>
      {contacts.map((c, i) => (
        <Text key={i} className='detail-contact' {...tid('contact')}>
          {[c.name, c.phone, c.email].filter(Boolean).join(' · ')}
        </Text>
      ))}
      {full === null && (
        <ActionButton testId='show-contacts' busyText={busy ? '正在读取…' : null} onClick={show}>
          显示联系方式
        </ActionButton>
      )}
      {full !== null && <Text className='bmuted'>查看联系方式已记入审计日志。</Text>}
      <NoteText note={note} testId='contacts-note' />
    </View>
  );
}

function HistoryCard({ detail }: { detail: EnterpriseDetail }) {
  return (
    <View className='bcard'>
      <View className='bcard-head'>
        <Text className='bcard-title'>历次提交</Text>
        <Text className='bmuted'>系统关闭前最后一次提交的成绩计为最终成绩（以服务器接收时间为准）</Text>
      </View>
      {detail.history.length === 0 ? (
        <Text className='bmuted' {...tid('history-empty')}>
          还没有提交。
        </Text>
      ) : (
        <DataTable<History>
          testId='history'
          rows={detail.history}
          rowKey={(h) => String(h.number)}
          rowTestId='history-row'
          rowClass={(h) => (h.counts ? 'highlight' : '')}
          columns={[
            { key: 'n', title: '次序', render: (h) => `第 ${h.number} 次` },
            { key: 'at', title: '服务器接收时间（北京时间）', render: (h) => formatDateTimeSeconds(h.submittedAt) },
            { key: 'seconds', title: '作答用时', numeric: true, render: (h) => formatDuration(h.seconds) },
            { key: 'total', title: '成绩', numeric: true, render: (h) => formatScore(h.total) },
            { key: 'counts', title: '', render: (h) => (h.counts ? <Text className='btag success'>计为最终成绩</Text> : null) },
          ]}
        />
      )}
    </View>
  );
}

function IntegrityCard({ detail }: { detail: EnterpriseDetail }) {
  if (detail.integrity.length === 0) return null;
  return (
    <View className='bcard' {...tid('integrity', { count: detail.integrity.length })}>
      <Text className='bcard-title'>诚信提示</Text>
      <Text className='bmuted'>系统根据历次提交自动发现的异常，供核查参考，并不代表认定造假。</Text>
      {detail.integrity.map((flag) => (
        <View key={flag.code} className='integrity-flag' {...tid(`flag-${flag.code}`)}>
          <Text className='btag warning'>{flag.label}</Text>
          <Text className='bmuted'>涉及第 {flag.attempts.join('、')} 次提交</Text>
          {flag.evidence !== '' && <Text className='integrity-evidence'>{flag.evidence}</Text>}
          {flag.withheld && (
            <Text className='bmuted' {...tid(`flag-withheld-${flag.code}`)}>
              依据中涉及分数或答案的部分在测评期间不显示，系统关闭后可查看。
            </Text>
          )}
        </View>
      ))}
    </View>
  );
}

function FinalCard({ final }: { final: NonNullable<EnterpriseDetail['final']> }) {
  const { data, error, loading, reload } = useAsync(() => finalAnswers(final), [final.receipt.attemptId]);
  const { receipt } = final;
  return (
    <>
      <View className='bcard' {...tid('receipt', { attempt: receipt.attemptId, checksum: receipt.checksum })}>
        <Text className='bcard-title'>最终成绩回执</Text>
        <View className='kv'>
          <Item label='回执编号' testId='receipt-number'>
            {receiptNumber(receipt)}
          </Item>
          <Item label='测评次数'>第 {receipt.number} 次</Item>
          <Item label='服务器接收时间'>{formatDateTimeSeconds(receipt.submittedAt)}（北京时间）</Item>
          <Item label='总分'>{formatScore(receipt.total)}</Item>
          <Item label='问卷'>{data ? questionnaireName(data.definition) : questionnaireFallbackName(final.questionnaire)}</Item>
          <Item label='校验码（SHA-256）'>{receipt.checksum}</Item>
        </View>
        <View className='detail-dimensions'>
          {receipt.dimensions.map((d) => (
            <View key={d.id} className='detail-dimension' {...tid(`dimension-${d.id}`, { score: d.score })}>
              <Text className='detail-dimension-title'>{d.title}</Text>
              <View className='meter-track'>
                <View className='meter-bar' style={{ width: `${d.max > 0 ? Math.min(100, (d.score / d.max) * 100) : 0}%`, background: '#1d5fbf' }} />
              </View>
              <Text className='bmuted'>
                {formatScore(d.score)} / {d.max}
              </Text>
            </View>
          ))}
        </View>
      </View>
      <View className='bcard' {...tid('final-answers', { state: loading ? 'loading' : data ? 'ready' : 'error' })}>
        <Text className='bcard-title'>最终答案（只读）</Text>
        {loading && !data && <LoadingView text='正在读取问卷…' />}
        {!loading && !data && <ErrorView error={error} onRetry={reload} />}
        {data &&
          data.layout.groups.map((group) => {
            const items = group.sections.flatMap((section) => section.questions).filter((item) => data.visible.has(item.question.id));
            if (items.length === 0) return null;
            return (
              <View key={group.key} className='answers-group'>
                <Text className='answers-group-title'>{group.title}</Text>
                {items.map((item) => (
                  <View key={item.question.id} className='answers-row' {...tid(`answer-${item.question.id}`)}>
                    <Text className='answers-question'>
                      {item.label} {item.question.title}
                    </Text>
                    <Text className='answers-value'>{formatAnswer(item.question, data.answers[item.question.id])}</Text>
                  </View>
                ))}
              </View>
            );
          })}
      </View>
    </>
  );
}

function DetailBody({ staff, id }: { staff: Staff; id: string }) {
  const { data, error, loading, reload } = useAsync(() => staffApi.enterprise(id), [id]);
  if (loading && !data) return <LoadingView />;
  if (!data) {
    // Out of scope (a link to another region's enterprise) or gone: retrying cannot help, the
    // bureau's own overview and list can. A network failure keeps its retry.
    const settled = isApiError(error) && !error.transient;
    return (
      <ErrorView error={error} onRetry={settled ? undefined : reload}>
        <Text className='blink' onClick={() => switchTo(bureauRoutes.overview())} {...pressable({ role: 'link' })} {...tid('detail-to-overview')}>
          返回本地区概览
        </Text>
        <Text className='blink detail-error-list' onClick={() => switchTo(bureauRoutes.enterprises())} {...pressable({ role: 'link' })} {...tid('detail-to-list')}>
          返回企业列表
        </Text>
      </ErrorView>
    );
  }
  return (
    <View {...tid('enterprise-detail', { id: data.row.id })}>
      <Text className='blink detail-back' onClick={() => backOr(bureauRoutes.enterprises())} {...pressable({ role: 'link' })} {...tid('back-to-list')}>
        ← 返回企业列表
      </Text>
      <Summary detail={data} />
      <IntegrityCard detail={data} />
      <TitleHistoryCard enterpriseId={data.row.id} />
      <HistoryCard detail={data} />
      {data.final ? (
        <FinalCard final={data.final} />
      ) : (
        data.history.length > 0 && (
          <Text className='bnotice warning' {...tid('answers-hidden')}>
            测评期间不显示成绩和答案，系统关闭后可查看最终答案与回执。
          </Text>
        )
      )}
      <LoginLock enterpriseId={data.row.id} name={data.row.name} />
      {staff.me.role === 'national' && <EnterpriseAdminTools detail={data} onChanged={reload} />}
    </View>
  );
}

/** One enterprise: who, its attempts with server times and scores, integrity flags, the final answers and receipt. */
export default function EnterpriseDetailPage() {
  const id = useRouter().params.id ?? '';
  return <BureauShell section='detail'>{(staff) => <DetailBody staff={staff} id={id} />}</BureauShell>;
}
