import { useCallback, useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import type { MeResponse } from '@assess/shared';
import { loadMe, logout, unsentAnswers } from '../../services/assessment';
import { confirmAction } from '../../services/dialogs';
import { formatDateTime, formatDeadline, formatPeriod } from '../../services/beijingTime';
import { passLineLabels, resultTierLabels, trackLabels } from '../../services/engine';
import { clientKeys, scopeOf } from '../../services/local';
import { routes } from '../../services/navigation';
import { useAsync } from '../../hooks/useAsync';
import { Countdown } from '../../components/Countdown';
import { ProgrammeCard } from '../../components/ProgrammeCard';
import { YearsCard } from '../../components/YearsCard';
import { ErrorView, LoadingView } from '../../components/StateViews';
import { TextSizeSwitch } from '../../components/TextSizeSwitch';
import { pressable } from '../../platform/pressable';
import { tid } from '../../platform/testid';
import './index.scss';

const FINAL_RULE = '系统关闭前最后一次提交的成绩为最终成绩';

/** The server's policy sentence, minus the rule already shown in bold. */
function policyRest(policy: string): string {
  return policy.replace(FINAL_RULE, '').replace(/^[；;，,。\s]+/, '').trim();
}

function WindowCard({ me, onPhaseChange }: { me: MeResponse; onPhaseChange: () => void }) {
  const { campaign } = me;
  return (
    <View className='card' {...tid('window', { state: campaign.state })}>
      {campaign.state === 'open' && <Countdown target={campaign.deadline} label='距离系统关闭' onReached={onPhaseChange} />}
      {campaign.state === 'not_open' && <Countdown target={campaign.opensAt} label='距离测评开始' onReached={onPhaseChange} />}
      {campaign.state === 'closed' && (
        <Text className='notice danger' {...tid('window-closed')}>
          测评系统已于 {formatDeadline(campaign.deadline)} 关闭，不能再提交或修改答案。
        </Text>
      )}
      <Text className='muted home-window-dates'>
        测评时间：{formatPeriod(campaign.opensAt, campaign.deadline)}（北京时间）
        {campaign.deadline !== campaign.closesAt ? '（已为本企业延期）' : ''}
      </Text>
      <Text className='home-rule' {...tid('final-rule')}>
        {FINAL_RULE}
      </Text>
      {policyRest(me.policy) && <Text className='muted'>{policyRest(me.policy)}</Text>}
    </View>
  );
}

function CountsCard({ me }: { me: MeResponse }) {
  const final = me.attempts.find((a) => a.id === me.finalAttemptId) ?? null;
  const closed = me.campaign.state === 'closed';
  return (
    <View className='card' {...tid('counts', { attempt: final?.id ?? '' })}>
      <Text className='card-title'>{closed ? '最终成绩' : '当前计分'}</Text>
      {final ? (
        <View>
          <View className='home-score-row'>
            <Text className='home-score' {...tid('final-score')}>
              {final.total}
            </Text>
            <Text className='muted'> 分</Text>
          </View>
          <Text className='muted'>
            第 {final.number} 次测评，提交于 {formatDateTime(final.submittedAt)}
          </Text>
          {!closed && <Text className='home-hint'>在系统关闭前再次提交，将以最后一次提交的成绩为准（不是最高分）。</Text>}
        </View>
      ) : (
        <Text className='home-hint' {...tid('no-final')}>
          {closed ? '系统关闭前没有提交测评，本年度无测评成绩。' : '尚未提交测评。系统关闭前未提交的，没有测评成绩。'}
        </Text>
      )}
      {closed && me.outcome && (
        <View className={`home-outcome ${me.outcome.passed ? 'passed' : 'failed'}`} {...tid('outcome', { passed: me.outcome.passed, tier: me.outcome.tier })}>
          <Text className='home-outcome-title'>
            {me.outcome.passed ? '已达到' : '未达到'}
            {passLineLabels[me.outcome.line]}（{me.outcome.passLine} 分）
          </Text>
          <Text>评定：{resultTierLabels[me.outcome.tier]}</Text>
          {me.outcome.passed && me.outcome.line === 'demonstration' && me.enterprise.track === '申报示范' && (
            <Button block type='primary' onClick={() => void Taro.navigateTo({ url: routes.evidence() })} {...tid('open-evidence')}>
              提交示范评审材料
            </Button>
          )}
        </View>
      )}
      {closed && final && !me.outcome && <Text className='muted'>合格线公布后，将在此显示是否达到合格线。</Text>}
    </View>
  );
}

function ActionsCard({ me }: { me: MeResponse }) {
  const scope = scopeOf(me);
  const { draft, attempts } = me;
  const hasDraft = draft !== null && (draft.dirty || attempts.length === 0) && draft.revision > 0;

  const go = (mode: 'start' | 'continue', retake = false) => {
    if (retake) clientKeys.renew(scope);
    void Taro.navigateTo({ url: routes.questionnaire({ mode }) });
  };

  if (me.campaign.state !== 'open') {
    // Closed without a submitted attempt: nothing to do here (an empty card was shown).
    if (me.campaign.state === 'closed' && !me.finalAttemptId) return null;
    return (
      <View className='card'>
        {me.campaign.state === 'closed' && me.finalAttemptId && (
          <Button block fill='outline' type='primary' onClick={() => void Taro.navigateTo({ url: routes.result({ id: me.finalAttemptId as string }) })} {...tid('view-final')}>
            查看最终成绩详情
          </Button>
        )}
        {me.campaign.state === 'not_open' && (
          <Button block fill='outline' type='primary' onClick={() => void Taro.navigateTo({ url: routes.workbook() })} {...tid('open-workbook')}>
            下载问卷 Excel，提前准备材料
          </Button>
        )}
      </View>
    );
  }

  return (
    <View className='card'>
      {hasDraft && (
        <Text className='muted home-draft' {...tid('draft-summary')}>
          有未提交的答案，最后保存于 {formatDateTime(draft.updatedAt)}
        </Text>
      )}
      <View className='button-stack'>
        {hasDraft ? (
          <Button type='primary' block onClick={() => go('continue')} {...tid('continue')}>
            继续作答
          </Button>
        ) : attempts.length > 0 ? (
          <Button type='primary' block onClick={() => go('start', true)} {...tid('retake')}>
            再次测评（以上次答案为起点）
          </Button>
        ) : (
          <Button type='primary' block onClick={() => go('start')} {...tid('start')}>
            开始测评
          </Button>
        )}
        <Button block fill='outline' type='primary' onClick={() => void Taro.navigateTo({ url: routes.workbook() })} {...tid('open-workbook')}>
          下载 / 上传问卷 Excel
        </Button>
      </View>
    </View>
  );
}

function HistoryCard({ me }: { me: MeResponse }) {
  const attempts = [...me.attempts].sort((a, b) => b.number - a.number);
  return (
    <View className='card' {...tid('history', { count: attempts.length })}>
      <Text className='card-title'>测评记录</Text>
      {attempts.length === 0 && <Text className='muted'>还没有提交过测评。</Text>}
      {attempts.map((attempt) => (
        <View
          key={attempt.id}
          className='home-attempt'
          onClick={() => void Taro.navigateTo({ url: routes.result({ id: attempt.id }) })}
          {...pressable({ role: 'link' })}
          {...tid(`attempt-${attempt.number}`, { id: attempt.id, counts: attempt.counts })}
        >
          <View>
            <Text className='home-attempt-title'>第 {attempt.number} 次</Text>
            {attempt.counts && (
              <Tag type='success' className='home-attempt-tag'>
                {me.campaign.state === 'closed' ? '最终成绩' : '当前计分'}
              </Tag>
            )}
            <Text className='muted home-attempt-time'>{formatDateTime(attempt.submittedAt)}</Text>
          </View>
          <Text className='home-attempt-score'>{attempt.total} 分 ›</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * The enterprise's home: the window and its countdown on server time, the final-attempt rule,
 * which attempt counts now, the way into the questionnaire, and the attempts so far. After the
 * close: the final score and, once published, the pass/fail and tier.
 */
export default function HomePage() {
  const { data, error, loading, reload } = useAsync(loadMe);
  const firstShow = useRef(true);

  useDidShow(() => {
    // Coming back from the questionnaire or a result: show the latest state.
    if (firstShow.current) firstShow.current = false;
    else reload();
  });
  usePullDownRefresh(() => {
    reload();
    void Taro.stopPullDownRefresh();
  });
  const onPhaseChange = useCallback(() => reload(), [reload]);

  const confirmLogout = async () => {
    const unsent = data ? await unsentAnswers(scopeOf(data.me)) : 0;
    const warning =
      unsent > 0
        ? `本机有 ${unsent} 题的答案尚未保存到服务器（可能因为网络不通或填写有误），退出后将丢失。仍要退出？`
        : '退出后，本设备上保存的测评数据将被清除（已保存到服务器的答案不受影响）。确定退出？';
    if (await confirmAction('退出登录', warning, '退出')) await logout();
  };

  if (loading && !data) return <LoadingView />;
  if (!data) return <ErrorView error={error} onRetry={reload} />;
  const me = data.me;

  return (
    <View className='page home' {...tid('home', { state: me.campaign.state })}>
      {data.offline && <Text className='notice warning'>网络不可用，以下为上次获取的信息。</Text>}
      <View className='home-header'>
        <Text className='home-enterprise' {...tid('enterprise-name')}>
          {me.enterprise.name}
        </Text>
        <Text className='muted'>
          {me.enterprise.regionName} · {trackLabels[me.enterprise.track as keyof typeof trackLabels] ?? me.enterprise.track} · {me.campaign.name}
        </Text>
      </View>
      <WindowCard me={me} onPhaseChange={onPhaseChange} />
      <CountsCard me={me} />
      <ProgrammeCard me={me} />
      <ActionsCard me={me} />
      <HistoryCard me={me} />
      {!data.offline && <YearsCard />}
      <Text className='home-logout' onClick={() => void confirmLogout()} {...pressable()} {...tid('logout')}>
        退出登录
      </Text>
      <TextSizeSwitch />
    </View>
  );
}
