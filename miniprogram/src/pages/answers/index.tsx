import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../services/api';
import { loadDefinition } from '../../services/assessment';
import { formatAnswer } from '../../services/answerText';
import { formatDateTime } from '../../services/beijingTime';
import { visibleQuestionIds } from '../../services/engine';
import { layOut } from '../../services/layout';
import { useAsync } from '../../hooks/useAsync';
import { ErrorView, LoadingView } from '../../components/StateViews';
import { PageBack } from '../../components/PageBack';
import { tid } from '../../platform/testid';
import './index.scss';

async function load(id: string) {
  const detail = await api.attempt(id);
  const questionnaire = await loadDefinition(detail.receipt.questionnaire);
  return { detail, layout: layOut(questionnaire.definition), visible: visibleQuestionIds(questionnaire, detail.answers) };
}

/** The answers of a submitted attempt, read-only, as they were submitted. */
export default function AnswersPage() {
  const id = useRouter().params.id ?? '';
  const { data, error, loading, reload } = useAsync(() => load(id), [id]);
  if (loading && !data) return <LoadingView />;
  if (!data) return <ErrorView error={error} onRetry={reload} />;
  const { detail, layout, visible } = data;

  return (
    <View className='page answers' {...tid('answers-page')}>
      <PageBack />
      <Text className='notice'>
        第 {detail.receipt.number} 次测评，提交于 {formatDateTime(detail.receipt.submittedAt)}。以下为提交时的答案，不能修改。
      </Text>
      {layout.groups.map((group) => (
        <View key={group.key} className='card'>
          <Text className='card-title'>{group.title}</Text>
          {group.sections.flatMap((section) =>
            section.questions
              .filter((item) => visible.has(item.question.id))
              .map((item) => (
                <View key={item.question.id} className='answers-row' {...tid(`answer-${item.question.id}`)}>
                  <Text className='answers-question'>
                    {item.label} {item.question.title}
                  </Text>
                  <Text className='answers-value'>{formatAnswer(item.question, detail.answers[item.question.id])}</Text>
                </View>
              )),
          )}
        </View>
      ))}
    </View>
  );
}
