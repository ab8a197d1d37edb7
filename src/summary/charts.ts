/**
 * The summary's bar charts, drawn by Apache ECharts' server-side SVG renderer
 * (no browser, no canvas). Text is measured with the bundled Liberation Serif
 * (src/render/pdf/fonts.ts), so labels sit where they will be drawn in the
 * PDF and, in the HTML, in Times New Roman (metric-compatible). One dark
 * colour for every bar: no chart says anything by colour alone, every bar has
 * its label on the axis and its number at its end, so it reads the same in
 * greyscale and to a colour-blind reader.
 */
import * as echarts from 'echarts';
import type { Metrics } from '../render/pdf/fonts';
import { group } from './withhold';

export const CHART_FONT = "'Liberation Serif', 'Times New Roman', Times, serif";
/** Dark blue: about 30 % luminance, dark in greyscale print. */
export const BAR_COLOR = '#1f4e79';

export interface Bar {
  label: string;
  /** null when withheld: no bar is drawn, and `text` says why. */
  value: number | null;
  text: string;
}

export interface ChartSpec {
  /** Names the chart in the SVG (its ids); a slug. */
  id: string;
  title: string;
  /** The value axis's title. */
  axis: string;
  bars: Bar[];
  /** Width in points (CSS pixels in the HTML). */
  width: number;
}

export interface Chart {
  svg: string;
  width: number;
  height: number;
}

let measuring: Metrics | undefined;

/** ECharts measures text through one global hook: ours, with the font the chart is drawn in. */
function useMetrics(metrics: Metrics): void {
  if (measuring === metrics) return;
  measuring = metrics;
  echarts.setPlatformAPI({
    measureText(text: string, font?: string) {
      const size = Number(/([\d.]+)px/.exec(font ?? '')?.[1] ?? 12);
      return { width: metrics.width(text, /\bbold\b|\b[6-9]00\b/.test(font ?? '') ? 'bold' : 'regular', size) };
    },
  });
}

const ROW = 13;
const TITLE = 19;
const AXIS = 28;
const FONT_SIZE = 9;

/** A horizontal bar chart, as a self-contained SVG string (no script, no style sheet, no external reference). */
export function barChart(spec: ChartSpec, metrics: Metrics): Chart {
  useMetrics(metrics);
  const height = TITLE + AXIS + Math.max(1, spec.bars.length) * ROW + 4;
  const labelWidth = Math.min(spec.width * 0.42, Math.max(30, ...spec.bars.map((b) => metrics.width(b.label, 'regular', FONT_SIZE))));
  const valueWidth = Math.max(...spec.bars.map((b) => metrics.width(b.text, 'regular', FONT_SIZE)), 10);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: CHART_FONT, fontSize: FONT_SIZE, color: '#000' },
      title: { text: spec.title, left: 0, top: 2, textStyle: { fontFamily: CHART_FONT, fontSize: 10.5, fontWeight: 'bold', color: '#000' } },
      grid: { left: labelWidth + 14, right: valueWidth + 8, top: TITLE, bottom: AXIS - 6, containLabel: false },
      xAxis: {
        type: 'value',
        name: spec.axis,
        nameLocation: 'middle',
        nameGap: 16,
        nameTextStyle: { fontFamily: CHART_FONT, fontSize: FONT_SIZE, color: '#000' },
        minInterval: 1,
        splitNumber: 3,
        axisLabel: { fontFamily: CHART_FONT, fontSize: 8, color: '#333', formatter: (v: number) => group(v) },
        axisLine: { show: true, lineStyle: { color: '#555' } },
        splitLine: { lineStyle: { color: '#d9d9d9' } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: spec.bars.map((b) => b.label),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#555' } },
        axisLabel: { fontFamily: CHART_FONT, fontSize: FONT_SIZE, color: '#000', width: labelWidth + 4, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          clip: false,
          barMaxWidth: 10,
          itemStyle: { color: BAR_COLOR },
          data: spec.bars.map((b) => b.value ?? 0),
          label: { show: true, position: 'right', fontFamily: CHART_FONT, fontSize: FONT_SIZE, color: '#000', textBorderWidth: 0, formatter: (p: { dataIndex: number }) => spec.bars[p.dataIndex]!.text },
        },
      ],
    });
    return { svg: tidy(chart.renderToSVGString(), spec), width: spec.width, height };
  } finally {
    chart.dispose();
  }
}

const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * ECharts' SVG made plain and the same on every run: no style sheet, classes or renderer ids (they count
 * charts made in the process), CSS declarations as presentation attributes (what the PDF's SVG reader
 * understands), and a title and description for screen readers.
 */
function tidy(svg: string, spec: ChartSpec): string {
  const described = `${spec.title}: ${spec.bars.map((b) => `${b.label} ${b.text}`).join('; ')}`;
  return svg
    .replace(/<style[\s\S]*?<\/style>\s*/g, '')
    .replace(/ (class|pointer-events|ecmeta_[a-z_]+)="[^"]*"/g, '')
    .replace(/zr\d+-/g, `${spec.id}-`)
    .replace(/ style="([^"]*)"/g, (_, css: string) =>
      css
        .split(';')
        .map((d) => d.trim())
        .filter((d) => d.includes(':'))
        .map((d) => ` ${d.slice(0, d.indexOf(':')).trim()}="${d.slice(d.indexOf(':') + 1).trim().replace(/"/g, "'")}"`)
        .join(''),
    )
    .replace(/<svg ([^>]*)>/, (_, attrs: string) => `<svg ${attrs} role="img" aria-labelledby="${spec.id}-title"><title id="${spec.id}-title">${escape(described)}</title>`)
    .replace(/\n+/g, '\n')
    .trim();
}
