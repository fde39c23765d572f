import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { evidenceKindLabels, formatBytes, type EvidenceItemView, type EvidenceSetView } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { EmptyView, ErrorView, LoadingView } from '../../../../components/StateViews';
import { describeError } from '../../../../services/errorText';
import { inputLabel } from '../../../../platform/inputLabel';
import { tid } from '../../../../platform/testid';
import { evidenceApi } from '../../services/evidenceApi';
import { uploadEvidence, UploadRefused } from '../../services/upload';
import { pickEvidenceFile, showFile } from '../../platform/files';
import './index.scss';

const short = (iso: string) => iso.slice(0, 16).replace('T', ' ');
const EXTENSIONS: Record<string, string[]> = { pdf: ['pdf'], jpeg: ['jpg', 'jpeg'], png: ['png'] };

type Status = { itemId: string; ok: boolean; text: string } | null;

function ItemCard({ set, item, onChanged }: { set: EvidenceSetView; item: EvidenceItemView; onChanged(set: EvidenceSetView): void }) {
  const [answer, setAnswer] = useState(item.answer ?? '');
  const [progress, setProgress] = useState<number | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const say = (ok: boolean, text: string) => setStatus({ itemId: item.id, ok, text });

  const upload = async (replaces: string | null) => {
    const file = await pickEvidenceFile(item.kinds.flatMap((kind) => EXTENSIONS[kind] ?? []));
    if (!file) return;
    setStatus(null);
    try {
      setProgress(0);
      const next = await uploadEvidence(set, item, file, replaces, setProgress);
      onChanged(next);
      say(true, `已上传：${file.name}`);
    } catch (error) {
      say(false, error instanceof UploadRefused ? error.message : describeError(error));
    } finally {
      setProgress(null);
    }
  };
  const save = async () => {
    try {
      onChanged(await evidenceApi.saveAnswer(item.id, answer));
      say(true, '文字说明已保存');
    } catch (error) {
      say(false, describeError(error));
    }
  };
  const open = async (fileId: string, name: string) => {
    try {
      say(true, await showFile(await evidenceApi.file(fileId), name));
    } catch (error) {
      say(false, describeError(error));
    }
  };

  const limits = `${item.kinds.map((k) => evidenceKindLabels[k]).join('、')}，每个不超过 ${formatBytes(item.maxBytes)}，最多 ${item.maxFiles} 个`;
  const titleId = `evidence-title-${item.id}`;
  return (
    <View className='card evidence-item' {...tid(`evidence-item-${item.id}`, { complete: item.progress.complete, editable: item.editable, requested: item.requested, files: item.files.length })} {...{ role: 'region', 'aria-labelledby': titleId }}>
      <View className='evidence-head'>
        <Text className='card-title' id={titleId}>
          {item.title}
          {item.required ? '（必填）' : '（选填）'}
        </Text>
        <Text className={`evidence-badge ${item.progress.complete ? 'done' : 'todo'}`}>{item.progress.complete ? '已完成' : item.progress.files > 0 ? '待补充说明' : '未上传'}</Text>
      </View>
      {item.ask && <Text className='muted'>{item.ask}</Text>}
      <Text className='muted'>可上传：{limits}</Text>
      {item.requested && item.mark?.comment && (
        <View className='evidence-request' {...tid(`evidence-request-${item.id}`)}>
          <Text>需补正：{item.mark.comment}</Text>
        </View>
      )}
      {item.mark && !item.requested && <Text className='muted'>审查意见：{item.mark.verdictLabel}{item.mark.comment ? `（${item.mark.comment}）` : ''}</Text>}
      {item.files.map((file) => (
        <View key={file.id} className='evidence-file' {...tid(`evidence-file-${item.id}`, { sha256: file.sha256 })}>
          <Text>
            {file.name}（{formatBytes(file.bytes)}）{file.submitted ? ' · 已提交' : ''}
          </Text>
          <Text className='evidence-hash'>SHA-256 {file.sha256}</Text>
          <View className='evidence-actions'>
            <Button size='small' fill='outline' onClick={() => void open(file.id, file.name)} {...tid(`evidence-open-${item.id}`)}>
              查看
            </Button>
            {item.editable && (
              <Button size='small' fill='outline' type='primary' disabled={progress !== null} onClick={() => void upload(file.id)} {...tid(`evidence-replace-${item.id}`)}>
                替换
              </Button>
            )}
          </View>
        </View>
      ))}
      {item.history.length > 0 && <Text className='muted'>已替换的旧版本 {item.history.length} 个（保留备查）</Text>}
      {progress !== null && (
        <View {...tid(`evidence-progress-${item.id}`)}>
          <View className='evidence-progress' {...{ role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(progress * 100), 'aria-label': `${item.title}上传进度` }}>
            <View className='evidence-progress-bar' style={{ width: `${Math.round(progress * 100)}%` }} />
          </View>
          <Text className='muted'>正在上传 {Math.round(progress * 100)}%（断网后重新选择同一文件可续传）</Text>
        </View>
      )}
      {item.editable && item.files.length < item.maxFiles && (
        <Button type='primary' fill='outline' disabled={progress !== null} onClick={() => void upload(null)} {...tid(`evidence-upload-${item.id}`)}>
          上传文件
        </Button>
      )}
      {item.text && (
        <View className='evidence-item'>
          <Text>
            {item.text.label}
            {item.text.required ? '（必填）' : ''}，不超过 {item.text.maxLength} 字
          </Text>
          <Textarea
            className='evidence-text'
            value={answer}
            disabled={!item.editable}
            maxlength={item.text.maxLength}
            onInput={(e) => setAnswer(e.detail.value)}
            {...inputLabel(`${item.title}：${item.text.label}`)}
            {...tid(`evidence-answer-${item.id}`)}
          />
          {item.editable && (
            <Button size='small' type='primary' fill='outline' onClick={() => void save()} {...tid(`evidence-save-${item.id}`)}>
              保存说明
            </Button>
          )}
        </View>
      )}
      {status && (
        <Text className={status.ok ? 'muted' : 'error-text'} {...{ role: status.ok ? 'status' : 'alert' }} {...tid(`evidence-status-${item.id}`, { ok: status.ok })}>
          {status.text}
        </Text>
      )}
    </View>
  );
}

