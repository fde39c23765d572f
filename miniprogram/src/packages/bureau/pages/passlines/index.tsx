import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { CampaignView, PassLineInput, PassLinePreview } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { ErrorView, LoadingView } from '../../../../components/StateViews';
import { confirmAction } from '../../../../services/dialogs';
import { formatDateTime } from '../../../../services/beijingTime';
import { inputLabel } from '../../../../platform/inputLabel';
import { tid } from '../../../../platform/testid';
import { ActionButton } from '../../components/ActionButton';
import { BureauShell, type Staff } from '../../components/BureauShell';
import { Chart } from '../../components/Chart/chart';
import { DataTable, type Column } from '../../components/DataTable';
import { NoteText } from '../../components/NoteText';
import { Range } from '../../components/Range/range';
import { useAction } from '../../hooks/useAction';
import { histogramChart } from '../../services/charts';
import { formatCount, formatScore } from '../../services/format';
import { formatFit, parsePassLine, PASS_LINE_MAX } from '../../services/passLines';
import { staffApi } from '../../services/staffApi';
import { forgetStaffContext } from '../../services/staffContext';
import './index.scss';

type Line = keyof PassLineInput;
type RegionRow = PassLinePreview['regions'][number];

const lineLabels: Record<Line, string> = { advantage: '优势企业合格线', demonstration: '示范企业合格线' };
/** Where the tool starts when no line has been set yet. */
const startingLines: PassLineInput = { advantage: 60, demonstration: 70 };

const fitClass = (fit: number | null) => (fit !== null && fit > 1 ? 'fit-over' : '');

const regionColumns: Column<RegionRow>[] = [
  { key: 'region', title: '地区', render: (r) => r.regionName },
  { key: 'advPasses', title: '达优势线', numeric: true, render: (r) => formatCount(r.passes.advantage) },
  { key: 'demPasses', title: '达示范线', numeric: true, render: (r) => formatCount(r.passes.demonstration) },
  { key: 'advApplicants', title: '申报优势达线 / 名额', numeric: true, render: (r) => `${r.applicantPasses.advantage} / ${r.quota.advantage}` },
  { key: 'advFit', title: '优势名额匹配', numeric: true, render: (r) => <Text className={fitClass(r.quotaFit.advantage)}>{formatFit(r.quotaFit.advantage)}</Text> },
  { key: 'demApplicants', title: '申报示范达线 / 名额', numeric: true, render: (r) => `${r.applicantPasses.demonstration} / ${r.quota.demonstration}` },
  { key: 'demFit', title: '示范名额匹配', numeric: true, render: (r) => <Text className={fitClass(r.quotaFit.demonstration)}>{formatFit(r.quotaFit.demonstration)}</Text> },
];

function LineControl({ line, text, disabled, onText }: { line: Line; text: string; disabled: boolean; onText(text: string): void }) {
  const value = parsePassLine(text);
  return (
    <View className='passline-control'>
      <View className='passline-control-head'>
        <Text className='passline-label'>{lineLabels[line]}</Text>
        <Input
          className='binput passline-input'
          type='digit'
          value={text}
          disabled={disabled}
          maxlength={5}
          onInput={(e) => onText(e.detail.value)}
          {...inputLabel(`${lineLabels[line]}（分）`)}
          {...tid(`passline-${line}`, { value: value ?? '' })}
        />
        <Text className='bmuted'>分</Text>
      </View>
      {/* The slider works in tenths: WeChat's slider takes whole steps only. */}
      <View className='passline-slider'>
        <Range
          label={`${lineLabels[line]}滑块`}
          min={0}
          max={PASS_LINE_MAX * 10}
          step={5}
          value={Math.round((value ?? 0) * 10)}
          disabled={disabled}
          onChange={(tenths) => onText(String(tenths / 10))}
          testId={`passline-${line}-slider`}
        />
      </View>
      {value === null && <Text className='inline-error'>请输入 0–{PASS_LINE_MAX} 之间的分数，最多一位小数</Text>}
    </View>
  );
}

