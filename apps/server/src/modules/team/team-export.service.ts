import ExcelJS from 'exceljs';
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { departmentsByIds, usersByIds } from '../org/directory.service.ts';
import { getHospital } from '../org/hospital.service.ts';
import { getCommendation } from './commendation.service.ts';
import { chinaDate, chineseDate, periodOf } from './period.ts';
import { departmentRanking, personRanking } from './points.service.ts';
import { ownDepartmentUnlessHospitalWide, teamPolicy } from './team.policy.ts';
import { pointsEntries, type PointsEntryKind } from './team.tables.ts';

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const bodyFont = { name: '宋体', size: 11 };
const kindNames: Record<PointsEntryKind, string> = { award: '计分', reversal: '冲销', adjustment: '调整' };

type Table = { name: string; title: string; subtitle: string; headings: string[]; widths: number[]; rows: (string | number)[][]; footer: string };

/**
 * A sheet as a hospital office files it: a title and the period above, a bordered table with its header repeated
 * on every printed A4 page, and who made it below.
 */
function addTable(workbook: ExcelJS.Workbook, table: Table) {
  const sheet = workbook.addWorksheet(table.name, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3', horizontalCentered: true },
  });
  const width = table.headings.length;
  sheet.columns = table.widths.map((w) => ({ width: w }));
  sheet.mergeCells(1, 1, 1, width);
  Object.assign(sheet.getCell(1, 1), { value: table.title, font: { name: '黑体', size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } });
  sheet.getRow(1).height = 30;
  sheet.mergeCells(2, 1, 2, width);
  Object.assign(sheet.getCell(2, 1), { value: table.subtitle, font: bodyFont, alignment: { horizontal: 'center' } });
  const header = sheet.getRow(3);
  header.values = table.headings;
  header.font = { ...bodyFont, bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle' };
  table.rows.forEach((values, index) => {
    const row = sheet.getRow(4 + index);
    row.values = values;
    row.font = bodyFont;
  });
  for (let r = 3; r < 4 + table.rows.length; r += 1) sheet.getRow(r).eachCell({ includeEmpty: true }, (cell) => (cell.border = border));
  const footer = 5 + table.rows.length;
  sheet.mergeCells(footer, 1, footer, width);
  Object.assign(sheet.getCell(footer, 1), { value: table.footer, font: bodyFont, alignment: { horizontal: 'right' } });
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
}

const madeBy = (ctx: RequestContext, now: Date) => `制表：${ctx.actor.displayName}　　制表日期：${chineseDate(chinaDate(now))}`;

/**
 * The rankings of a period as one workbook: people (one's own department outside the hospital-wide roles),
 * departments, and the ledger lines behind them (one's own outside those roles), for paying 稿费 and for 通报.
 */
export async function rankingWorkbook(db: Db, ctx: RequestContext, query: { from?: string; to?: string }, now = new Date()) {
  const period = periodOf(query, now);
  const hospital = await getHospital(db, ctx);
  const own = ownDepartmentUnlessHospitalWide(ctx.actor);
  const people = await personRanking(db, ctx.actor.hospitalId, period, own);
  const departments = await departmentRanking(db, ctx.actor.hospitalId, period);
  const entries = await db
    .select()
    .from(pointsEntries)
    .where(
      and(
        eq(pointsEntries.hospitalId, ctx.actor.hospitalId),
        gte(pointsEntries.occurredAt, period.start),
        lt(pointsEntries.occurredAt, period.end),
        teamPolicy.seesWholeHospital(ctx.actor) ? undefined : eq(pointsEntries.userId, ctx.actor.userId),
      ),
    )
    .orderBy(asc(pointsEntries.occurredAt), asc(pointsEntries.id));
  const names = new Map((await usersByIds(db, ctx.actor.hospitalId, [...new Set(entries.map((e) => e.userId))])).map((p) => [p.id, p.displayName]));
  const departmentNames = new Map((await departmentsByIds(db, ctx.actor.hospitalId, [...new Set(entries.map((e) => e.departmentId))])).map((d) => [d.id, d.name]));
  const span = `统计区间：${chineseDate(period.from)}至${chineseDate(period.to)}`;

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Rongmei 融媒';
  addTable(workbook, {
    name: '个人积分排名',
    title: `${hospital.fullName}宣传工作积分排名（个人）`,
    subtitle: span,
    headings: ['名次', '姓名', '科室', '积分', '计分条目'],
    widths: [8, 14, 24, 10, 10],
    rows: people.map((r) => [r.rank, r.displayName!, r.departmentName, r.points, r.entries]),
    footer: madeBy(ctx, now),
  });
  addTable(workbook, {
    name: '科室积分排名',
    title: `${hospital.fullName}宣传工作积分排名（科室）`,
    subtitle: span,
    headings: ['名次', '科室', '积分', '得分人数', '计分条目'],
    widths: [8, 24, 10, 10, 10],
    rows: departments.map((r) => [r.rank, r.departmentName, r.points, r.people!, r.entries]),
    footer: madeBy(ctx, now),
  });
  addTable(workbook, {
    name: '积分明细',
    title: `${hospital.fullName}宣传工作积分明细`,
    subtitle: span,
    headings: ['日期', '姓名', '科室', '积分', '类别', '事由'],
    widths: [12, 12, 20, 8, 8, 60],
    rows: entries.map((e) => [chinaDate(e.occurredAt), names.get(e.userId) ?? '', departmentNames.get(e.departmentId) ?? '', e.points, kindNames[e.kind], e.reason]),
    footer: madeBy(ctx, now),
  });
  return { fileName: `宣传积分排名-${period.from}至${period.to}.xlsx`, content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

/** 年度优秀通讯员名单 as confirmed, with how it was drawn up and who confirmed it. */
export async function commendationWorkbook(db: Db, ctx: RequestContext, id: number) {
  const commendation = await getCommendation(db, ctx, id);
  const hospital = await getHospital(db, ctx);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Rongmei 融媒';
  addTable(workbook, {
    name: '优秀通讯员名单',
    title: `${hospital.fullName}${commendation.title}名单`,
    subtitle: `根据${commendation.year}年度宣传积分排名产生：通讯员积分前${commendation.topN}名且不少于${commendation.minPoints}分${commendation.note ? `。${commendation.note}` : ''}`,
    headings: ['序号', '姓名', '科室', '年度积分', '积分名次'],
    widths: [8, 14, 24, 12, 10],
    rows: commendation.items.map((item, index) => [index + 1, item.displayName, item.departmentName, item.points, item.rank]),
    footer: `宣传部确认：${commendation.confirmedByName}　　确认日期：${chineseDate(chinaDate(new Date(commendation.confirmedAt)))}`,
  });
  return { fileName: `${commendation.title}名单.xlsx`, content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
