import { normalizeForMatching } from '../../../../../../packages/text/src/index.ts';
import { findingCategories, severities, type FindingCategory, type LexiconEntryInput, type Severity } from './compliance-types.ts';

export type LexiconRejectReason = 'empty_term' | 'term_too_long' | 'single_ascii_char' | 'unknown_category' | 'unknown_severity' | 'invalid_json' | 'no_term';

export type RejectedLine = { line: number; text: string; reason: LexiconRejectReason };

export type ParsedLexiconFile = { entries: LexiconEntryInput[]; rejected: RejectedLine[]; duplicates: number };

type Defaults = { category: FindingCategory; severity: Severity };

/** A row as read from any format, before validation; a reader that already knows it is bad says why. */
type Row = { line: number; text: string; term: string; category?: string; severity?: string; rule?: string; suggestion?: string; note?: string; problem?: LexiconRejectReason };

const maxTermLength = 50;

/** The numeric tags of houbb/sensitive-word's word → tags file. */
const houbbTags: Record<string, string> = { '0': '政治', '1': '毒品', '2': '色情', '3': '赌博', '4': '违法' };

const tagLine = /^\S+ [^\s,]+(?:,[^\s,]+)*$/;

/** A format is the file's when at least this share of its lines reads as it. */
const formatMajority = 0.9;

type Column = 'term' | 'category' | 'severity' | 'rule' | 'suggestion' | 'note';

const headerNames: Record<string, Column> = {
  term: 'term', word: 'term', keyword: 'term', 词: 'term', 词条: 'term', 敏感词: 'term',
  category: 'category', 类别: 'category', 分类: 'category',
  severity: 'severity', 级别: 'severity', 等级: 'severity',
  rule: 'rule', 依据: 'rule', 来源: 'rule',
  suggestion: 'suggestion', 建议: 'suggestion', 替换: 'suggestion',
  note: 'note', 备注: 'note', 说明: 'note',
};
const positionalColumns: Column[] = ['term', 'category', 'severity', 'rule', 'suggestion', 'note'];

/**
 * Reads a lexicon file of any of the formats editors bring: plain text (one term a line), CSV
 * (term,category,severity[,rule,suggestion,note], header optional), houbb's "word tag1,tag2" lines, and JSON
 * (an array of strings or of {term|word, …} objects, or an object holding such an array as words or terms).
 * Blank lines and # comments are skipped. Lines count from 1; for JSON, the line is the item's place in its list.
 */
export function parseLexiconFile(fileName: string, content: string, defaults: Defaults): ParsedLexiconFile {
  const text = content.replace(/^\uFEFF/, '');
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  const trimmed = text.trimStart();
  const rows = extension === 'json' || trimmed.startsWith('[') || trimmed.startsWith('{') ? jsonRows(text) : textRows(text, extension === 'csv');
  if ('rejected' in rows) return { entries: [], rejected: [rows.rejected], duplicates: 0 };

  const entries: LexiconEntryInput[] = [];
  const rejected: RejectedLine[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const row of rows) {
    const reason = problemOf(row);
    if (reason) {
      rejected.push({ line: row.line, text: row.text, reason });
      continue;
    }
    const key = normalizeForMatching(row.term).text;
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    entries.push({
      term: row.term,
      category: (row.category || defaults.category) as FindingCategory,
      severity: (row.severity || defaults.severity) as Severity,
      rule: row.rule || `词库：${fileName}`,
      suggestion: row.suggestion || null,
      note: row.note || null,
    });
  }
  return { entries, rejected, duplicates };
}

function problemOf(row: Row): LexiconRejectReason | null {
  if (row.problem) return row.problem;
  if (!row.term) return 'empty_term';
  if ([...row.term].length > maxTermLength) return 'term_too_long';
  if (row.term.length === 1 && row.term.charCodeAt(0) < 0x80) return 'single_ascii_char';
  if (row.category && !(findingCategories as readonly string[]).includes(row.category)) return 'unknown_category';
  if (row.severity && !(severities as readonly string[]).includes(row.severity)) return 'unknown_severity';
  return null;
}

