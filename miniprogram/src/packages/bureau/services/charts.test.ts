import type { Overview } from '@assess/shared';
import { participationStatusLabels } from '@assess/shared';
import { dimensionsChart, fillDays, histogramChart, statusByTrackChart } from './charts';

const overview = (over: Partial<Overview> = {}): Overview => ({
  scope: { regionCode: '440000', regionName: '广东省', cityCode: null, cityName: null },
  campaign: { id: 'c', name: '2026', state: 'closed', closesAt: '2026-06-30T24:00:00+08:00' },
  totals: { enterprises: 10, not_started: 3, logged_in: 1, drafting: 2, submitted: 4 },
  byTrack: [{ track: 'apply_advantage', label: '申报优势', enterprises: 10, started: 7, submitted: 4 }],
  completionRate: 0.4,
  submissionsByDay: [],
  scoresVisible: true,
  passLines: { advantage: 60, demonstration: null, state: 'draft', excellentFrom: { advantage: null, demonstration: null } },
  distribution: [
    { line: 'advantage', bins: [{ from: 0, to: 5, count: 1 }, { from: 5, to: 10, count: 2 }] },
    { line: 'demonstration', bins: [{ from: 0, to: 5, count: 0 }, { from: 5, to: 10, count: 3 }] },
  ],
  dimensions: [{ id: 'd1', title: '领导作用', max: 20, average: 10, nationalAverage: 15 }],
  mean: 50,
  flagged: 0,
  ...over,
});

describe('overview charts', () => {
  it('When enterprises are counted by track, then submitted, started and not started add up to the total', () => {
    const spec = statusByTrackChart(overview());
    expect(spec.series.map((s) => s.values[0])).toEqual([4, 3, 3]);
  });

  it('When the progress chart is drawn, then its legend uses the words of the cards and the table (已登录未作答、答题中), not words of its own', () => {
    const names = statusByTrackChart(overview()).series.map((s) => s.name);
    expect(names).toEqual(['已提交', '已登录未作答或答题中', '未登录']);
    const words = Object.values(participationStatusLabels);
    for (const name of names) expect(name.split('或').every((part) => words.includes(part))).toBe(true);
  });

  it('When submissions skip days, then the line has a zero for each quiet day', () => {
    const days = fillDays([
      { date: '2026-06-28', attempts: 2, enterprises: 1 },
      { date: '2026-07-01', attempts: 1, enterprises: 1 },
    ]);
    expect(days.map((d) => [d.date, d.attempts])).toEqual([
      ['2026-06-28', 2],
      ['2026-06-29', 0],
      ['2026-06-30', 0],
      ['2026-07-01', 1],
    ]);
  });

  it('When only one pass line is set, then the histogram draws that line only', () => {
    const spec = histogramChart(overview())!;
    expect(spec.marks).toEqual([expect.objectContaining({ name: '优势企业合格线', value: 60 })]);
    expect(spec.series.map((s) => s.values)).toEqual([[1, 2], [0, 3]]);
  });

  it('When scores are hidden, then there is no histogram', () => {
    expect(histogramChart(overview({ distribution: null }))).toBeNull();
  });

  it('When dimension averages are shown, then as a share of the maximum against the national share', () => {
    const spec = dimensionsChart(overview(), '广东省')!;
    expect(spec.series.map((s) => s.values[0])).toEqual([50, 75]);
  });

  it('When the scope is the whole country, then one series: nothing to compare with', () => {
    expect(dimensionsChart(overview(), null)!.series.map((s) => s.name)).toEqual(['全国']);
  });
});
