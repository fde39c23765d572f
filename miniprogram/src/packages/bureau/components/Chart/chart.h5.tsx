import { useEffect, useRef, useState } from 'react';
import type { ChartProps } from './chart.types';
import './index.scss';

export type { ChartProps } from './chart.types';

type Setup = typeof import('./echartsSetup');

let setup: Promise<Setup> | null = null;

/** ECharts arrives as its own chunk the first time a chart is drawn (dashboard pages only). */
function loadEcharts(): Promise<Setup> {
  setup ??= import(/* webpackChunkName: "echarts" */ './echartsSetup').catch((error: unknown) => {
    setup = null;
    throw error;
  });
  return setup;
}

/** Browsers: an ECharts canvas, redrawn when the data change and resized with the window. */
export function Chart({ name, spec, height = 320 }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<import('./echartsSetup').Chart | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const key = JSON.stringify(spec);

  useEffect(() => {
    let gone = false;
    const resize = () => chart.current?.resize();
    loadEcharts().then(
      ({ createChart, optionOf }) => {
        if (gone || !element.current) return;
        chart.current ??= createChart(element.current);
        // Series replaced, the rest merged: a moved pass line glides instead of redrawing from zero.
        chart.current.setOption(optionOf(spec), { replaceMerge: ['series'] });
        window.addEventListener('resize', resize);
        setState('ready');
      },
      () => !gone && setState('error'),
    );
    return () => {
      gone = true;
      window.removeEventListener('resize', resize);
    };
    // `spec` is rebuilt every render; its JSON says when it really changed.
  }, [key]);

  useEffect(
    () => () => {
      chart.current?.dispose();
      chart.current = null;
    },
    [],
  );

  return (
    <div className='chart-box' data-testid={`chart-${name}`} data-state={state} data-kind='echarts'>
      <div ref={element} className='chart-canvas' style={{ height: `${height}px` }} />
      {state === 'loading' && <div className='chart-overlay'>正在加载图表…</div>}
      {state === 'error' && <div className='chart-overlay error-text'>图表加载失败，请刷新页面重试</div>}
    </div>
  );
}