function dataLines(text: string): { line: number; text: string }[] {
  return text
    .split(/\r\n|\n|\r/)
    .map((raw, i) => ({ line: i + 1, text: raw.trim() }))
    .filter((l) => l.text && !l.text.startsWith('#'));
}

function textRows(text: string, isCsv: boolean): Row[] {
  const lines = dataLines(text);
  const share = (test: (s: string) => boolean) => lines.filter((l) => test(l.text)).length / Math.max(1, lines.length);
  if (isCsv || share((s) => s.includes(',') && !tagLine.test(s)) >= formatMajority) return csvRows(lines);
  if (share((s) => tagLine.test(s)) >= formatMajority) return lines.map(tagRow);
  return lines.map((l) => ({ line: l.line, text: l.text, term: l.text }));
}

/** houbb's "word tag1,tag2": every tagged word is a sensitive word; numeric tags are named in the note. */
function tagRow(l: { line: number; text: string }): Row {
  const split = l.text.lastIndexOf(' ');
  if (split < 0) return { line: l.line, text: l.text, term: l.text, category: 'sensitive' };
  const tags = l.text.slice(split + 1).split(',').map((t) => houbbTags[t] ?? t);
  return { line: l.line, text: l.text, term: l.text.slice(0, split).trim(), category: 'sensitive', note: `标签：${tags.join('、')}` };
}

function csvRows(lines: { line: number; text: string }[]): Row[] {
  if (lines.length === 0) return [];
  const first = splitCsvLine(lines[0].text).map((f) => f.toLowerCase());
  const hasHeader = first.some((name) => headerNames[name] === 'term');
  const columns = hasHeader ? first.map((name) => headerNames[name]) : positionalColumns;
  return (hasHeader ? lines.slice(1) : lines).map((l) => {
    const row: Row = { line: l.line, text: l.text, term: '' };
    splitCsvLine(l.text).forEach((value, i) => {
      const column = columns[i];
      if (column) row[column] = column === 'category' || column === 'severity' ? value.toLowerCase() : value;
    });
    return row;
  });
}

/** One CSV record on one line (RFC 4180 quoting: "a,b" and "" for a quote), fields trimmed. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && !field.trim()) quoted = true;
    else if (ch === ',') {
      fields.push(field.trim());
      field = '';
    } else field += ch;
  }
  fields.push(field.trim());
  return fields;
}

function jsonRows(text: string): Row[] | { rejected: RejectedLine } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { rejected: { line: 1, text: text.slice(0, 100), reason: 'invalid_json' } };
  }
  const list = Array.isArray(data) ? data : listInside(data);
  if (!list) return { rejected: { line: 1, text: text.slice(0, 100), reason: 'no_term' } };
  return list.map((item, i) => {
    const line = i + 1;
    if (typeof item === 'string') return { line, text: item, term: item.trim() };
    if (!item || typeof item !== 'object') return { line, text: String(JSON.stringify(item)), term: '', problem: 'no_term' };
    const o = item as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);
    const term = str(o.term) ?? str(o.word);
    return {
      line,
      text: JSON.stringify(item),
      term: term ?? '',
      problem: term === undefined ? 'no_term' : undefined,
      category: str(o.category),
      severity: str(o.severity),
      rule: str(o.rule),
      suggestion: str(o.suggestion),
      note: str(o.note),
    };
  });
}

/** The word list of a JSON object such as TrChat's { "lastUpdateDate": …, "words": [ … ] }. */
function listInside(data: unknown): unknown[] | null {
  if (!data || typeof data !== 'object') return null;
  const o = data as Record<string, unknown>;
  const list = o.words ?? o.terms;
  return Array.isArray(list) ? list : null;
}
