import { fallbackPng, renderChart, type ChartSpec } from './report-charts.ts';

/** Official-document conventions, as the Q&A sheet: 仿宋 三号 body, 小标宋 二号 title, 黑体 headings. */
export const bodyFont = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
export const titleFont = { ascii: 'SimSun', eastAsia: '方正小标宋简体', hAnsi: 'SimSun' };
export const headingFont = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
export const halfPoints = (pt: number) => pt * 2;

/**
 * The building blocks of a .docx report in the office's style: body text, centred cells, a full-width table with a
 * shaded header row, headings, first-line-indented paragraphs, and a chart as a captioned figure. docx is large: it
 * loads with the first report.
 */
export async function loadReportKit() {
  const docx = await import('docx');
  const { AlignmentType, ImageRun, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } = docx;
  const text = (value: string, options: { bold?: boolean; size?: number; color?: string } = {}) =>
    new TextRun({ text: value, font: bodyFont, size: halfPoints(options.size ?? 12), bold: options.bold, color: options.color });
  const cell = (value: string, options: { bold?: boolean; fill?: string; align?: 'left' | 'center' } = {}) =>
    new TableCell({
      shading: options.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } : undefined,
      children: [new Paragraph({ alignment: options.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER, children: [text(value, { bold: options.bold })] })],
    });
  /** `emptyRow`: a row of dashes stands in for an empty table. */
  const table = (header: string[], rows: (string | InstanceType<typeof TableCell>)[][], options: { emptyRow?: boolean } = {}) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { bold: true, fill: 'E7EEF7' })) }),
        ...(rows.length || !options.emptyRow ? rows : [header.map(() => '—')]).map((r) => new TableRow({ children: r.map((c) => (typeof c === 'string' ? cell(c) : c)) })),
      ],
    });
  const heading = (value: string) => new Paragraph({ spacing: { before: 360, after: 120 }, children: [new TextRun({ text: value, font: headingFont, size: halfPoints(16) })] });
  const paragraph = (value: string) => new Paragraph({ spacing: { line: 28 * 20, lineRule: 'exact' }, indent: { firstLine: 640 }, children: [text(value, { size: 16 })] });
  /**
   * The chart centred at its own size, its caption (图1 …) under it as the office numbers figures. The picture is the
   * SVG, with a PNG for the readers that cannot show SVG; its alt text is the caption.
   */
  const figure = async (chart: ChartSpec, caption: string) => {
    const svg = renderChart(chart);
    const picture = new ImageRun({
      type: 'svg',
      data: Buffer.from(svg),
      fallback: { type: 'png', data: await fallbackPng(svg) },
      transformation: { width: chart.width, height: chart.height },
      altText: { name: caption, title: caption, description: caption },
    });
    return [
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240 }, keepNext: true, children: [picture] }),
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text(caption, { size: 10.5 })] }),
    ];
  };
  return { docx, text, cell, table, heading, paragraph, figure };
}
