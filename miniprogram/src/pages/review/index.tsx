import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api } from '../../services/api';
import { isApiError } from '../../services/apiClient';
import { attemptSubmitted, currentAssessment, openAssessment, type Assessment } from '../../services/assessment';
import { answerProgress, questionIssueSummary, score, validateAnswers } from '../../services/engine';
import { confirmAction } from '../../services/dialogs';
import { answerIssuesOf, describeError, type AnswerIssue } from '../../services/errorText';
import { layOut, BONUS_KEY } from '../../services/layout';
import { newId, pendingSubmitStore } from '../../services/local';
import { FOCUS_EVENT, routes, type FocusTarget } from '../../services/navigation';
import { freshResult } from '../../services/results';
import { answersFingerprint, submitOnce } from '../../services/submission';
import { useAsync } from '../../hooks/useAsync';
import { useSyncSnapshot } from '../../hooks/useSyncSnapshot';
import { ErrorView, LoadingView } from '../../components/StateViews';
import { ScorePreview } from '../../components/ScorePreview';
import { PLATFORM } from '../../platform/info';
import { pressable } from '../../platform/pressable';
import { tid } from '../../platform/testid';
import './index.scss';

function goTo(target: FocusTarget) {
  if (Taro.getCurrentPages().length > 1) {
    Taro.eventCenter.trigger(FOCUS_EVENT, target);
    void Taro.navigateBack();
  } else {
    void Taro.redirectTo({ url: routes.questionnaire({ mode: 'continue', dimension: target.group, question: target.question }) });
  }
}

