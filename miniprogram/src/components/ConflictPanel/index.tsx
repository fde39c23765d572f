import { useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { BonusQuestion, Question } from '@assess/shared';
import type { ConflictChoice, ConflictItem } from '../../services/answers';
import { formatAnswer } from '../../services/answerText';
import { tid } from '../../platform/testid';
import './index.scss';

export interface ConflictPanelProps {
  conflicts: readonly ConflictItem[];
  questionOf(questionId: string): Question | BonusQuestion | undefined;
  onResolve(choices: Record<string, ConflictChoice>): void;
}

/**
 * Shown when another device saved different answers to the same questions: each question with
 * both answers side by side; the user picks one per question (this device's by default).
 * Answers changed on only one side were merged already and are not asked about.
 */
export function ConflictPanel({ conflicts, questionOf, onResolve }: ConflictPanelProps) {
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({});
  const choiceOf = (id: string): ConflictChoice => choices[id] ?? 'mine';
  const all = (choice: ConflictChoice) => setChoices(Object.fromEntries(conflicts.map((c) => [c.questionId, choice])));

  return (
    <View className='conflict-overlay' {...tid('conflict-panel', { count: conflicts.length })}>
      <View className='conflict-sheet'>
        <Text className='conflict-title'>答案在其他设备上被修改</Text>
        <Text className='conflict-intro'>
          以下 {conflicts.length} 道题在另一台设备（或另一个浏览器窗口）上保存了不同的答案。请逐题选择保留哪一份，其余答案已自动合并。
        </Text>
        <View className='conflict-bulk'>
          <Text className='conflict-link' onClick={() => all('mine')} {...tid('conflict-all-mine')}>
            全部保留本机
          </Text>
          <Text className='conflict-link' onClick={() => all('theirs')} {...tid('conflict-all-theirs')}>
            全部采用另一设备
          </Text>
        </View>
        <ScrollView scrollY className='conflict-list'>
          {conflicts.map((item) => {
            const question = questionOf(item.questionId);
            return (
              <View key={item.questionId} className='conflict-item' {...tid(`conflict-${item.questionId}`)}>
                <Text className='conflict-question'>{question?.title ?? item.questionId}</Text>
                {(['mine', 'theirs'] as const).map((side) => (
                  <View
                    key={side}
                    className={`conflict-choice ${choiceOf(item.questionId) === side ? 'selected' : ''}`}
                    onClick={() => setChoices((c) => ({ ...c, [item.questionId]: side }))}
                    {...tid(`conflict-${item.questionId}-${side}`, { selected: choiceOf(item.questionId) === side })}
                  >
                    <Text className='conflict-side'>{side === 'mine' ? '本机的答案' : '另一设备的答案'}</Text>
                    <Text className='conflict-value'>{formatAnswer(question, side === 'mine' ? item.mine : item.theirs)}</Text>
                  </View>
                ))}
              </View>
            );
          })}
        </ScrollView>
        <Button type='primary' block onClick={() => onResolve(Object.fromEntries(conflicts.map((c) => [c.questionId, choiceOf(c.questionId)])))} {...tid('conflict-confirm')}>
          确认并保存
        </Button>
      </View>
    </View>
  );
}
