import type { Locale } from '../../platform/http/errors.ts';
import { withoutWhitespace } from '../org/directory.service.ts';
import { formatTarget, metricNames, parseMetric, parsePeriod, parseTarget, periodNames } from './target-wording.ts';
import type { TargetMetric, TargetPeriod } from './targets.tables.ts';

/**
 * Reads a 目标任务分解表 from a sheet's rows, in either layout:
 * - the seed's: 科室 | 目标数 | 责任人 | 分管领导, the targets written out (22篇信息, 微博每月10条), several in one cell
 *   (one a line) or on rows below with the 科室 cell merged or left blank, and a closing 合计 row;
 *   merged cells arrive as a value in their first cell and blanks in the others;
 * - the template's: 科室 | 指标 | 目标数 | 周期 | 备注 | 责任人 | 分管领导, one target a row.
 * Columns are found by their headings, so extra columns (an export's 完成数 …) are ignored.
 */

type Messages = Record<Locale, string>;
export type SheetRow = { row: number; cells: string[] };
export type RowProblem = { row: number; messages: Messages };
export type TableLine = {
  row: number;
  department: string;
  metric: TargetMetric;
  target: number;
  period: TargetPeriod;
  note: string | null;
  responsible: string | null;
  supervisor: string | null;
};

export const templateHeadings = ['科室', '指标', '目标数', '周期', '备注', '责任人', '分管领导'] as const;

const headings: Record<keyof Omit<TableLine, 'row' | 'target'> | 'target', readonly string[]> = {
  department: ['科室', '部门', '科室名称'],
  metric: ['指标', '指标类型'],
  target: ['目标数', '目标', '目标任务', '目标数量'],
  period: ['周期'],
  note: ['备注', '说明'],
  responsible: ['责任人'],
  supervisor: ['分管领导', '分管院领导'],
};
type Column = keyof typeof headings;

const totalLabels = new Set(['合计', '总计']);
const problem = (row: number, zh: string, en: string): RowProblem => ({ row, messages: { 'zh-CN': zh, en } });

function findHeader(rows: SheetRow[]) {
  for (const candidate of rows.slice(0, 20)) {
    const names = candidate.cells.map(withoutWhitespace);
    const columns = Object.fromEntries(
      (Object.keys(headings) as Column[]).map((column) => [column, names.findIndex((name) => headings[column].includes(name))]),
    ) as Record<Column, number>;
    if (columns.department >= 0 && columns.target >= 0) return { row: candidate.row, columns };
  }
  return undefined;
}

/** One person a cell: a responsible person or a leader is named, or looked up by username. */
function person(row: number, text: string, label: string): string | null | RowProblem {
  const name = text.trim();
  if (!name) return null;
  if (/[、,，;；/\n]/.test(name)) return problem(row, `${label}只能填写一人：${name}`, `Only one person per cell: ${name}`);
  return name;
}

