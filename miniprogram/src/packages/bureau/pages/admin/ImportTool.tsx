import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { importColumns, type ImportReport } from '@assess/shared';
import { tid } from '../../../../platform/testid';
import { ActionButton } from '../../components/ActionButton';
import { NoteText } from '../../components/NoteText';
import { DataTable } from '../../components/DataTable';
import { pickFile, saveFile } from '../../platform/files';
import { useAction } from '../../hooks/useAction';
import { staffApi } from '../../services/staffApi';
import { recordsApi } from '../../services/recordsApi';

type RowError = ImportReport['errors'][number];
type RowWarning = ImportReport['warnings'][number];

/** The template's Chinese column header for a field ('uscc' → 统一社会信用代码). */
const columnOf: Record<string, string> = Object.fromEntries(importColumns.map(([header, field]) => [field, header]));

/** Shown at most: the rest are counted (a file of 50,000 rows may refuse thousands). */
const MAX_ERROR_ROWS = 200;
/** How often a running import is asked how far it is. */
const POLL_MS = 500;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts the import and follows it to the end, reporting each step of progress. */
async function importWithProgress(campaignId: string, file: { bytes: ArrayBuffer; contentType: string }, onProgress: (job: ImportReport) => void): Promise<ImportReport> {
  let job = await staffApi.startImport(campaignId, file.bytes, file.contentType);
  while (job.state === 'running') {
    onProgress(job);
    await pause(POLL_MS);
    job = await staffApi.importJob(job.jobId);
  }
  return job;
}

/**
 * The national bureau accepts a row whose track contradicts the enterprise's record, with its
 * reason (audited); the row is then imported, with a warning, when the file is imported again.
 */
function OverrideForm({ campaignId, error }: { campaignId: string; error: RowError }) {
  const [reason, setReason] = useState('');
  const [done, setDone] = useState(false);
  const { busy, note, run } = useAction<'override'>();
  const { uscc, track } = error;
  if (!uscc || !track) return null;
  const accept = () =>
    void run('override', async () => {
      await recordsApi.overrideTrack(campaignId, { uscc, track, reason });
      setDone(true);
      return '已记录确认，请重新导入该文件';
    });
  return (
    <View className='toolbar' {...tid(`override-${error.row}`)}>
      <Text>第 {error.row} 行</Text>
      {!done && <Input className='binput wide' placeholder='确认原因（记入审计）' aria-label={`第 ${error.row} 行的确认原因`} value={reason} onInput={(e) => setReason(e.detail.value)} {...tid(`override-reason-${error.row}`)} />}
      {!done && (
        <ActionButton disabled={reason.trim().length < 2} busyText={busy ? '正在记录…' : null} testId={`override-accept-${error.row}`} onClick={accept}>
          确认接受
        </ActionButton>
      )}
      <NoteText note={note} testId={`override-note-${error.row}`} />
    </View>
  );
}

/** Import of the enterprises local bureaus approved (CSV or XLSX), with its per-row report. */
export function ImportTool({ campaignId }: { campaignId: string }) {
  const { busy, note, setNote, run } = useAction<'template' | 'import'>();
  const [fileName, setFileName] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [progress, setProgress] = useState<ImportReport | null>(null);

  const template = () => run('template', async () => saveFile(await staffApi.importTemplate(), '企业导入模板.xlsx'));

  const upload = async () => {
    setNote(null);
    const file = await pickFile(['xlsx', 'csv']);
    if (!file) return;
    setFileName(file.name);
    setReport(null);
    await run('import', async () => {
      try {
        setReport(await importWithProgress(campaignId, file, setProgress));
      } finally {
        setProgress(null);
      }
    });
  };

  return (
    <View className='bcard' {...tid('import-tool')}>
      <View className='bcard-head'>
        <Text className='bcard-title'>导入企业名单</Text>
        <Text className='bmuted'>导入经地方局审核通过的企业（.xlsx 或 .csv，按统一社会信用代码去重，重复导入只更新变化的内容）</Text>
      </View>
      <View className='toolbar'>
        <ActionButton testId='import-template' busyText={busy === 'template' ? '正在下载…' : null} onClick={() => void template()}>
          下载导入模板
        </ActionButton>
        <ActionButton kind='primary' testId='import-upload' busyText={busy === 'import' ? `正在导入 ${fileName ?? ''}…` : null} onClick={() => void upload()}>
          选择文件并导入
        </ActionButton>
      </View>
      <NoteText note={note} testId='import-note' />
      {progress && (
        <View className='import-progress' {...tid('import-progress', { processed: progress.processed, total: progress.total })}>
          <Text className='bmuted'>
            正在导入：已处理 {progress.processed} / {progress.total} 行
          </Text>
          <View className='import-progress-track'>
            <View className='import-progress-bar' style={{ width: `${progress.total > 0 ? Math.round((progress.processed / progress.total) * 100) : 0}%` }} />
          </View>
        </View>
      )}
      {report && (
        <View {...tid('import-report', { state: report.state, total: report.total, inserted: report.inserted, updated: report.updated, unchanged: report.unchanged, errors: report.errors.length })}>
          <Text className={`bnotice ${report.errors.length > 0 || report.state === 'failed' ? 'warning' : 'success'}`}>
            {fileName}：共 {report.total} 行，新增 {report.inserted}，更新 {report.updated}，未变 {report.unchanged}，有误 {report.errors.length} 行
            {report.failure ? `。导入中断：${report.failure.message}` : ''}
          </Text>
          {report.errors.length > 0 && (
            <>
              <Text className='bmuted'>以下行未导入，请修改后重新导入整个文件（已导入的行不会重复）：</Text>
              <DataTable<RowError>
                testId='import-errors'
                rows={report.errors.slice(0, MAX_ERROR_ROWS)}
                rowKey={(e) => `${e.row}-${e.field}`}
                rowTestId='import-error'
                columns={[
                  { key: 'row', title: '行号', numeric: true, render: (e) => e.row },
                  { key: 'field', title: '列', render: (e) => columnOf[e.field] ?? e.field },
                  { key: 'reason', title: '原因', wrap: true, render: (e) => e.reason },
                ]}
              />
              {report.errors.length > MAX_ERROR_ROWS && <Text className='bmuted'>另有 {report.errors.length - MAX_ERROR_ROWS} 行有误未列出。</Text>}
              {report.errors.some((e) => e.code) && (
                <View {...tid('import-overrides')}>
                  <Text className='bmuted'>参加类型与企业历年记录不符的行：核实后可由全国局确认接受（写明原因），再重新导入。</Text>
                  {report.errors
                    .filter((e) => e.code)
                    .slice(0, MAX_ERROR_ROWS)
                    .map((e) => (
                      <OverrideForm key={e.row} campaignId={campaignId} error={e} />
                    ))}
                </View>
              )}
            </>
          )}
          {report.warnings.length > 0 && (
            <>
              <Text className='bmuted'>以下行已导入，请留意：</Text>
              <DataTable<RowWarning>
                testId='import-warnings'
                rows={report.warnings.slice(0, MAX_ERROR_ROWS)}
                rowKey={(w) => `${w.row}-${w.field}`}
                rowTestId='import-warning'
                columns={[
                  { key: 'row', title: '行号', numeric: true, render: (w) => w.row },
                  { key: 'field', title: '列', render: (w) => columnOf[w.field] ?? w.field },
                  { key: 'reason', title: '提示', wrap: true, render: (w) => w.reason },
                ]}
              />
            </>
          )}
        </View>
      )}
    </View>
  );
}
