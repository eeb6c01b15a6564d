import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { errors, type Locale } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { departmentsByNames, usersByNames, withoutWhitespace, type PersonEntry } from '../org/directory.service.ts';
import { hospitalNameBook } from '../org/name-book.service.ts';
import { assertCanManageTargets, insertItems, namedItems, planRow, type ItemInput } from './plan.service.ts';
import { readPlanTable, templateHeadings, type RowProblem, type SheetRow, type TableLine } from './plan-table.ts';
import { formatTarget, metricNames } from './target-wording.ts';
import { targetItems, targetMetrics } from './targets.tables.ts';

/** A cell as the text a reader sees: rich text joined, a formula's result, a link's text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return '';
}

async function sheetRows(content: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw errors.invalidField('file', '无法读取该文件，请上传 .xlsx 格式的表格', 'Not a readable .xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw errors.invalidField('file', '表格中没有工作表', 'The workbook has no worksheet');
  const rows: SheetRow[] = [];
  // exceljs reads every cell of a merged range as the range's value: only its first cell keeps it here, so a merged
  // 科室 reads as the blank continuation rows the table means.
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) {
      const cell = row.getCell(column);
      cells.push(cell.isMerged && cell.master !== cell ? '' : cellText(cell.value));
    }
    rows.push({ row: number, cells });
  });
  return rows;
}

/** Each distinct name to one active user: a username (any case) first, else a display name held by exactly one. */
function resolvePeople(names: string[], found: PersonEntry[]) {
  const resolved = new Map<string, PersonEntry | 'unknown' | 'ambiguous' | 'disabled'>();
  for (const name of names) {
    const byUsername = found.find((u) => u.username.toLowerCase() === name.toLowerCase());
    const candidates = byUsername ? [byUsername] : found.filter((u) => u.displayName === name);
    const active = candidates.filter((u) => u.status === 'active');
    resolved.set(name, active.length === 1 ? active[0] : active.length > 1 ? 'ambiguous' : candidates.length ? 'disabled' : 'unknown');
  }
  return resolved;
}

const personProblem = (row: number, label: { zh: string; en: string }, name: string, outcome: 'unknown' | 'ambiguous' | 'disabled'): RowProblem => ({
  row,
  messages: {
    unknown: { 'zh-CN': `找不到${label.zh}“${name}”`, en: `No user “${name}” (${label.en})` },
    ambiguous: { 'zh-CN': `有多名用户叫“${name}”，请改填其用户名`, en: `Several users are called “${name}”; give the username` },
    disabled: { 'zh-CN': `${label.zh}“${name}”的账号已停用`, en: `The user “${name}” (${label.en}) is disabled` },
  }[outcome],
});

/**
 * Imports a 目标任务分解表 into a plan. A dry run answers what would be imported and every row's problems and saves
 * nothing; a real import saves every line or, if any row has a problem, none.
 */