/** The national distribution of final scores with the two lines where they are being moved to. */
function Distribution({ campaignId, lines }: { campaignId: string; lines: PassLineInput | null }) {
  const { data } = useAsync(() => staffApi.overview({ campaignId }), [campaignId]);
  if (!data?.distribution) return null;
  const moved = { advantage: lines?.advantage ?? null, demonstration: lines?.demonstration ?? null };
  const spec = histogramChart({ ...data, passLines: { state: 'draft', excellentFrom: { advantage: null, demonstration: null }, ...data.passLines, ...moved } });
  if (!spec) return null;
  return (
    <View className='passline-distribution'>
      <Text className='bmuted'>全国最终成绩分布（每 5 分一档，共 {formatCount(data.totals.submitted)} 家已提交）；虚线随上方数值移动</Text>
      <Chart name='passline-histogram' spec={spec} height={240} />
    </View>
  );
}

function usePreview(campaignId: string, lines: PassLineInput | null) {
  const [preview, setPreview] = useState<PassLinePreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const key = lines ? `${lines.advantage}/${lines.demonstration}` : '';
  useEffect(() => {
    if (!lines) return undefined;
    let stale = false;
    setPending(true);
    // Wait for the slider to rest before asking the server.
    const timer = setTimeout(() => {
      staffApi.previewPassLines(campaignId, lines).then(
        (result) => {
          if (stale) return;
          setPreview(result);
          setError(null);
          setPending(false);
        },
        (failure: unknown) => {
          if (stale) return;
          setError(failure);
          setPending(false);
        },
      );
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [campaignId, key]);
  return { preview, error, pending };
}

function PassLinesBody({ staff }: { staff: Staff }) {
  const [campaign, setCampaign] = useState<CampaignView>(staff.campaign);
  const saved = campaign.passLines;
  const published = saved.state === 'published';
  const [texts, setTexts] = useState<Record<Line, string>>({
    advantage: String(saved.advantage ?? startingLines.advantage),
    demonstration: String(saved.demonstration ?? startingLines.demonstration),
  });
  const { busy, note, run } = useAction<'save' | 'publish'>();

  const advantage = parsePassLine(texts.advantage);
  const demonstration = parsePassLine(texts.demonstration);
  const lines = advantage !== null && demonstration !== null ? { advantage, demonstration } : null;
  const { preview, error, pending } = usePreview(campaign.id, lines);
  const unsaved = lines !== null && (lines.advantage !== saved.advantage || lines.demonstration !== saved.demonstration);

  const save = async (): Promise<boolean> => {
    if (!lines) return false;
    return run('save', async () => {
      setCampaign(await staffApi.savePassLines(campaign.id, lines));
      forgetStaffContext();
      return `草稿已保存：优势 ${lines.advantage} 分，示范 ${lines.demonstration} 分（未公布，企业和地方局看不到）。`;
    });
  };

  const publish = async () => {
    if (!lines) return;
    const national = preview?.national;
    const ok = await confirmAction(
      '公布合格线',
      `优势企业合格线 ${lines.advantage} 分，示范企业合格线 ${lines.demonstration} 分。${
        national ? `全国达优势线 ${national.advantagePasses} 家，达示范线 ${national.demonstrationPasses} 家。` : ''
      }公布后企业即可看到是否合格及等级，地方局可看到成绩，合格线不能再修改。`,
      '确认公布',
    );
    if (!ok) return;
    if (unsaved && !(await save())) return;
    await run('publish', async () => {
      setCampaign(await staffApi.publishPassLines(campaign.id));
      forgetStaffContext();
      return '合格线已公布。';
    });
  };

  const setText = (line: Line) => (text: string) => setTexts((current) => ({ ...current, [line]: text }));

  return (
    <View {...tid('passlines', { state: saved.state, advantage: saved.advantage ?? '', demonstration: saved.demonstration ?? '' })}>
      <View className='bcard'>
        <View className='bcard-head'>
          <Text className='bcard-title'>合格线试算与公布</Text>
          <Text className='bmuted' {...tid('passlines-status', { state: saved.state })}>
            {saved.advantage === null && saved.demonstration === null
              ? '尚未设置'
              : `${published ? `已于 ${formatDateTime(saved.publishedAt)} 公布` : '已保存草稿（未公布）'}：优势 ${formatScore(saved.advantage)} 分，示范 ${formatScore(saved.demonstration)} 分`}
          </Text>
        </View>
        {campaign.state !== 'closed' && !published && (
          <Text className='bnotice warning'>测评尚未关闭：试算只计入目前已提交的成绩，关闭前仍会变化。</Text>
        )}
        {published && <Text className='bnotice success'>合格线已公布，不能再修改；以下为按公布的合格线统计的结果。</Text>}
        <View className='passline-controls'>
          <LineControl line='advantage' text={texts.advantage} disabled={published} onText={setText('advantage')} />
          <LineControl line='demonstration' text={texts.demonstration} disabled={published} onText={setText('demonstration')} />
        </View>
        <Distribution campaignId={campaign.id} lines={lines} />
        {!published && (
          <View className='toolbar passline-actions'>
            <ActionButton testId='passlines-save' disabled={!lines || !unsaved} busyText={busy === 'save' ? '正在保存…' : null} onClick={() => void save()}>
              保存草稿
            </ActionButton>
            <ActionButton kind='danger' testId='passlines-publish' disabled={!lines || busy !== null} busyText={busy === 'publish' ? '正在公布…' : null} onClick={() => void publish()}>
              公布合格线…
            </ActionButton>
            {unsaved && <Text className='bmuted'>当前数值尚未保存</Text>}
          </View>
        )}
        <NoteText note={note} testId='passlines-note' />
      </View>

      <View className='bcard' {...tid('preview', { state: pending ? 'loading' : preview ? 'ready' : 'none', lines: preview ? `${preview.lines.advantage}/${preview.lines.demonstration}` : '' })}>
        <View className='bcard-head'>
          <Text className='bcard-title'>试算结果{preview ? `（优势 ${preview.lines.advantage} 分 · 示范 ${preview.lines.demonstration} 分）` : ''}</Text>
          {pending && <Text className='bmuted'>正在试算…</Text>}
        </View>
        {error !== null && <ErrorView error={error} />}
        {!preview && error === null && <LoadingView text='正在试算…' />}
        {preview && (
          <>
            <View className='stat-grid'>
              <View className='stat' {...tid('preview-advantage-passes', { value: preview.national.advantagePasses })}>
                <Text className='stat-value'>{formatCount(preview.national.advantagePasses)}</Text>
                <Text className='stat-label'>全国达优势线</Text>
              </View>
              <View className='stat' {...tid('preview-demonstration-passes', { value: preview.national.demonstrationPasses })}>
                <Text className='stat-value'>{formatCount(preview.national.demonstrationPasses)}</Text>
                <Text className='stat-label'>全国达示范线</Text>
              </View>
              <View className='stat' {...tid('preview-excellent-advantage', { value: preview.excellentFrom.advantage ?? '' })}>
                <Text className='stat-value'>{formatScore(preview.excellentFrom.advantage)}</Text>
                <Text className='stat-label'>优势“优秀”起点（{formatCount(preview.national.advantageExcellent)} 家）</Text>
              </View>
              <View className='stat' {...tid('preview-excellent-demonstration', { value: preview.excellentFrom.demonstration ?? '' })}>
                <Text className='stat-value'>{formatScore(preview.excellentFrom.demonstration)}</Text>
                <Text className='stat-label'>示范“优秀”起点（{formatCount(preview.national.demonstrationExcellent)} 家）</Text>
              </View>
            </View>
            <Text className='bmuted passline-hint'>名额匹配 = 申报企业达线数 ÷ 推荐名额；超过 100%（标红）的地区须在达线企业中择优推荐。</Text>
            <DataTable
              testId='preview-regions'
              rows={preview.regions}
              rowKey={(r) => r.regionCode}
              rowTestId='preview-region'
              columns={regionColumns}
            />
          </>
        )}
      </View>
    </View>
  );
}

/** National: move the two pass lines, see what they do to every region, save a draft, publish. */
export default function PassLinesPage() {
  return (
    <BureauShell section='passLines' nationalOnly>
      {(staff) => <PassLinesBody staff={staff} />}
    </BureauShell>
  );
}
