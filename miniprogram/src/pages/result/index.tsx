import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Answers, AttemptSummary, MeResponse, Receipt } from '@assess/shared';
import { api } from '../../services/api';
import { loadDefinition, loadMe } from '../../services/assessment';
import { questionnaireName } from '../../services/receiptText';
import { formatChange } from '../../services/answerText';
import { verifyReceipt } from '../../services/engine';
import { routes } from '../../services/navigation';
import { freshResult } from '../../services/results';
import { useAsync } from '../../hooks/useAsync';
import { DimensionBars } from '../../components/DimensionBars';
import { ReceiptCard } from '../../components/ReceiptCard';
import { saveReceiptFile } from '../../platform/receiptFile';
import { describeError } from '../../services/errorText';
import { ErrorView, LoadingView } from '../../components/StateViews';
import { tid } from '../../platform/testid';
import './index.scss';

interface ResultView {
  receipt: Receipt;
  counts: boolean;
  /** The attempt before this one, with its per-dimension scores when they could be read. */
  previous: { number: number; total: number; dimensions: Record<string, number> | null } | null;
  /** The attempt that counts now, when it is not this one. */
  counting: AttemptSummary | null;
  verified: boolean | null;
  closed: boolean;
  fresh: boolean;
  /** The questionnaire's title and version (null when its definition could not be read). */
  questionnaireName: string | null;
}

function verify(receipt: Receipt, answers: Answers): boolean | null {
  try {
    return verifyReceipt(receipt, answers).ok;
  } catch {
    return null;
  }
}

async function previousDimensions(id: string): Promise<Record<string, number> | null> {
  try {
    const detail = await api.attempt(id);
    return Object.fromEntries(detail.receipt.dimensions.map((d) => [d.id, d.score]));
  } catch {
    return null;
  }
}

async function loadResult(id: string): Promise<ResultView> {
  const fresh = freshResult.take(id);
  const [detail, list, me] = await Promise.all([
    fresh ? null : api.attempt(id),
    api.attempts().catch(() => null),
    loadMe().then((r): MeResponse | null => r.me, () => null),
  ]);
  const receipt = fresh?.response.receipt ?? (detail as NonNullable<typeof detail>).receipt;
  const answers = fresh?.answers ?? (detail as NonNullable<typeof detail>).answers;
  const counts = fresh?.response.counts ?? (detail as NonNullable<typeof detail>).counts;
  const attempts = [...(list?.attempts ?? [])].sort((a, b) => a.number - b.number);
  const before = attempts.filter((a) => a.number < receipt.number).pop() ?? null;
  const counting = attempts.find((a) => a.id === list?.finalAttemptId && a.id !== receipt.attemptId) ?? null;
  const definition = await loadDefinition(receipt.questionnaire).catch(() => null);
  const previousTotal = fresh?.response.previous ?? (before ? { number: before.number, total: before.total } : null);
  return {
    receipt,
    counts,
    previous: previousTotal ? { ...previousTotal, dimensions: before ? await previousDimensions(before.id) : null } : null,
    counting,
    verified: verify(receipt, answers),
    closed: me?.campaign.state === 'closed',
    fresh: fresh !== null,
    questionnaireName: definition ? questionnaireName(definition.definition) : null,
  };
}

function CountsStatement({ view }: { view: ResultView }) {
  if (view.counts) {
    return (
      <Text className='notice success' {...tid('result-counts', { counts: true })}>
        {view.closed ? '本次成绩为最终成绩。' : '本次成绩是当前计分的成绩。系统关闭前如再次提交，以最后一次提交的成绩为准。'}
      </Text>
    );
  }
  return (
    <Text className='notice warning' {...tid('result-counts', { counts: false })}>
      本次成绩不计分。{view.counting ? `当前计分的是第 ${view.counting.number} 次测评（${view.counting.total} 分）。` : ''}
    </Text>
  );
}

/** A submitted attempt: the score, the dimensions, the change since the previous, the receipt. */
export default function ResultPage() {
  const router = useRouter();
  const id = router.params.id ?? '';
  const { data, error, loading, reload } = useAsync(() => loadResult(id), [id]);

  if (loading && !data) return <LoadingView text='正在读取成绩…' />;
  if (!data) return <ErrorView error={error} onRetry={reload} />;
  const { receipt, previous } = data;
  // Totals have two decimals; their difference in floating point does not (101.24 − 102.44).
  const delta = previous ? Math.round((receipt.total - previous.total) * 100) / 100 : null;

  return (
    <View className='page result' {...tid('result', { attempt: receipt.attemptId, total: receipt.total })}>
      {data.fresh && <Text className='notice success'>提交成功，服务器已记录本次测评。</Text>}
      <View className='card result-score-card'>
        <Text className='muted'>第 {receipt.number} 次测评 · 服务器评分</Text>
        <View className='result-score-row'>
          <Text className='result-score' {...tid('result-total')}>
            {receipt.total}
          </Text>
          <Text className='muted'> 分</Text>
        </View>
        <Text className='muted'>
          基础分 {receipt.base} + 加分 {receipt.bonus}
        </Text>
        {previous && delta !== null && (
          <Text className={`result-change ${delta > 0 ? 'up' : delta < 0 ? 'down' : ''}`} {...tid('result-change', { delta })}>
            较第 {previous.number} 次（{previous.total} 分）{delta === 0 ? '持平' : formatChange(delta)}
          </Text>
        )}
        {!previous && <Text className='muted result-first'>这是第一次提交的测评。</Text>}
      </View>

      <CountsStatement view={data} />

      <View className='card'>
        <Text className='card-title'>各维度得分</Text>
        <DimensionBars dimensions={receipt.dimensions} previous={previous?.dimensions ?? undefined} />
      </View>

      <ReceiptCard receipt={receipt} verified={data.verified} questionnaireName={data.questionnaireName} />
      <ReceiptDownload attemptId={receipt.attemptId} />

      <View className='button-stack'>
        <Button block fill='outline' type='primary' onClick={() => void Taro.navigateTo({ url: routes.answers({ id: receipt.attemptId }) })} {...tid('view-answers')}>
          查看本次提交的答案
        </Button>
        <Button block type='primary' onClick={() => void Taro.reLaunch({ url: routes.home() })} {...tid('back-home')}>
          返回首页
        </Button>
      </View>
    </View>
  );
}

/** The receipt with its answers as one file, for anyone to check offline (pages/verify, npx verify-receipt). */
function ReceiptDownload({ attemptId }: { attemptId: string }) {
  const [note, setNote] = useState<string | null>(null);
  const download = async () => {
    try {
      setNote(await saveReceiptFile(await api.receiptFile(attemptId)));
    } catch (error) {
      setNote(describeError(error));
    }
  };
  return (
    <View className='button-stack'>
      <Button block fill='outline' type='default' onClick={() => void download()} {...tid('download-receipt-file')}>
        下载回执文件（可离线校验）
      </Button>
      <Button block fill='none' type='default' onClick={() => void Taro.navigateTo({ url: routes.verify() })} {...tid('open-verify')}>
        校验回执文件
      </Button>
      {note && <Text className='notice' {...tid('receipt-file-note')}>{note}</Text>}
    </View>
  );
}
