import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ChartSpec } from '../../services/charts';

/**
 * ECharts with only what the overview draws (bars, lines, grid, tooltip, legend, mark lines,
 * canvas), imported lazily by chart.h5.tsx so it is a chunk of its own that only dashboard
 * pages load — never the enterprise's first page.
 */
use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption>;

export type Chart = EChartsType;

export function createChart(element: HTMLElement): Chart {
  return init(element, undefined, { renderer: 'canvas' });
}

const axisLabel = { color: '#646a73', fontSize: 12 };
const splitLine = { lineStyle: { color: '#eef0f3' } };

function histogramOption(spec: ChartSpec): Option {
  const bins = spec.bins ?? [];
  const last = bins[bins.length - 1];
  const max = last ? last.to : 100;
  const width = bins[0] ? bins[0].to - bins[0].from : 5;
  const bars: BarSeriesOption[] = spec.series.map((s, i) => ({
    type: 'bar',
    id: `s${i}`,
    name: s.name,
    itemStyle: { color: s.color },
    barGap: '0%',
    barCategoryGap: '12%',
    data: s.values.map((count, i) => [(bins[i]?.from ?? 0) + width / 2, count]),
  }));
  // The lines ride on an empty line series: on a bar series ECharts would shift them by the bar's offset.
  const marks: LineSeriesOption = {
    type: 'line',
    id: 'pass-lines',
    data: [],
    silent: true,
    markLine: {
      symbol: 'none',
      silent: true,
      animationDuration: 200,
      data: (spec.marks ?? []).map((mark, m) => ({
        xAxis: mark.value,
        name: mark.name,
        lineStyle: { color: mark.color, type: 'dashed', width: 2 },
        // Two labels above the plot, one higher than the other, so close lines stay legible.
        label: { formatter: `${mark.name} ${mark.value}`, color: mark.color, position: 'end', distance: [0, 4 + m * 16] },
      })),
    },
  };
  return {
    animationDuration: 300,
    grid: { left: 48, right: 24, top: 76, bottom: 40 },
    legend: { top: 0, textStyle: axisLabel, data: spec.series.map((s) => s.name) },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const item = p as { seriesName: string; value: [number, number] };
        const from = item.value[0] - width / 2;
        return `${item.seriesName}<br/>${from}–${from + width} 分：${item.value[1]} 家`;
      },
    },
    xAxis: { type: 'value', min: 0, max, interval: width * 2, name: '分', axisLabel, splitLine: { show: false } },
    yAxis: { type: 'value', minInterval: 1, name: '企业数', axisLabel, splitLine },
    series: [...bars, marks],
  };
}

function barOrLineOption(spec: ChartSpec): Option {
  const unit = spec.unit ?? '';
  const categoryAxis = { type: 'category' as const, data: spec.categories, axisLabel: { ...axisLabel, interval: 0, hideOverlap: true }, inverse: spec.horizontal === true };
  const valueAxis = { type: 'value' as const, minInterval: 1, max: spec.valueMax, axisLabel: { ...axisLabel, formatter: `{value}${unit === '%' ? '%' : ''}` }, splitLine };
  return {
    animationDuration: 300,
    grid: { left: spec.horizontal ? 8 : 48, right: 32, top: 40, bottom: 32, containLabel: spec.horizontal === true },
    legend: { top: 0, textStyle: axisLabel },
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => `${String(value)}${unit}` },
    xAxis: spec.horizontal ? valueAxis : categoryAxis,
    yAxis: spec.horizontal ? categoryAxis : valueAxis,
    series: spec.series.map((s, i) =>
      spec.kind === 'line'
        ? { type: 'line', id: `s${i}`, name: s.name, data: s.values, itemStyle: { color: s.color }, lineStyle: { color: s.color }, smooth: false, showSymbol: s.values.length < 40 }
        : { type: 'bar', id: `s${i}`, name: s.name, data: s.values, itemStyle: { color: s.color }, stack: s.stack, barMaxWidth: 36 },
    ),
  };
}

export function optionOf(spec: ChartSpec): Option {
  return spec.kind === 'histogram' ? histogramOption(spec) : barOrLineOption(spec);
}