export async function importPlanTable(db: Db, ctx: RequestContext, planId: number, content: Buffer, options: { dryRun: boolean }, locale: Locale) {
  assertCanManageTargets(ctx);
  const plan = await planRow(db, ctx, planId);
  const { lines, problems } = readPlanTable(await sheetRows(content));
  if (lines.length === 0 && problems.length === 0) problems.push({ row: 1, messages: { 'zh-CN': '表格中没有目标', en: 'The table has no targets' } });

  const departments = await departmentsByNames(db, ctx.actor.hospitalId, [...new Set(lines.map((l) => l.department))]);
  const departmentOf = new Map(departments.map((d) => [withoutWhitespace(d.name), d]));
  const names = [...new Set(lines.flatMap((l) => [l.responsible, l.supervisor].filter((n) => n !== null)))];
  const people = resolvePeople(names, await usersByNames(db, ctx.actor.hospitalId, names));
  const existing = new Set(
    (await db.select().from(targetItems).where(eq(targetItems.planId, plan.id))).map((i) => `${i.departmentId}|${i.metric}|${i.period}`),
  );

  const inputs: (ItemInput & { line: TableLine })[] = [];
  for (const line of lines) {
    const department = departmentOf.get(line.department);
    const lineProblems: RowProblem[] = [];
    if (!department) lineProblems.push({ row: line.row, messages: { 'zh-CN': `科室“${line.department}”不存在`, en: `No department “${line.department}”` } });
    else if (department.status !== 'active') lineProblems.push({ row: line.row, messages: { 'zh-CN': `科室“${line.department}”已停用`, en: `The department “${line.department}” is disabled` } });
    else if (existing.has(`${department.id}|${line.metric}|${line.period}`)) {
      lineProblems.push({ row: line.row, messages: { 'zh-CN': `计划中已有${line.department}的“${formatTarget(line)}”这一指标`, en: `The plan already has ${metricNames[line.metric].en} for ${line.department}` } });
    }
    const responsible = line.responsible === null ? null : people.get(line.responsible)!;
    const supervisor = line.supervisor === null ? null : people.get(line.supervisor)!;
    if (typeof responsible === 'string') lineProblems.push(personProblem(line.row, { zh: '责任人', en: 'responsible' }, line.responsible!, responsible));
    if (typeof supervisor === 'string') lineProblems.push(personProblem(line.row, { zh: '分管领导', en: 'supervisor' }, line.supervisor!, supervisor));
    problems.push(...lineProblems);
    if (lineProblems.length === 0 && department) {
      inputs.push({
        line,
        departmentId: department.id,
        metric: line.metric,
        target: line.target,
        period: line.period,
        note: line.note,
        responsibleUserId: responsible && typeof responsible === 'object' ? responsible.id : null,
        supervisorUserId: supervisor && typeof supervisor === 'object' ? supervisor.id : null,
      });
    }
  }

  const preview = lines.map((line) => {
    const input = inputs.find((i) => i.line === line);
    return {
      row: line.row,
      departmentName: line.department,
      departmentId: input?.departmentId ?? null,
      metric: line.metric,
      target: line.target,
      period: line.period,
      note: line.note,
      text: formatTarget(line),
      responsible: line.responsible,
      supervisor: line.supervisor,
    };
  });
  const rowErrors = problems.sort((a, b) => a.row - b.row).map((p) => ({ row: p.row, message: p.messages[locale] }));
  if (options.dryRun || rowErrors.length) return { dryRun: options.dryRun, imported: 0, errors: rowErrors, items: preview };

  await db.transaction(async (tx) => {
    await planRow(tx, ctx, plan.id, true);
    const rows = await insertItems(tx, plan.id, inputs);
    await recordAudit(tx, ctx, {
      action: 'target_plan.import',
      entityType: 'target_plan',
      entityId: plan.id,
      hospitalId: plan.hospitalId,
      after: { imported: rows.length, items: await namedItems(tx, ctx.actor.hospitalId, rows) },
    });
  });
  return { dryRun: false, imported: inputs.length, errors: [], items: preview };
}

/** The structured template: the plan's name as title, the headings, pick-lists of departments, metrics and periods. */
export async function importTemplate(db: Db, ctx: RequestContext, planId: number) {
  assertCanManageTargets(ctx);
  const plan = await planRow(db, ctx, planId);
  const { departmentNames } = await hospitalNameBook(db, ctx.actor.hospitalId);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Rongmei 融媒';
  const sheet = workbook.addWorksheet('目标任务分解表');
  const lists = workbook.addWorksheet('科室');
  const help = workbook.addWorksheet('填写说明');

  sheet.mergeCells(1, 1, 1, templateHeadings.length);
  sheet.getCell(1, 1).value = plan.name;
  sheet.getCell(1, 1).font = { bold: true, size: 16 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.getRow(2).values = [...templateHeadings];
  sheet.getRow(2).font = { bold: true };
  sheet.columns = [16, 16, 10, 8, 30, 12, 12].map((width) => ({ width }));
  sheet.views = [{ state: 'frozen', ySplit: 2 }];

  lists.getColumn(1).values = ['科室', ...[...departmentNames].sort((a, b) => a.localeCompare(b, 'zh-CN'))];
  lists.getColumn(1).width = 24;
  const metricList = `"${targetMetrics.map((m) => metricNames[m]['zh-CN']).join(',')}"`;
  for (let row = 3; row <= 302; row += 1) {
    sheet.getCell(row, 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`'科室'!$A$2:$A$${departmentNames.length + 1}`] };
    sheet.getCell(row, 2).dataValidation = { type: 'list', allowBlank: true, formulae: [metricList] };
    sheet.getCell(row, 3).dataValidation = { type: 'whole', allowBlank: true, operator: 'between', formulae: [1, 100000] };
    sheet.getCell(row, 4).dataValidation = { type: 'list', allowBlank: true, formulae: ['"年,月"'] };
  }

  help.getColumn(1).width = 100;
  help.getColumn(1).values = [
    '填写说明',
    '1. 每行一项目标：科室、指标、目标数（整数）、周期（年 或 月，空白为年）、备注（可空）、责任人与分管领导（姓名或用户名，可空）。',
    `2. 指标：${targetMetrics.map((m) => metricNames[m]['zh-CN']).join('、')}。“微博每月10条”填：指标 微博、目标数 10、周期 月。`,
    '3. 也可直接导入按“科室 | 目标数 | 责任人 | 分管领导”排版的分解表：目标数写成“22篇信息”“20（报刊新闻报道）”“微博每月10条”，同一科室的多项目标可分行书写，末行“合计”会与各科室之和核对。',
    '4. 科室须与系统中的科室名称一致；导入前先预览，有任何一行出错则不导入。',
  ];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