export function readPlanTable(rows: SheetRow[]): { lines: TableLine[]; problems: RowProblem[] } {
  const header = findHeader(rows);
  if (!header) return { lines: [], problems: [problem(1, '找不到表头：需要“科室”和“目标数”两列', 'No header row with the columns 科室 and 目标数')] };
  const { columns } = header;
  const cell = (r: SheetRow, column: Column) => (columns[column] >= 0 ? (r.cells[columns[column]] ?? '').trim() : '');

  const lines: TableLine[] = [];
  const totals: { row: number; metric: TargetMetric; period: TargetPeriod; target: number }[] = [];
  const problems: RowProblem[] = [];
  let current: { department: string; responsible: string | null; supervisor: string | null } | undefined;
  let inTotals = false;

  for (const r of rows.filter((r) => r.row > header.row)) {
    const department = withoutWhitespace(cell(r, 'department'));
    const targetText = cell(r, 'target');
    const metricText = cell(r, 'metric');
    // The 合计 cell may be merged over several rows, one a metric.
    if (totalLabels.has(department) || (!department && inTotals)) {
      inTotals = true;
      for (const text of targetText.split('\n').filter((t) => t.trim())) {
        const parsed = parseTarget(text);
        if ('error' in parsed) problems.push({ row: r.row, messages: parsed.error });
        else totals.push({ row: r.row, ...parsed });
      }
      continue;
    }
    // The table ends with its 合计; whatever follows (notes, signatures) is not a target.
    if (inTotals) break;
    if (!department && !targetText && !metricText) continue;

    const responsible = person(r.row, cell(r, 'responsible'), '责任人');
    const supervisor = person(r.row, cell(r, 'supervisor'), '分管领导');
    if (responsible !== null && typeof responsible === 'object') problems.push(responsible);
    if (supervisor !== null && typeof supervisor === 'object') problems.push(supervisor);
    const people = {
      responsible: typeof responsible === 'string' ? responsible : null,
      supervisor: typeof supervisor === 'string' ? supervisor : null,
    };
    // A row under a department (its cell merged or left blank) keeps the department's people unless it names its own.
    if (department) current = { department, ...people };
    else if (current) current = { department: current.department, responsible: people.responsible ?? current.responsible, supervisor: people.supervisor ?? current.supervisor };
    else {
      problems.push(problem(r.row, '未填写科室', 'No department'));
      continue;
    }
    if (!targetText) {
      problems.push(problem(r.row, '未填写目标数', 'No target'));
      continue;
    }

    const periodText = cell(r, 'period');
    const period = parsePeriod(periodText);
    if (!period) {
      problems.push(problem(r.row, `周期“${periodText}”应为“年”或“月”`, `The period “${periodText}” must be 年 (year) or 月 (month)`));
      continue;
    }
    const noteText = cell(r, 'note') || null;
    const base = { row: r.row, department: current.department, responsible: current.responsible, supervisor: current.supervisor };
    if (metricText) {
      const metric = parseMetric(metricText);
      const count = /^(\d+)\s*(篇|条|次|个)?$/.exec(targetText);
      if (!metric) problems.push(problem(r.row, `无法识别指标“${metricText}”`, `Unknown metric “${metricText}”`));
      else if (!count || Number(count[1]) < 1 || Number(count[1]) > 100_000) problems.push(problem(r.row, `目标数“${targetText}”应为 1 到 100000 的整数`, `The target “${targetText}” must be a whole number from 1 to 100000`));
      else lines.push({ ...base, metric, target: Number(count[1]), period, note: noteText });
      continue;
    }
    for (const text of targetText.split('\n').filter((t) => t.trim())) {
      const parsed = parseTarget(text);
      if ('error' in parsed) problems.push({ row: r.row, messages: parsed.error });
      else lines.push({ ...base, ...parsed, period: periodText ? period : parsed.period, note: parsed.note ?? noteText });
    }
  }

  const seen = new Map<string, number>();
  for (const line of lines) {
    const key = `${line.department}|${line.metric}|${line.period}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, line.row);
    else {
      const what = `${line.department}的${metricNames[line.metric]['zh-CN']}（${periodNames[line.period]['zh-CN']}）`;
      problems.push(problem(line.row, `${what}与第 ${first} 行重复`, `${line.department}: ${metricNames[line.metric].en} per ${line.period} repeats row ${first}`));
    }
  }
  for (const total of totals) {
    const sum = lines.filter((l) => l.metric === total.metric && l.period === total.period).reduce((s, l) => s + l.target, 0);
    if (sum !== total.target) {
      problems.push(
        problem(
          total.row,
          `合计“${formatTarget({ ...total, note: null })}”与各科室之和 ${sum} 不符`,
          `The total ${total.target} (${metricNames[total.metric].en}) does not match the departments’ sum ${sum}`,
        ),
      );
    }
  }
  return { lines, problems };
}
