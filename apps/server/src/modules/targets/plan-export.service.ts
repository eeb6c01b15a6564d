import ExcelJS from 'exceljs';
import type { Db } from '../../platform/db/database.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { chinaDate } from './plan-calendar.ts';
import { planProgress, type ProgressLine } from './progress.service.ts';

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const behindFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };
const headings = ['科室', '目标数', '责任人', '分管领导', '完成数', '应完成（按时间进度）', '完成率', '进度'];

/** Consecutive rows of one department share its merged 科室 cell, as in the seed table. */
function groupByDepartment(lines: ProgressLine[]) {
  const groups = new Map<number, ProgressLine[]>();
  for (const line of lines) groups.set(line.departmentId, [...(groups.get(line.departmentId) ?? []), line]);
  return [...groups.values()];
}

const standing = (l: { sourceAvailable: boolean; behind?: boolean }) => (!l.sourceAvailable ? '计数来源未上线' : l.behind ? '落后' : '正常');

/**
 * The plan as the seed's 目标任务分解表 (科室 | 目标数 | 责任人 | 分管领导, 合计 at the foot) with progress columns;
 * it imports back into another plan unchanged.
 */
export async function exportPlan(db: Db, ctx: RequestContext, planId: number, now = new Date()) {
  const progress = await planProgress(db, ctx, planId, now);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Rongmei 融媒';
  const sheet = workbook.addWorksheet('目标任务分解表');
  sheet.columns = [16, 40, 12, 12, 10, 14, 10, 14].map((width) => ({ width }));

  sheet.mergeCells(1, 1, 1, headings.length);
  sheet.getCell(1, 1).value = progress.plan.name;
  sheet.getCell(1, 1).font = { bold: true, size: 16 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, headings.length);
  sheet.getCell(2, 1).value = `统计截至 ${chinaDate(new Date(progress.asOf))}，全年时间进度 ${(progress.elapsed * 100).toFixed(1)}%`;
  sheet.getCell(2, 1).alignment = { horizontal: 'center' };
  const header = sheet.getRow(3);
  header.values = headings;
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };

  let row = 4;
  const addRows = (label: string, entries: { text: string; responsible: string; supervisor: string; done: number; expected: number; rate: number; standing: string; behind: boolean }[]) => {
    const first = row;
    for (const entry of entries) {
      const r = sheet.getRow(row);
      r.values = [label, entry.text, entry.responsible, entry.supervisor, entry.done, entry.expected, entry.rate, entry.standing];
      r.getCell(7).numFmt = '0.0%';
      if (entry.behind) r.eachCell((c) => (c.fill = behindFill));
      row += 1;
    }
    if (entries.length > 1) sheet.mergeCells(first, 1, row - 1, 1);
    sheet.getCell(first, 1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  for (const lines of groupByDepartment(progress.items)) {
    addRows(
      lines[0].departmentName,
      lines.map((l) => ({ text: l.text, responsible: l.responsibleName ?? '', supervisor: l.supervisorName ?? '', done: l.done, expected: l.expected, rate: l.rate, standing: standing(l), behind: l.behind })),
    );
  }
  addRows(
    '合计',
    progress.totals.map((t) => ({ text: t.text, responsible: '', supervisor: '', done: t.done, expected: t.expected, rate: t.rate, standing: t.sourceAvailable ? '' : standing(t), behind: false })),
  );
  for (let r = 3; r < row; r += 1) sheet.getRow(r).eachCell({ includeEmpty: true }, (c) => (c.border = border));
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  return { fileName: `${progress.plan.name}-${chinaDate(new Date(progress.asOf))}.xlsx`, content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
