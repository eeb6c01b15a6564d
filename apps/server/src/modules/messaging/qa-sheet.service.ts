import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { errors } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { statements } from './messaging.tables.ts';
import { effectiveStatus } from './statement.service.ts';

/** Chinese official-document conventions: 仿宋 三号 (16 pt) body, 小标宋 二号 (22 pt) title, 28 pt line spacing. */
const bodyFont = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
const titleFont = { ascii: 'SimSun', eastAsia: '方正小标宋简体', hAnsi: 'SimSun' };
const halfPoints = (pt: number) => pt * 2;
const lineSpacing = { line: 28 * 20, lineRule: 'exact' as const };

type DocxModule = typeof import('docx');

function labelled({ Paragraph, TextRun }: DocxModule, label: string, text: string) {
  return new Paragraph({
    spacing: lineSpacing,
    // Two 16-pt characters, in twentieths of a point: the customary 首行缩进两字.
    indent: { firstLine: 640 },
    children: [
      new TextRun({ text: label, bold: true, font: bodyFont, size: halfPoints(16) }),
      new TextRun({ text, font: bodyFont, size: halfPoints(16) }),
    ],
  });
}

/** 问答口径: the spokesperson's preparation sheet, one question-and-answer per approved statement, as a .docx. */
export async function buildQaSheet(db: Db, ctx: RequestContext, input: { title: string; statementIds: number[] }, today: string) {
  // docx is large and only needed here.
  const docx = await import('docx');
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } = docx;
  const ids = [...new Set(input.statementIds)];
  const rows = await db.select().from(statements).where(and(eq(statements.hospitalId, ctx.actor.hospitalId), inArray(statements.id, ids)));
  const usable = new Map(rows.filter((r) => effectiveStatus(r, today) === 'approved').map((r) => [r.id, r]));
  const refused = ids.filter((id) => !usable.has(id));
  if (refused.length) {
    throw errors.invalidField('statementIds', `以下口径不存在或未处于已批准状态：${refused.join('、')}`, `Not found or not currently approved: ${refused.join(', ')}`);
  }
  const sections = ids.map((id) => usable.get(id)!).flatMap((s, index) => [
    new Paragraph({
      spacing: { ...lineSpacing, before: 240 },
      children: [new TextRun({ text: `${index + 1}. 问：${s.topic}`, bold: true, font: { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' }, size: halfPoints(16) })],
    }),
    labelled(docx, '答：', s.wording),
    ...(s.facts ? [labelled(docx, '关键事实与数据：', s.facts)] : []),
    labelled(docx, '有效期：', `${s.validFrom ?? '—'} 至 ${s.validTo ?? '长期'}（第 ${s.version} 版）`),
  ]);
  const document = new Document({
    creator: 'Rongmei 融媒',
    title: input.title,
    styles: { default: { document: { run: { font: bodyFont, size: halfPoints(16) } } } },
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: input.title, font: titleFont, size: halfPoints(22) })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: `（${today.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_m, y, mo, d) => `${y}年${Number(mo)}月${Number(d)}日`)}）`, font: bodyFont, size: halfPoints(16) })],
          }),
          ...sections,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
