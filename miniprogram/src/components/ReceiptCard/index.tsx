import { memo } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Receipt } from '@assess/shared';
import { formatDateTimeSeconds } from '../../services/beijingTime';
import { questionnaireFallbackName, receiptNumber } from '../../services/receiptText';
import { pressable } from '../../platform/pressable';
import { tid } from '../../platform/testid';
import './index.scss';

export interface ReceiptCardProps {
  receipt: Receipt;
  /** The checksum recomputed here from the answers and scores: true matches, null unknown. */
  verified: boolean | null;
  /** The questionnaire's Chinese title and version, when its definition was read. */
  questionnaireName?: string | null;
}

/** The submission receipt: what settles a dispute about what was submitted and when. */
export const ReceiptCard = memo(function ReceiptCard({ receipt, verified, questionnaireName }: ReceiptCardProps) {
  const number = receiptNumber(receipt);
  const questionnaire = questionnaireName ?? questionnaireFallbackName(receipt.questionnaire);
  const copy = () =>
    void Taro.setClipboardData({
      data: `回执编号 ${number}\n提交时间 ${formatDateTimeSeconds(receipt.submittedAt)}（北京时间）\n总分 ${receipt.total}\n问卷 ${questionnaire}\n校验码 ${receipt.checksum}\n系统记录号 ${receipt.attemptId}`,
    });
  return (
    <View className='card receipt-card' {...tid('receipt', { attempt: receipt.attemptId, checksum: receipt.checksum })}>
      <View className='row-between'>
        <Text className='card-title'>提交回执</Text>
        <Text className='receipt-copy' onClick={copy} {...pressable({ label: '复制回执' })}>
          复制
        </Text>
      </View>
      <View className='receipt-row'>
        <Text className='muted'>回执编号</Text>
        <Text className='receipt-value receipt-number' {...tid('receipt-id', { attempt: receipt.attemptId })}>
          {number}
        </Text>
      </View>
      <View className='receipt-row'>
        <Text className='muted'>测评次数</Text>
        <Text className='receipt-value'>第 {receipt.number} 次</Text>
      </View>
      <View className='receipt-row'>
        <Text className='muted'>服务器接收时间</Text>
        <Text className='receipt-value'>{formatDateTimeSeconds(receipt.submittedAt)}（北京时间）</Text>
      </View>
      <View className='receipt-row'>
        <Text className='muted'>总分</Text>
        <Text className='receipt-value'>
          {receipt.total}（基础分 {receipt.base} + 加分 {receipt.bonus}）
        </Text>
      </View>
      <View className='receipt-row'>
        <Text className='muted'>问卷</Text>
        <Text className='receipt-value' {...tid('receipt-questionnaire')}>
          {questionnaire}
        </Text>
      </View>
      <View className='receipt-row'>
        <Text className='muted'>校验码（SHA-256）</Text>
        <Text className='receipt-value receipt-checksum' {...tid('receipt-checksum')}>
          {receipt.checksum}
        </Text>
      </View>
      {verified !== null && (
        <Text className={`receipt-verified ${verified ? 'ok' : 'bad'}`} {...tid('receipt-verified', { ok: verified })}>
          {verified ? '✓ 校验码与本次答案和得分一致' : '校验码与本地计算结果不一致，请保存回执并联系所在地知识产权局'}
        </Text>
      )}
    </View>
  );
});