function Review({ assessment }: { assessment: Assessment }) {
  const { questionnaire: q, sync, scope } = assessment;
  const snapshot = useSyncSnapshot(sync);
  const answers = snapshot?.answers ?? {};
  const layout = useMemo(() => layOut(q.definition), [q]);
  const local = useMemo(() => validateAnswers(q, answers, 'submit'), [q, answers]);
  const progress = useMemo(() => answerProgress(q, answers), [q, answers]);
  const preview = useMemo(() => score(q, answers), [q, answers]);
  const [serverIssues, setServerIssues] = useState<AnswerIssue[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  // The server's refusals (ANSWERS_INVALID) count until the answers change.
  const issues = local.length > 0 ? local : serverIssues;
  const groups = useMemo(() => questionIssueSummary(q, issues as Parameters<typeof questionIssueSummary>[1]), [q, issues]);
  const labelOf = (id: string) => layout.groups.flatMap((g) => g.sections.flatMap((s) => s.questions)).find((item) => item.question.id === id);
  const answered = progress.reduce((n, p) => n + p.answered, 0);
  const visible = progress.reduce((n, p) => n + p.visible, 0);
  const readOnly = assessment.readOnly || snapshot?.state === 'closed';

  const submit = async () => {
    const ok = await confirmAction('确认提交', '提交后由服务器评分。系统关闭前最后一次提交的成绩为最终成绩；关闭前仍可再次提交。确定提交？', '提交');
    if (!ok) return;
    setSubmitting(true);
    setError(null);
    setStatus('正在提交…');
    const sent = sync.getSnapshot().answers;
    try {
      // Best effort: the draft on the server should match what is submitted.
      await sync.flush().catch(() => undefined);
      const response = await submitOnce({
        send: (idempotencyKey) => api.submit({ idempotencyKey, answers: sent, client: { platform: PLATFORM } }),
        store: pendingSubmitStore(scope),
        fingerprint: answersFingerprint(sent),
        newKey: newId,
        timers: { setTimeout: (fn, ms) => setTimeout(fn, ms) },
        onRetry: (tryNumber) => setStatus(`网络不稳定，正在重试提交（第 ${tryNumber + 1} 次）…不会重复提交`),
      });
      freshResult.set({ response, answers: sent });
      // The engine stays open: the server keeps the draft after a submit, and a page still in the
      // stack (the questionnaire) must keep saving if the user goes back to change an answer.
      attemptSubmitted(scope);
      await Taro.redirectTo({ url: routes.result({ id: response.receipt.attemptId, fresh: '1' }) });
    } catch (failure) {
      setStatus(null);
      setError(failure);
      if (isApiError(failure) && failure.code === 'ANSWERS_INVALID') setServerIssues(answerIssuesOf(failure));
      if (isApiError(failure) && (failure.code === 'WINDOW_CLOSED' || failure.code === 'WINDOW_NOT_OPEN')) sync.close(describeError(failure));
    } finally {
      setSubmitting(false);
    }
  };

  if (!snapshot) return <LoadingView />;

  return (
    <View className='page review' {...tid('review-page', { issues: issues.length })}>
      <View className='card'>
        <Text className='card-title'>检查答案</Text>
        <Text {...tid('review-progress', { answered, visible })}>
          已作答 {answered} 题，共 {visible} 题（条件不满足而未显示的题目不计入）。
        </Text>
        <View className='gap' />
        <ScorePreview total={preview.total} max={preview.max} />
        {snapshot.unsynced > 0 && snapshot.state !== 'synced' && <Text className='muted'>有答案尚未保存到服务器；提交时会一并发送，不会丢失。</Text>}
      </View>

      {issues.length > 0 ? (
        <View className='card' {...tid('review-issues', { count: issues.length })}>
          <Text className='card-title review-issues-title'>还有 {issues.length} 道题需要处理</Text>
          {groups.map((group) => (
            <View key={group.dimensionId ?? group.kind} className='review-group'>
              <Text className='review-group-title'>
                {group.title}：{group.issues.length} 题
              </Text>
              {group.kind === 'unknown' && (
                <Text
                  className='review-clear-unknown'
                  onClick={() => sync.setMany(Object.fromEntries(group.issues.map((issue) => [issue.questionId, undefined])))}
                  {...pressable()}
                  {...tid('review-clear-unknown')}
                >
                  这些答案不属于本问卷（可能来自旧版本），点此清除
                </Text>
              )}
              {group.issues.map((issue) => {
                const item = labelOf(issue.questionId);
                return (
                  <View
                    key={issue.questionId}
                    className='review-issue'
                    onClick={() => goTo({ group: layout.groupOf.get(issue.questionId) ?? group.dimensionId ?? BONUS_KEY, question: issue.questionId })}
                    {...pressable({ role: 'link' })}
                    {...tid(`review-issue-${issue.questionId}`, { code: issue.code })}
                  >
                    <Text className='review-issue-title'>
                      {item ? `${item.label} ${item.question.title}` : issue.questionId}
                    </Text>
                    <Text className='review-issue-message'>{issue.message} ›</Text>
                  </View>
                );
              })}
            </View>
          ))}
        </View>
      ) : (
        <Text className='notice success' {...tid('review-complete')}>
          所有必答题均已作答，可以提交。
        </Text>
      )}

      {readOnly && <Text className='notice danger'>测评系统已关闭（或尚未开始），不能提交。</Text>}
      {status && (
        <Text className='notice' {...{ role: 'status' }} {...tid('submit-status')}>
          {status}
        </Text>
      )}
      {error !== null && (
        <Text className='notice danger' {...{ role: 'alert' }} {...tid('submit-error', { code: (error as { code?: string }).code ?? '' })}>
          {describeError(error)}
          {isApiError(error) && error.transient ? '。答案已保存，稍后再点提交即可，不会重复提交。' : ''}
        </Text>
      )}
      <Text className='muted review-rule'>系统关闭前最后一次提交的成绩为最终成绩。提交后仍可再次测评，以最后一次提交为准。</Text>

      <View className='bottom-bar'>
        <View className='bottom-bar-inner'>
          <Button className='review-button' onClick={() => goTo({ group: layout.groups[0]?.key ?? BONUS_KEY })}>
            返回修改
          </Button>
          <Button
            className='review-button'
            type='primary'
            loading={submitting}
            disabled={submitting || issues.length > 0 || readOnly}
            onClick={() => void submit()}
            {...tid('submit')}
          >
            提交测评
          </Button>
        </View>
      </View>
    </View>
  );
}

/** Review and submit: what is still missing or invalid, listed by dimension; confirm; submit once. */
export default function ReviewPage() {
  const { data, error, loading, reload } = useAsync(() => currentAssessment() ?? openAssessment('continue'));
  if (loading && !data) return <LoadingView />;
  if (!data) return <ErrorView error={error} onRetry={reload} />;
  return <Review assessment={data} />;
}
