import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ReceiptFileCheck } from '@assess/shared';
import { checkReceiptFile } from '../../services/engine';
import { onDroppedFile, pickReceiptFile } from '../../platform/receiptFile';
import { tid } from '../../platform/testid';
import './index.scss';

/**
 * Anyone — no login — checks a receipt file (下载回执文件 on the result page, or
 * GET /api/attempts/:id/receipt-file): the checksum is recomputed here, in the browser, with the
 * same shared code as the server (docs/receipt-checksum.md), and compared with the receipt's.
 */
export default function VerifyPage() {
  const [checked, setChecked] = useState<{ name: string; result: ReceiptFileCheck } | null>(null);
  const take = (file: { name: string; text: string }) => setChecked({ name: file.name, result: checkReceiptFile(file.text) });
  useEffect(() => onDroppedFile(take), []);
  const choose = async () => {
    const file = await pickReceiptFile();
    if (file) take(file);
  };

  return (
    <View className='page verify' {...tid('verify-page')}>
      <View className='card'>
        <Text className='card-title'>校验回执</Text>
        <Text className='verify-line'>选择或拖入回执文件（.json），本页在浏览器中按公开的算法重新计算校验码（SHA-256），与回执中的校验码比对。文件不会上传。</Text>
      </View>
      <View className='card verify-drop' {...tid('verify-drop')}>
        <Text>把回执文件拖到这里，或</Text>
        <Button type='primary' onClick={() => void choose()} {...tid('verify-choose')}>
          选择回执文件
        </Button>
      </View>
      {checked && <Verdict name={checked.name} result={checked.result} />}
    </View>
  );
}

function Verdict({ name, result }: { name: string; result: ReceiptFileCheck }) {
  if (!result.readable) {
    return (
      <View className='card verify-result bad' {...tid('verify-result', { state: 'unreadable' })}>
        <Text className='verify-verdict'>无法读取 {name}</Text>
        <Text className='verify-line'>{result.reason}</Text>
      </View>
    );
  }
  const { receipt, enterprise } = result.file;
  return (
    <View className={`card verify-result ${result.ok ? 'ok' : 'bad'}`} {...tid('verify-result', { state: result.ok ? 'match' : 'mismatch', checksum: result.computed })}>
      <Text className='verify-verdict'>{result.ok ? '✓ 一致：回执与其中的答案、得分未被改动' : '✗ 不一致：回执或答案已被改动，或不是本系统生成的回执'}</Text>
      {enterprise.name && <Text className='verify-line'>企业：{enterprise.name}（{enterprise.uscc}）</Text>}
      <Text className='verify-line'>回执编号：{receipt.attemptId}（第 {receipt.number} 次提交）</Text>
      <Text className='verify-line'>接收时间：{receipt.submittedAt}</Text>
      <Text className='verify-line'>问卷版本：{receipt.questionnaire}　总分：{receipt.total}</Text>
      <Text className='verify-line'>回执校验码：{result.claimed}</Text>
      <Text className='verify-line' {...tid('verify-computed')}>重新计算：{result.computed}（算法版本 {result.version}）</Text>
    </View>
  );
}
