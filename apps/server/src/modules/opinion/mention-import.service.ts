import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Db } from '../../platform/db/database.ts';
import { errors, type Locale } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { ingestMentions, maxBatch, type IngestDeps } from './ingestion.service.ts';
import { contentId, type MentionInput } from './mention-input.ts';
import { assertManagesOpinion } from './opinion.policy.ts';
import { sourceRow } from './source.service.ts';

/** The mention fields a spreadsheet column can fill. */
export const importFields = ['id', 'title', 'text', 'url', 'author', 'published_at', 'reposts', 'comments', 'likes'] as const;
export type ImportField = (typeof importFields)[number];
/** Each field's column (0-based), or absent. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

export const maxImportRows = 20_000;
const sampleRows = 5;

/** Headings vendors' and officers' exports use for each field (舆情系统导出, 微博导出, hand-made sheets). */
const headingWords: Record<ImportField, string[]> = {
  id: ['id', '编号', '序号', '信息id', '文章id', '帖子id', '微博id', 'mid', '唯一标识', 'externalid'],
  title: ['标题', '主题', 'title', '文章标题', '帖子标题'],
  text: ['正文', '内容', '摘要', 'text', 'content', '全文', '微博内容', '原文', '描述'],
  url: ['链接', '网址', 'url', '原文链接', '地址', 'link', '来源链接'],
  author: ['作者', '发布者', '博主', '账号', '昵称', '用户名', '发布人', 'author', '来源账号'],
  published_at: ['发布时间', '时间', '日期', '发文时间', '发帖时间', 'publishedat', 'published_at', 'date', 'time', '发布日期'],
  reposts: ['转发', '转发数', '转发量', 'reposts', 'shares', '分享数'],
  comments: ['评论', '评论数', '评论量', 'comments', '回复数'],
  likes: ['点赞', '点赞数', '赞', 'likes', '点赞量'],
};

const headingKey = (text: string) => text.toLowerCase().replace(/[\s_\-（）()【】[\]:：]/g, '');

/** The column each field most likely is in, from the headings: an exact heading first, then one that contains it. */
export function suggestMapping(headers: string[]): ColumnMapping {
  const keys = headers.map(headingKey);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};
  for (const exact of [true, false]) {
    for (const field of importFields) {
      if (mapping[field] !== undefined) continue;
      const words = headingWords[field].map(headingKey);
      const column = keys.findIndex((k, i) => !taken.has(i) && k !== '' && words.some((w) => (exact ? k === w : w.length > 1 && k.includes(w))));
      if (column >= 0) {
        mapping[field] = column;
        taken.add(column);
      }
    }
  }
  return mapping;
}

export type Table = { headers: string[]; rows: { row: number; cells: string[] }[] };

/**
 * A cell as text. exceljs gives a date cell's wall-clock time as if it were UTC: it is written back without a zone,
 * so it is read in China time like any other zone-less time.
 */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return String(value.hyperlink ?? '');
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return '';
}

async function readXlsx(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw errors.invalidField('file', '无法读取该文件，请上传 .xlsx 或 .csv 表格', 'Not a readable .xlsx workbook or .csv file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw errors.invalidField('file', '表格中没有工作表', 'The workbook has no worksheet');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) cells.push(cellText(row.getCell(column).value).trim());
    rows[number - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8; otherwise GB18030, which is what Excel saves in China. */
function decodeCsv(content: Buffer): string {
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) return content.subarray(3).toString('utf8');
  if (content[0] === 0xff && content[1] === 0xfe) return iconv.decode(content.subarray(2), 'utf16le');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return iconv.decode(content, 'gb18030');
  }
}

/** RFC 4180 CSV (quoted fields, doubled quotes, newlines in quotes); a tab-separated export is read as such. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const separator = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.map((r) => r.map((cell) => cell.trim()));
}

/** The first non-empty row is the headings; the rest are data, numbered as the spreadsheet numbers them. */
export async function readTable(fileName: string, content: Buffer): Promise<Table> {
  const isXlsx = content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (!isXlsx && /\.xlsx?$/i.test(fileName)) throw errors.invalidField('file', '无法读取该文件，请上传 .xlsx 或 .csv 表格', 'Not a readable .xlsx workbook or .csv file');
  const grid = isXlsx ? await readXlsx(content) : parseCsv(decodeCsv(content));
  const headerIndex = grid.findIndex((cells) => cells.some((c) => c !== ''));
  if (headerIndex < 0) throw errors.invalidField('file', '表格是空的', 'The table is empty');
  const rows = grid
    .map((cells, i) => ({ row: i + 1, cells }))
    .slice(headerIndex + 1)
    .filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length > maxImportRows) throw errors.invalidField('file', `一次最多导入 ${maxImportRows} 行`, `At most ${maxImportRows} rows per import`);
  return { headers: grid[headerIndex], rows };
}

