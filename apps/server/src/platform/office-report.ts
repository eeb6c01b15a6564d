/** Official-document conventions, as the Q&A sheet: 仿宋 三号 body, 小标宋 二号 title, 黑体 headings. */
export const bodyFont = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
export const titleFont = { ascii: 'SimSun', eastAsia: '方正小标宋简体', hAnsi: 'SimSun' };
export const headingFont = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
export const halfPoints = (pt: number) => pt * 2;

/**
 * The building blocks of a .docx report in the office's style: body text, centred cells, a full-width table with a
 * shaded header row, headings, first-line-indented paragraphs, and a bar of blocks any Word or WPS shows without an
 * image renderer on the server. docx is large: it loads with the first report.
 */
export async function loadReportKit() {
  const docx = await import('docx');
  const { AlignmentType, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } = docx;
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
  const bar = (blocks: number, color: string) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: '█'.repeat(blocks), color, size: halfPoints(10) })] })] });
  return { docx, text, cell, table, heading, paragraph, bar };
}
