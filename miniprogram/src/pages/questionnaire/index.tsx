import { useCallback, useEffect, useMemo, useState } from 'react';
import Taro, { useRouter, useUnload } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Progress } from '@nutui/nutui-react-taro';
import type { AnswerValue } from '@assess/shared';
import { openAssessment, type Assessment } from '../../services/assessment';
import { answerProgress, consistencyFactIds, consistencyWarnings, numericFacts, score, validateAnswers, visibleQuestionIds } from '../../services/engine';
import { layOut, type QuestionGroup } from '../../services/layout';
import { backOr, FOCUS_EVENT, goToLogin, routes, type FocusTarget } from '../../services/navigation';
import { useAsync } from '../../hooks/useAsync';
import { useOnline, useSyncSnapshot } from '../../hooks/useSyncSnapshot';
import { QuestionCard } from '../../components/QuestionCard';
import { DimensionNav, type DimensionNavItem } from '../../components/DimensionNav';
import { ScorePreview } from '../../components/ScorePreview';
import { SyncIndicator } from '../../components/SyncIndicator';
import { ConflictPanel } from '../../components/ConflictPanel';
import { ErrorView, LoadingView } from '../../components/StateViews';
import { PageBack } from '../../components/PageBack';
import { pressable } from '../../platform/pressable';
import { tid } from '../../platform/testid';
import './index.scss';

function scrollToQuestion(questionId: string | undefined) {
  // After the group has rendered.
  setTimeout(() => {
    if (questionId) void Taro.pageScrollTo({ selector: `#q-${questionId}`, duration: 200, offsetTop: -180 }).catch(() => undefined);
    else void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  }, 80);
}