/** Step 1 of the wizard: the headings, a few rows and the suggested mapping; nothing is saved. */
export async function previewImport(ctx: RequestContext, file: { name: string; content: Buffer }) {
  assertManagesOpinion(ctx.actor);
  const table = await readTable(file.name, file.content);
  return {
    fileName: file.name,
    headers: table.headers,
    sample: table.rows.slice(0, sampleRows).map((r) => r.cells),
    rowCount: table.rows.length,
    suggestedMapping: suggestMapping(table.headers),
  };
}

function assertMapping(mapping: ColumnMapping, columns: number) {
  for (const [field, column] of Object.entries(mapping)) {
    if (!importFields.includes(field as ImportField)) throw errors.invalidField(`mapping.${field}`, `未知字段 ${field}`, `Unknown field ${field}`);
    if (!Number.isInteger(column) || column! < 0 || column! >= columns) throw errors.invalidField(`mapping.${field}`, '列号超出表格范围', 'No such column');
  }
  if (mapping.title === undefined && mapping.text === undefined) {
    throw errors.invalidField('mapping.text', '请至少为“标题”或“正文”选择一列', 'Map at least the title or the text');
  }
}

/**
 * Step 2: every row becomes a mention of the import source through the one ingestion path. Without an id column a row's
 * id is derived from its content, so importing the same file twice adds nothing. Bad rows are reported by row number.
 */
export async function importMentions(db: Db, deps: IngestDeps, ctx: RequestContext, input: { sourceId: number; mapping: ColumnMapping; file: { name: string; content: Buffer } }, locale: Locale) {
  assertManagesOpinion(ctx.actor);
  const source = await sourceRow(db, ctx.actor.hospitalId, input.sourceId);
  if (source.kind !== 'import') throw errors.invalidField('sourceId', '请选择“导入”类型的来源', 'Choose a source of kind import');
  const table = await readTable(input.file.name, input.file.content);
  assertMapping(input.mapping, Math.max(table.headers.length, ...table.rows.map((r) => r.cells.length)));
  const cell = (cells: string[], field: ImportField) => {
    const column = input.mapping[field];
    return column === undefined ? undefined : (cells[column] ?? '');
  };
  const mentionsOf = table.rows.map(({ cells }): MentionInput => {
    const fields = Object.fromEntries(importFields.map((f) => [f, cell(cells, f)]));
    return { ...fields, id: fields.id || contentId([fields.url, fields.title, fields.text, fields.published_at, fields.author]) };
  });
  const totals = { received: table.rows.length, inserted: 0, duplicates: 0, errors: [] as { row: number; message: string }[] };
  for (let start = 0; start < mentionsOf.length; start += maxBatch) {
    const result = await ingestMentions(db, deps, source.id, mentionsOf.slice(start, start + maxBatch));
    totals.inserted += result.inserted;
    totals.duplicates += result.duplicates;
    totals.errors.push(...result.errors.map((e) => ({ row: table.rows[start + e.index].row, message: e.messages[locale] })));
  }
  await db.transaction(async (tx) => {
    await recordAudit(tx, ctx, {
      action: 'opinion_source.import',
      entityType: 'opinion_source',
      entityId: source.id,
      hospitalId: source.hospitalId,
      after: { fileName: input.file.name, mapping: input.mapping, received: totals.received, inserted: totals.inserted, duplicates: totals.duplicates, errors: totals.errors.length },
    });
  });
  return totals;
}
