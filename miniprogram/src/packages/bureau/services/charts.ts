import { participationStatusLabels as statusLabels, type Overview } from '@assess/shared';

/**
 * The overview's charts as plain data, drawn by ECharts on H5 and as CSS bars on WeChat
 * (components/Chart). Kept free of both so the two drawings show the same numbers.
 */
export interface ChartSeries {
  name: string;
  values: number[];
  color: string;
  /** Series with the same stack are drawn on top of one another. */
  stack?: string;
}

export interface ChartMark {
  name: string;
  value: number;
  color: string;
}

export interface ChartSpec {
  kind: 'bar' | 'line' | 'histogram';
  categories: string[];
  series: ChartSeries[];
  /** Bars running left to right, categories down the side (long labels). */
  horizontal?: boolean;
  /** Shown after each value ('家', '%'). */
  unit?: string;
  /** Histogram: each category's score range, and the vertical lines drawn across it. */
  bins?: Array<{ from: number; to: number }>;
  marks?: ChartMark[];
  valueMax?: number;
}

export const palette = {
  blue: '#1d5fbf',
  green: '#1f8a4c',
  orange: '#e08a00',
  grey: '#b8bec8',
  red: '#c93636',
  purple: '#7b4fc9',
} as const;

const lineNames = { advantage: '按优势企业合格线评价', demonstration: '按示范企业合格线评价' } as const;

/**
 * The legend of the progress chart, in the words of the overview's cards and the table's status
 * (participationStatusLabels, one source): the chart's middle band is two of those statuses.
 */
export const progressSeriesNames = {
  submitted: statusLabels.submitted,
  started: `${statusLabels.logged_in}或${statusLabels.drafting}`,
  notStarted: statusLabels.not_started,
} as const;

/** Enterprises per track: submitted, started but not submitted, not started — stacked. */
export function statusByTrackChart(overview: Overview): ChartSpec {
  const rows = overview.byTrack;
  return {
    kind: 'bar',
    categories: rows.map((row) => row.label),
    unit: '家',
    series: [
      { name: progressSeriesNames.submitted, values: rows.map((row) => row.submitted), color: palette.green, stack: 'status' },
      { name: progressSeriesNames.started, values: rows.map((row) => row.started - row.submitted), color: palette.orange, stack: 'status' },
      { name: progressSeriesNames.notStarted, values: rows.map((row) => row.enterprises - row.started), color: palette.grey, stack: 'status' },
    ],
  };
}

const DAY_MS = 86_400_000;

/** The days from the first submission to the last, gaps filled with zeros (a line should not skip quiet days). */
export function fillDays(days: Overview['submissionsByDay']): Overview['submissionsByDay'] {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return [];
  const known = new Map(days.map((day) => [day.date, day]));
  const out: Overview['submissionsByDay'] = [];
  for (let t = Date.parse(`${first.date}T00:00:00Z`); t <= Date.parse(`${last.date}T00:00:00Z`) && out.length < 400; t += DAY_MS) {
    const date = new Date(t).toISOString().slice(0, 10);
    out.push(known.get(date) ?? { date, attempts: 0, enterprises: 0 });
  }
  return out;
}

export function submissionsChart(overview: Overview): ChartSpec {
  const days = fillDays(overview.submissionsByDay);
  return {
    kind: 'line',
    categories: days.map((day) => day.date.slice(5)),
    series: [
      { name: '提交次数', values: days.map((day) => day.attempts), color: palette.blue },
      { name: '提交企业数', values: days.map((day) => day.enterprises), color: palette.green },
    ],
  };
}

/** Final scores in 5-point bins, one series per pass line, the two lines drawn across. */
export function histogramChart(overview: Overview): ChartSpec | null {
  const distribution = overview.distribution;
  const bins = distribution?.[0]?.bins;
  if (!distribution || !bins) return null;
  const marks: ChartMark[] = [];
  if (overview.passLines?.advantage != null) marks.push({ name: '优势企业合格线', value: overview.passLines.advantage, color: palette.orange });
  if (overview.passLines?.demonstration != null) marks.push({ name: '示范企业合格线', value: overview.passLines.demonstration, color: palette.red });
  return {
    kind: 'histogram',
    categories: bins.map((bin) => `${bin.from}–${bin.to}`),
    bins: bins.map(({ from, to }) => ({ from, to })),
    unit: '家',
    series: distribution.map((entry) => ({
      name: lineNames[entry.line],
      values: entry.bins.map((bin) => bin.count),
      color: entry.line === 'advantage' ? palette.blue : palette.purple,
    })),
    marks,
  };
}

const percent = (value: number | null, max: number) => (value === null || max <= 0 ? 0 : Math.round((value / max) * 1000) / 10);

/**
 * Each dimension's average as a share of its maximum, against the national average — unless the
 * scope is the whole country (scopeName null), which has nothing to compare with.
 */
export function dimensionsChart(overview: Overview, scopeName: string | null): ChartSpec | null {
  const dimensions = overview.dimensions;
  if (!dimensions || dimensions.length === 0) return null;
  const national: ChartSeries = { name: '全国', values: dimensions.map((d) => percent(d.nationalAverage, d.max)), color: palette.grey };
  return {
    kind: 'bar',
    horizontal: true,
    unit: '%',
    valueMax: 100,
    categories: dimensions.map((d) => d.title),
    series: scopeName ? [{ name: scopeName, values: dimensions.map((d) => percent(d.average, d.max)), color: palette.blue }, national] : [{ ...national, color: palette.blue }],
  };
}