function Answering({ assessment, initial }: { assessment: Assessment; initial: FocusTarget | null }) {
  const { questionnaire: q, sync } = assessment;
  const snapshot = useSyncSnapshot(sync);
  const online = useOnline();
  const layout = useMemo(() => layOut(q.definition), [q]);
  const answers = snapshot?.answers ?? {};

  const visible = useMemo(() => visibleQuestionIds(q, answers), [q, answers]);
  const progress = useMemo(() => answerProgress(q, answers), [q, answers]);
  const preview = useMemo(() => score(q, answers), [q, answers]);
  const issues = useMemo(() => {
    const byQuestion: Record<string, string> = {};
    for (const issue of validateAnswers(q, answers, 'draft')) byQuestion[issue.questionId] = issue.message;
    return byQuestion;
  }, [q, answers]);

  // Two numbers that contradict each other, told to the enterprise while it answers (the bureau's
  // CONTRADICTORY_FACTS flag, from the same shared rules); shown questions only.
  const warnings = useMemo(() => consistencyWarnings(numericFacts(answers, consistencyFactIds().filter((id) => visible.has(id)))), [answers, visible]);

  const [active, setActive] = useState(() => (initial && layout.groups.some((g) => g.key === initial.group) ? initial.group : (layout.groups[0]?.key ?? '')));
  const readOnly = assessment.readOnly || snapshot?.state === 'closed';

  const select = useCallback((key: string, questionId?: string) => {
    setActive(key);
    scrollToQuestion(questionId);
  }, []);

  useEffect(() => {
    if (initial?.question) scrollToQuestion(initial.question);
    const onFocus = (target: FocusTarget) => select(target.group, target.question);
    Taro.eventCenter.on(FOCUS_EVENT, onFocus);
    return () => void Taro.eventCenter.off(FOCUS_EVENT, onFocus);
  }, [initial, select]);

  useEffect(() => {
    if (snapshot && snapshot.mergedFromServer > 0) {
      void Taro.showToast({ title: `已合并其他设备上的 ${snapshot.mergedFromServer} 处修改`, icon: 'none', duration: 2500 });
    }
  }, [snapshot?.mergedFromServer]);

  useUnload(() => void sync.flush());

  const onChange = useCallback((questionId: string, value: AnswerValue | undefined) => sync.set(questionId, value), [sync]);
  const questionOf = useCallback((id: string) => layout.questionOf.get(id), [layout]);

  const navItems: DimensionNavItem[] = useMemo(
    () =>
      layout.groups.map((group, i) => {
        const p = progress[i];
        return { key: group.key, title: group.title, answered: p?.answered ?? 0, visible: p?.visible ?? 0, missing: p?.missingRequired.length ?? 0 };
      }),
    [layout, progress],
  );
  const totals = progress.reduce((sum, p) => ({ answered: sum.answered + p.answered, visible: sum.visible + p.visible }), { answered: 0, visible: 0 });
  const percent = totals.visible > 0 ? Math.round((totals.answered / totals.visible) * 100) : 0;

  if (!snapshot) return <LoadingView />;
  const index = layout.groups.findIndex((g) => g.key === active);
  const group: QuestionGroup | undefined = layout.groups[index];
  const last = index === layout.groups.length - 1;

  return (
    <View className='page questionnaire' {...tid('questionnaire', { group: active, readonly: readOnly })}>
      <PageBack />
      <View className='q-header'>
        <SyncIndicator snapshot={snapshot} online={online} onLogin={goToLogin} />
        <View className='q-progress' {...tid('progress', { answered: totals.answered, visible: totals.visible })}>
          <Text className='muted'>
            已答 {totals.answered} / {totals.visible} 题
          </Text>
          <View className='q-progress-bar'>
            <Progress percent={percent} showText={false} strokeWidth='6' color='#1d5fbf' />
          </View>
          {!readOnly && (
            <Text className='q-review-link' onClick={() => void Taro.navigateTo({ url: routes.review() })} {...pressable({ role: 'link' })} {...tid('go-review')}>
              检查并提交<Text {...{ 'aria-hidden': 'true' }}> ›</Text>
            </Text>
          )}
        </View>
        <ScorePreview total={preview.total} max={preview.max} />
        <DimensionNav items={navItems} active={active} onSelect={select} />
      </View>

      {readOnly && (
        <Text className='notice danger' {...tid('readonly-notice')}>
          测评系统已关闭（或尚未开始），答案只能查看，不能修改。
        </Text>
      )}
      {assessment.offline && <Text className='notice warning'>当前离线：显示的是本机保存的答案，联网后自动同步。</Text>}

      {group && (
        <View className='q-group' {...tid(`group-${group.key}`)}>
          <Text className='q-group-title'>
            {index + 1}. {group.title}
          </Text>
          {group.description && <Text className='muted q-group-description'>{group.description}</Text>}
          {group.sections.map((section) => {
            const shown = section.questions.filter((item) => visible.has(item.question.id));
            if (shown.length === 0) return null;
            return (
              <View key={section.id} className='q-section'>
                {section.title && <Text className='q-section-title'>{section.title}</Text>}
                {shown.map((item) => (
                  <QuestionCard
                    key={item.question.id}
                    question={item.question}
                    label={item.label}
                    value={answers[item.question.id]}
                    issue={issues[item.question.id]}
                    refused={snapshot.refused[item.question.id]}
                    warning={warnings[item.question.id]}
                    disabled={readOnly}
                    onChange={onChange}
                  />
                ))}
              </View>
            );
          })}
        </View>
      )}

      <View className='bottom-bar'>
        <View className='bottom-bar-inner'>
          <Button className='q-nav-button' disabled={index <= 0} onClick={() => select(layout.groups[index - 1]?.key ?? active)} {...tid('prev-group')}>
            上一部分
          </Button>
          {!last ? (
            <Button className='q-nav-button' type='primary' onClick={() => select(layout.groups[index + 1]?.key ?? active)} {...tid('next-group')}>
              下一部分
            </Button>
          ) : readOnly ? (
            <Button className='q-nav-button' type='primary' onClick={() => backOr(routes.home())}>
              返回首页
            </Button>
          ) : (
            <Button className='q-nav-button' type='primary' onClick={() => void Taro.navigateTo({ url: routes.review() })} {...tid('review')}>
              检查并提交
            </Button>
          )}
        </View>
      </View>

      {snapshot.state === 'conflict' && <ConflictPanel conflicts={snapshot.conflicts} questionOf={questionOf} onResolve={sync.resolveConflicts} />}
    </View>
  );
}

/**
 * Answering: one dimension at a time (WeChat re-renders only what changed, and a hundred
 * questions on one page would make every setData heavy), with autosave status, progress, the
 * estimated score from the shared engine, and the conflict chooser when another device saved.
 */
export default function QuestionnairePage() {
  const router = useRouter();
  const mode = router.params.mode === 'start' ? 'start' : 'continue';
  const initial = useMemo<FocusTarget | null>(
    () => (router.params.dimension ? { group: router.params.dimension, question: router.params.question } : null),
    [router.params.dimension, router.params.question],
  );
  const { data, error, loading, reload } = useAsync(() => openAssessment(mode), [mode]);

  if (loading && !data) return <LoadingView text='正在打开问卷…' />;
  if (!data)
    return (
      <View className='page'>
        <ErrorView error={error} onRetry={reload} />
        <Button block fill='outline' type='primary' onClick={() => backOr(routes.home())}>
          返回首页
        </Button>
      </View>
    );
  return <Answering assessment={data} initial={initial} />;
}