/**
 * 示范评审材料 (enterprise): the 评审要点 with each item's files, text and progress, 补正 requests,
 * the submit and its receipt (every file with its SHA-256). Uploads go in resumable chunks.
 */
export default function EvidencePage() {
  const { data, error, loading, reload } = useAsync(() => evidenceApi.page(), []);
  const [set, setSet] = useState<EvidenceSetView | null>(null);
  const [submitNote, setSubmitNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  if (loading && !data) return <LoadingView />;
  if (!data) return <ErrorView error={error} onRetry={reload} />;
  if (!data.allowed || !data.set) return <EmptyView text={data.reason ?? '目前不需要提交示范评审材料'} />;
  const view = set ?? data.set;
  const editable = view.items.some((item) => item.editable);
  const latestRequest = view.state === 'reopened' ? view.requests.at(-1) : undefined;
  const receipt = view.receipts.at(-1);
  const submit = async () => {
    setSubmitting(true);
    setSubmitNote(null);
    try {
      setSet(await evidenceApi.submit());
      setSubmitNote({ ok: true, text: '材料已提交，回执如下' });
    } catch (failure) {
      setSubmitNote({ ok: false, text: describeError(failure) });
    } finally {
      setSubmitting(false);
    }
  };
  const done = view.items.filter((item) => item.progress.complete).length;
  return (
    <View className='page' {...tid('evidence-page', { state: view.state })}>
      <View className='card'>
        <Text className='card-title' {...{ role: 'heading', 'aria-level': 1 }}>
          示范评审材料
        </Text>
        <Text className='muted' style={{ display: 'block' }}>
          {view.enterprise.name} · {view.campaign.name}
        </Text>
        <Text style={{ display: 'block' }} {...tid('evidence-state', { state: view.state })}>
          状态：{view.stateLabel} · 完成 {done}/{view.items.length} 项 · 已用 {formatBytes(view.usage.bytes)}（上限 {formatBytes(view.usage.maxBytes)}）
        </Text>
        <Text className='muted' style={{ display: 'block' }}>{view.editableUntil ? `可修改至 ${short(view.editableUntil)}（北京时间）` : `提交截止 ${short(view.deadline)}（北京时间）`}</Text>
      </View>
      {latestRequest && (
        <View className='card evidence-request' {...tid('evidence-open-request')} {...{ role: 'alert' }}>
          <Text className='card-title'>知识产权局要求补正</Text>
          <Text style={{ display: 'block' }}>{latestRequest.comment}</Text>
          <Text className='muted' style={{ display: 'block' }}>
            补正项目：{latestRequest.itemIds.map((id) => view.items.find((item) => item.id === id)?.title ?? id).join('、')}；截止 {short(latestRequest.deadline)}
          </Text>
        </View>
      )}
      {view.items.map((item) => (
        <ItemCard key={item.id} set={view} item={item} onChanged={setSet} />
      ))}
      {editable && (
        <View className='card'>
          {view.missingRequired.length > 0 && <Text className='muted'>尚未完成的必填项目：{view.missingRequired.map((id) => view.items.find((item) => item.id === id)?.title ?? id).join('、')}</Text>}
          <Button block type='primary' disabled={submitting || view.missingRequired.length > 0} onClick={() => void submit()} {...tid('evidence-submit')}>
            {submitting ? '正在提交…' : view.state === 'reopened' ? '提交补正材料' : '提交材料'}
          </Button>
        </View>
      )}
      {submitNote && (
        <Text className={submitNote.ok ? 'notice' : 'error-text'} {...{ role: submitNote.ok ? 'status' : 'alert' }} {...tid('evidence-submit-note', { ok: submitNote.ok })}>
          {submitNote.text}
        </Text>
      )}
      {receipt && (
        <View className='card' {...tid('evidence-receipt', { n: receipt.n, files: receipt.files.length })}>
          <Text className='card-title'>
            提交回执（第 {receipt.n} 次，{short(receipt.at)}）
          </Text>
          {receipt.files.map((file) => (
            <View key={file.fileId} className='evidence-file'>
              <Text>
                {file.itemTitle}：{file.name}（{formatBytes(file.bytes)}）
              </Text>
              <Text className='evidence-hash'>SHA-256 {file.sha256}</Text>
            </View>
          ))}
          <Text className='evidence-hash'>回执摘要 {receipt.digest}</Text>
        </View>
      )}
    </View>
  );
}
