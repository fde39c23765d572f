import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { MAX_IMPORT_BYTES, type MeResponse } from '@assess/shared';
import { api, apiClient, type DraftImportReport } from '../../services/api';
import { isApiError } from '../../services/apiClient';
import { currentAssessment, loadDefinition, loadMe } from '../../services/assessment';
import { formatAnswer } from '../../services/answerText';
import { describeError } from '../../services/errorText';
import { layOut, type Layout } from '../../services/layout';
import { clientKeys, scopeOf } from '../../services/local';
import { routes } from '../../services/navigation';
import { useAsync } from '../../hooks/useAsync';
import { ErrorView, LoadingView } from '../../components/StateViews';
import { CAN_UPLOAD_WORKBOOK } from '../../platform/info';
import { downloadWorkbook, pickWorkbook } from '../../platform/workbook';
import { PageBack } from '../../components/PageBack';
import { tid } from '../../platform/testid';
import './index.scss';

async function load() {
  const { me } = await loadMe();
  const questionnaire = await loadDefinition(me.campaign.questionnaire).catch(() => null);
  return { me, layout: questionnaire ? layOut(questionnaire.definition) : null };
}

/** Uploads into the server draft, starting one first when there is none yet. */
async function importInto(bytes: ArrayBuffer, me: MeResponse): Promise<DraftImportReport> {
  const scope = scopeOf(me);
  // Local changes go first, so the merge afterwards only brings in what the file added.
  const open = currentAssessment();
  const assessment = open ? await open.catch(() => null) : null;
  await assessment?.sync.flush();
  // No draft yet (the usual case for a first upload): start one rather than be refused NO_DRAFT.
  if (!me.draft && !assessment) await api.startAttempt(clientKeys.current(scope));
  try {
    return await api.importWorkbook(bytes);
  } catch (error) {
    if (!(isApiError(error) && error.code === 'NO_DRAFT')) throw error;
    await api.startAttempt(clientKeys.current(scope));
    return api.importWorkbook(bytes);
  }
}

function Report({ report, layout }: { report: DraftImportReport; layout: Layout | null }) {
  const titleOf = (id: string | undefined) => (id ? (layout?.questionOf.get(id)?.title ?? id) : '');
  return (
    <View className='card' {...tid('import-report', { taken: report.taken.length, refused: report.refused.length })}>
      <Text className='card-title'>导入结果</Text>
      <Text className={report.taken.length > 0 ? 'notice success' : 'notice warning'}>
        已采纳 {report.taken.length} 个单元格，未采纳 {report.refused.length} 个。已采纳的答案已存入草稿（未提交），请进入问卷核对后再提交。
      </Text>
      {report.refused.length > 0 && (
        <View className='wb-list' {...tid('import-refused')}>
          <Text className='wb-list-title error-text'>未采纳</Text>
          {report.refused.map((cell) => (
            <View key={`${cell.cell}-${cell.questionId ?? ''}`} className='wb-row refused' {...tid(`refused-${cell.cell}`)}>
              <Text className='wb-cell'>{cell.cell}</Text>
              <Text className='wb-question'>{titleOf(cell.questionId)}</Text>
              <Text className='wb-reason'>{cell.reason}</Text>
            </View>
          ))}
        </View>
      )}
      {report.taken.length > 0 && (
        <View className='wb-list' {...tid('import-taken')}>
          <Text className='wb-list-title'>已采纳</Text>
          {report.taken.map((cell) => (
            <View key={cell.cell} className='wb-row' {...tid(`taken-${cell.questionId}`)}>
              <Text className='wb-cell'>{cell.cell}</Text>
              <Text className='wb-question'>{titleOf(cell.questionId)}</Text>
              <Text className='wb-value'>{formatAnswer(layout?.questionOf.get(cell.questionId), cell.value)}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

/**
 * Excel both ways: download the questionnaire as a workbook (one sheet per dimension, units,
 * allowed values, help) to gather data offline; upload the filled workbook (PC/H5) to pre-fill
 * the draft, with a per-cell report. Nothing is submitted by an upload.
 */
export default function WorkbookPage() {
  const { data, error, loading, reload } = useAsync(load);
  const [busy, setBusy] = useState<'download' | 'upload' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [report, setReport] = useState<DraftImportReport | null>(null);
  const open = useMemo(() => data?.me.campaign.state === 'open', [data]);

  const download = async () => {
    setBusy('download');
    setFailure(null);
    setMessage(null);
    try {
      setMessage(await downloadWorkbook(apiClient));
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(null);
    }
  };

  const upload = async () => {
    if (!data) return;
    setFailure(null);
    setMessage(null);
    const file = await pickWorkbook();
    if (!file) return;
    if (file.bytes.byteLength > MAX_IMPORT_BYTES) return setFailure({ code: 'FILE_TOO_LARGE', message: '文件过大，请上传 20 MB 以内的 .xlsx 文件' });
    setBusy('upload');
    try {
      const result = await importInto(file.bytes, data.me);
      setReport(result);
      // An open questionnaire shows the imported answers at once.
      const assessment = await currentAssessment()?.catch(() => null);
      await assessment?.sync.pull();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(null);
    }
  };

  if (loading && !data) return <LoadingView />;
  if (!data) return <ErrorView error={error} onRetry={reload} />;

  return (
    <View className='page workbook' {...tid('workbook-page')}>
      <PageBack />
      <View className='card'>
        <Text className='card-title'>1. 下载问卷 Excel</Text>
        <Text className='muted wb-text'>每个维度一个工作表，注明单位、可选值和填写说明，便于各部门线下收集数据。</Text>
        <Button block type='primary' fill='outline' loading={busy === 'download'} disabled={busy !== null} onClick={() => void download()} {...tid('download-workbook')}>
          下载问卷 Excel
        </Button>
      </View>

      <View className='card'>
        <Text className='card-title'>2. 上传填好的 Excel</Text>
        {CAN_UPLOAD_WORKBOOK ? (
          <View>
            <Text className='muted wb-text'>上传后，能识别的答案会预填到草稿中（不会自动提交）；无法识别的单元格会逐一列出原因。</Text>
            {!open && <Text className='notice warning'>测评不在进行中，不能上传。</Text>}
            <Button block type='primary' loading={busy === 'upload'} disabled={busy !== null || !open} onClick={() => void upload()} {...tid('upload-workbook')}>
              选择文件并上传
            </Button>
          </View>
        ) : (
          <Text className='muted wb-text'>请在电脑浏览器中登录本系统上传填好的工作簿（手机端暂不支持上传文件）。</Text>
        )}
      </View>

      {message && (
        <Text className='notice success' {...tid('workbook-message')}>
          {message}
        </Text>
      )}
      {failure !== null && (
        <Text className='notice danger' {...tid('workbook-error', { code: (failure as { code?: string }).code ?? '' })}>
          {describeError(failure)}
        </Text>
      )}
      {report && <Report report={report} layout={data.layout} />}
      {report && open && (
        <Button block type='primary' onClick={() => void Taro.redirectTo({ url: routes.questionnaire({ mode: 'continue' }) })} {...tid('import-continue')}>
          进入问卷核对答案
        </Button>
      )}
    </View>
  );
}
