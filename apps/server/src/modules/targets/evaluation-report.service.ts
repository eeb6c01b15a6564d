import ExcelJS from 'exceljs';
import type { Db } from '../../platform/db/database.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { metricNames } from './target-wording.ts';
import { chinaDate } from './plan-calendar.ts';
import { evaluationRow, toEvaluation } from './evaluation.service.ts';
import { scoringRule } from './scoring.ts';
import type { EvaluationKind } from './targets.tables.ts';
import { bodyFont, halfPoints, loadReportKit, titleFont } from '../../platform/office-report.ts';
import { completionChart, timeElapsed } from './evaluation-chart.ts';

const kindNames: Record<EvaluationKind, string> = { half_year: '半年考核', year_end: '年终考核' };
const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const fixed = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The snapshot as the caller may read it, with the words every export prints. */
async function reportOf(db: Db, ctx: RequestContext, planId: number, evaluationId: number) {
  const { plan, row } = await evaluationRow(db, ctx, planId, evaluationId);
  const evaluation = toEvaluation(row, ctx, 'zh-CN');
  const title = `${plan.name}${kindNames[evaluation.kind]}`;
  const last = new Date(new Date(evaluation.windowTo).getTime() - 1);
  const span = `统计区间 ${chinaDate(new Date(evaluation.windowFrom))} 至 ${chinaDate(last)}，数据截至 ${chinaDate(new Date(evaluation.asOf))}`;
  const uncounted = [...new Set(evaluation.items.filter((i) => !i.counted).map((i) => metricNames[i.metric]['zh-CN']))];
  return { evaluation, title, span, uncounted, fileStem: `${title}-${chinaDate(new Date(evaluation.asOf))}` };
}

function uncountedNote(uncounted: string[]) {
  return uncounted.length ? `${uncounted.join('、')}的计数来源（媒体报道登记）尚未上线，相关目标列出但不计分。` : '';
}

export async function evaluationWorkbook(db: Db, ctx: RequestContext, planId: number, evaluationId: number) {
  const { evaluation, title, span, uncounted, fileStem } = await reportOf(db, ctx, planId, evaluationId);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Rongmei 融媒';

  const ranking = workbook.addWorksheet('考核结果');
  ranking.columns = [8, 18, 10, 10, 12, 10].map((width) => ({ width }));
  const heading = (sheet: ExcelJS.Worksheet, columns: number) => {
    sheet.mergeCells(1, 1, 1, columns);
    sheet.getCell(1, 1).value = title;
    sheet.getCell(1, 1).font = { bold: true, size: 16 };
    sheet.getCell(1, 1).alignment = { horizontal: 'center' };
    sheet.mergeCells(2, 1, 2, columns);
    sheet.getCell(2, 1).value = span;
    sheet.getCell(2, 1).alignment = { horizontal: 'center' };
  };
  heading(ranking, 6);
  ranking.getRow(3).values = ['排名', '科室', '目标项数', '计分项数', '完成率', '得分'];
  evaluation.departments.forEach((d, index) => {
    const r = ranking.getRow(4 + index);
    r.values = [d.rank ?? '—', d.departmentName, d.items, d.counted, d.rate ?? '—', d.score ?? '—'];
    r.getCell(5).numFmt = '0.0%';
  });
  const rankingEnd = 3 + evaluation.departments.length;
  for (let r = 3; r <= rankingEnd; r += 1) ranking.getRow(r).eachCell({ includeEmpty: true }, (c) => (c.border = border));
  ranking.getRow(3).font = { bold: true };
  ranking.mergeCells(rankingEnd + 2, 1, rankingEnd + 2, 6);
  ranking.getCell(rankingEnd + 2, 1).value = `评分规则：${scoringRule['zh-CN']}${uncountedNote(uncounted)}`;
  ranking.getCell(rankingEnd + 2, 1).alignment = { wrapText: true, vertical: 'top' };
  ranking.getRow(rankingEnd + 2).height = 60;

  const details = workbook.addWorksheet('目标完成明细');
  details.columns = [16, 40, 10, 10, 10, 10].map((width) => ({ width }));
  heading(details, 6);
  details.getRow(3).values = ['科室', '目标数', '应完成', '完成数', '完成率', '计分'];
  details.getRow(3).font = { bold: true };
  evaluation.items.forEach((i, index) => {
    const r = details.getRow(4 + index);
    r.values = [i.departmentName, i.text, i.expected, i.done, i.rate, i.counted ? '是' : '否（来源未上线）'];
    r.getCell(5).numFmt = '0.0%';
  });
  for (let r = 3; r <= 3 + evaluation.items.length; r += 1) details.getRow(r).eachCell({ includeEmpty: true }, (c) => (c.border = border));
  return { fileName: `${fileStem}.xlsx`, content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}


/** 考核报告 as .docx: the ranking with a chart of the completion rates, the details, the rule. */
export async function evaluationReport(db: Db, ctx: RequestContext, planId: number, evaluationId: number) {
  const { evaluation, title, span, uncounted, fileStem } = await reportOf(db, ctx, planId, evaluationId);
  const { docx, text, cell, table, heading, paragraph, figure } = await loadReportKit();
  const { AlignmentType, Document, Packer, Paragraph, TextRun } = docx;

  const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
  const chart = completionChart(evaluation.departments, timeElapsed(evaluation));
  const completionFigure = chart ? await figure(chart, '图1　各科室目标完成率') : [];

  const document = new Document({
    creator: 'Rongmei 融媒',
    title,
    styles: { default: { document: { run: { font: bodyFont, size: halfPoints(12) } } } },
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: title, font: titleFont, size: halfPoints(22) })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [text(`（${span}）`, { size: 14 })] }),
          heading('一、科室排名与得分'),
          table(
            ['排名', '科室', '完成率', '得分'],
            evaluation.departments.map((d) => [d.rank === null ? '—' : String(d.rank), d.departmentName, percent(d.rate), d.score === null ? '—' : fixed(d.score)]),
          ),
          ...completionFigure,
          heading('二、目标完成明细'),
          table(
            ['科室', '目标数', '应完成', '完成数', '完成率'],
            evaluation.items.map((i) => [i.departmentName, cell(i.text, { align: 'left' }), fixed(i.expected), String(i.done), i.counted ? percent(i.rate) : '不计分']),
          ),
          heading('三、评分规则'),
          paragraph(scoringRule['zh-CN']),
          ...(uncounted.length ? [paragraph(uncountedNote(uncounted))] : []),
        ],
      },
    ],
  });
  return { fileName: `${fileStem}.docx`, content: await Packer.toBuffer(document) };
}
