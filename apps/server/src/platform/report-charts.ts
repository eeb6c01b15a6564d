/**
 * Charts for the .docx reports, drawn on the server by ECharts' SVG renderer (no browser, no canvas), and the PNG a
 * picture in Word needs beside its SVG, rasterised by sharp (librsvg).
 *
 * Fonts: the SVG names 宋体 and keeps its Chinese text; Word 2016+ and WPS draw it with their own fonts. The PNG is
 * for readers without SVG support (Word 2010/2013, many previewers). librsvg draws it with the server's fonts, and a
 * server without a CJK font (a slim container, a CI machine) would draw each Chinese label as a box of hex digits.
 * So the server is asked once what it can draw, and the PNG leaves out the labels it cannot: the bars, lines and
 * numbers stay, and the report's table beside the chart carries every name. Shipping a CJK font with the app
 * (10+ MB) to avoid that is not worth it.
 */
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { createRequire } from 'node:module';
import sharp from 'sharp';

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption>;

/** What a report draws: the ECharts option and its size in CSS pixels, which are Word's (96 to the inch). */
export type ChartSpec = { option: ChartOption; width: number; height: number };

/** The text column of an A4 report page with the office margins (8844 twips ≈ 589 px), less a little air. */
export const reportChartWidth = 580;

/**
 * 宋体 五号 (10.5 pt = 14 px) for labels; ECharts keeps its axis ticks at 小五 (12 px). The generic family lets librsvg
 * use whatever font the server has.
 */
const chartText = { fontFamily: "SimSun, 宋体, 'Songti SC', serif", fontSize: 14, color: '#333333' };

export const chartColors = { primary: '#2F6FB5', warning: '#C0392B', muted: '#8C8C8C', good: '#389E0D' };

const require = createRequire(import.meta.url);

/** The chart as a standalone SVG document on a white ground (a transparent picture turns grey in some readers). */
export function renderChart({ option, width, height }: ChartSpec) {
  // ECharts' prebuilt single-file bundle, required with the first chart: it loads in a sixth of the time its ES
  // modules take, Node reading every chart and component `echarts/charts` lists however few are used.
  const echarts = require('echarts') as typeof import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#FFFFFF', textStyle: chartText, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export type DrawableText = { han: boolean; latin: boolean };

const hanText = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF]/u;

/**
 * The SVG without the labels the rasteriser would draw as boxes: those with Chinese when it has no CJK font, all of
 * them when it has no font at all. ECharts writes each label as one `<text>` element with escaped content.
 */
export function withDrawableText(svg: string, drawable: DrawableText) {
  if (drawable.han && drawable.latin) return svg;
  return svg.replace(/<text\b[^>]*>([^<]*)<\/text>/g, (element, content: string) => (drawable.latin && !hanText.test(content) ? element : ''));
}

/**
 * Whether librsvg draws Chinese and Latin glyphs here: 一 is a flat stroke and l a tall one in any real font, while a
 * missing glyph becomes a box (with hex digits, or nearly empty when there is no font at all) of the same size.
 */
let drawableProbe: Promise<DrawableText> | undefined;
function drawableText() {
  drawableProbe ??= (async () => {
    const inkOf = async (glyph: string) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#fff"/><text x="8" y="44" font-size="40" font-family="${chartText.fontFamily}">${glyph}</text></svg>`;
      const { info } = await sharp(Buffer.from(svg)).trim().toBuffer({ resolveWithObject: true });
      return info;
    };
    const [han, latin] = await Promise.all([inkOf('一'), inkOf('l')]);
    return { han: han.width >= 3 * han.height, latin: latin.height >= 2 * latin.width };
  })();
  return drawableProbe;
}

/** The PNG for readers without SVG, at twice the size for print and zoom. */
export async function fallbackPng(svg: string) {
  return sharp(Buffer.from(withDrawableText(svg, await drawableText())), { density: 144 }).png().toBuffer();
}
