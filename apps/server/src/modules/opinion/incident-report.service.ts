/**
 * 复盘报告 as .docx, in the targets module's manner (official-document fonts, tables, a chart under the figures it
 * draws): what happened, the timeline, the tasks, whether the deadlines were kept, the response, the repair measure
 * and the lessons.
 */
import type { Db } from '../../platform/db/database.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import type { articleStatuses } from '../content/content.tables.ts';
import { getIncident, type IncidentDetail } from './incident.service.ts';
import { repairMeasure, type RepairMeasure, type RepairWindow } from './incident-repair.service.ts';
import { repairChart } from './repair-chart.ts';
import { levelNames, stageNames, type IncidentLevel, type IncidentStage } from './incident-stages.ts';
import type { IncidentEventKind } from './incidents.tables.ts';
import { beijingTime } from './notify/alert-message.ts';
import { bodyFont, halfPoints, loadReportKit, titleFont } from '../../platform/office-report.ts';


const eventNames: Record<IncidentEventKind, string> = {
  created: '立案',
  updated: '修改事件信息',
  stage_changed: '阶段转换',
  cluster_linked: '关联舆情话题',
  cluster_unlinked: '移除舆情话题',
  mention_linked: '关联舆情信息',
  mention_unlinked: '移除舆情信息',
  alert_linked: '接管预警',
  task_added: '布置任务',
  task_updated: '调整任务',
  task_done: '完成任务',
  task_reopened: '重新打开任务',
  task_removed: '撤销任务',
  note: '备注/批示',
  response_drafted: '起草回应口径',
  response_submitted: '回应稿提交审核',
  first_response_overdue: '首次回应超时',
  stage_overdue: '阶段超时',
  escalated: '升级报告领导',
  escalation_notified: '已通知领导',
};

const articleStatusNames: Record<(typeof articleStatuses)[number], string> = { draft: '草稿', in_review: '审核中', returned: '已退回', rejected: '未通过', approved: '审核通过' };

const time = (at: string | null) => (at ? beijingTime(new Date(at)) : '—');
const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

/** What an event says on its row: the stage move, or its note. */
function eventText(e: IncidentDetail['events'][number]) {
  if (e.kind === 'stage_changed') {
    const { from, to } = e.data as { from: IncidentStage; to: IncidentStage };
    return `${stageNames[from]} → ${stageNames[to]}${e.note ? `（${e.note}）` : ''}`;
  }
  return e.note ?? '';
}

/** Each stage the incident went through, with its deadline and whether it was kept. */
function stageRows(incident: IncidentDetail) {
  const rows = incident.events
    .filter((e) => e.kind === 'stage_changed')
    .map((e) => {
      const { left, at } = e.data as { at: string; left: { stage: IncidentStage; enteredAt: string; dueAt: string | null; met: boolean } };
      return [stageNames[left.stage], time(left.enteredAt), time(left.dueAt), time(at), left.met ? '按时' : '超时'];
    });
  if (incident.stage !== 'closed') rows.push([stageNames[incident.stage], time(incident.stageEnteredAt), time(incident.stageDueAt), '（进行中）', incident.stageOverdue ? '已超时' : '未超时']);
  return rows;
}

function firstResponseVerdict(incident: IncidentDetail) {
  if (incident.respondedAt) return incident.firstResponseMet ? '按时回应' : '超时回应';
  if (incident.firstResponseOverdue) return '超时未回应';
  return incident.stage === 'closed' || incident.stage === 'repaired' || incident.stage === 'reviewed' ? '未公开回应' : '尚未回应';
}

function repairVerdict(measure: RepairMeasure) {
  if (!measure.responseAt) return '事件尚未回应，无法评估修复效果。';
  if (measure.improved === null) return '回应前窗口内没有相关信息，无法比较。';
  return measure.improved ? '回应后信息量下降且负面占比未上升，舆情趋于平稳。' : '回应后信息量或负面占比未见下降，需继续关注。';
}

export async function incidentReport(db: Db, ctx: RequestContext, id: number, now: Date = new Date()) {
  const incident = await getIncident(db, ctx, id);
  const measure = await repairMeasure(db, ctx, id, {}, now);
  const { docx, text, cell, table: kitTable, heading, paragraph, figure } = await loadReportKit();
  const { AlignmentType, Document, Packer, Paragraph, TextRun } = docx;

  const title = `${incident.title}舆情事件复盘报告`;
  const table: typeof kitTable = (header, rows) => kitTable(header, rows, { emptyRow: true });
  const labelled = (label: string, value: string) =>
    new Paragraph({ spacing: { line: 28 * 20, lineRule: 'exact' }, indent: { firstLine: 640 }, children: [text(label, { size: 16, bold: true }), text(value, { size: 16 })] });
  const left = (value: string) => cell(value, { align: 'left' });

  const windows = measure.before && measure.after ? ([['回应前', measure.before], ['回应后', measure.after]] as [string, RepairWindow][]) : [];
  const chart = repairChart(measure);
  const repairFigure = chart ? await figure(chart, '图1　首次回应前后每小时信息量及负面占比') : [];
  const response = incident.response;

  const document = new Document({
    creator: 'Rongmei 融媒',
    title,
    styles: { default: { document: { run: { font: bodyFont, size: halfPoints(12) } } } },
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: title, font: titleFont, size: halfPoints(22) })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [text(`（${levelNames[incident.level as IncidentLevel]}事件 · 报告生成于 ${beijingTime(now)}）`, { size: 14 })] }),

          heading('一、事件概况'),
          labelled('事件名称：', incident.title),
          labelled('预警等级：', levelNames[incident.level as IncidentLevel]),
          labelled('责任科室：', incident.departmentName ?? `#${incident.departmentId}`),
          labelled('负责人：', incident.ownerName ?? `#${incident.ownerId}`),
          labelled('发现时间：', time(incident.discoveredAt)),
          labelled('当前状态：', incident.stage === 'closed' ? `已结案（${time(incident.closedAt)}）` : `${stageNames[incident.stage]}阶段`),
          labelled('涉及范围：', `舆情话题 ${incident.clusters.length} 个，单独关联信息 ${incident.mentionCount} 条，预警 ${incident.alerts.length} 条`),
          ...(incident.summary ? [labelled('事件概述：', incident.summary)] : []),

          heading('二、处置时间线'),
          table(['时间', '事项', '操作人', '说明'], incident.events.map((e) => [time(e.at), eventNames[e.kind], e.actorName ?? (e.actorId === null ? '系统' : `#${e.actorId}`), left(eventText(e))])),

          heading('三、处置任务'),
          table(
            ['任务', '负责人', '期限', '完成时间', '是否按时'],
            incident.tasks.map((t) => [
              left(t.title),
              t.assigneeName ?? `#${t.assigneeId}`,
              time(t.dueAt),
              time(t.doneAt),
              !t.done ? (t.overdue ? '逾期未完成' : '进行中') : t.dueAt === null || Date.parse(t.doneAt!) <= Date.parse(t.dueAt) ? '按时' : '逾期完成',
            ]),
          ),

          heading('四、时限执行情况'),
          labelled('首次回应：', `时限 ${time(incident.firstResponseDueAt)}，回应时间 ${time(incident.respondedAt)}，${firstResponseVerdict(incident)}。`),
          labelled('升级报告：', incident.escalated ? `已于 ${time(incident.escalatedAt)} 升级报告分管领导。` : '未升级。'),
          table(['阶段', '开始', '时限', '结束', '是否按时'], stageRows(incident)),

          heading('五、回应口径'),
          ...(response
            ? [
                labelled('依据口径：', `${response.statementTopic}（第 ${response.statementVersion} 版）`),
                labelled('回应标题：', response.title),
                ...response.body.split(/\n+/).filter((line) => line.trim()).map((line) => paragraph(line.trim())),
                labelled('发布流程：', response.article ? `稿件 #${response.article.id}，${articleStatusNames[response.article.status]}` : '尚未提交'),
                labelled('发布渠道：', response.publications.length ? response.publications.map((p) => `${p.channelName}（${time(p.publishedAt)}）`).join('；') : '尚未发布'),
              ]
            : [paragraph('本事件未起草回应口径。')]),

          heading('六、修复效果'),
          ...(windows.length
            ? [
                paragraph(`以首次回应时间 ${time(measure.responseAt)} 为界，比较前后各 ${measure.windowHours.toFixed(1)} 小时内相关信息。`),
                table(['时段', '信息量', '负面信息', '负面占比'], windows.map(([label, w]) => [label, String(w.volume), String(w.negative), percent(w.negativeShare)])),
                ...repairFigure,
              ]
            : []),
          paragraph(repairVerdict(measure)),

          heading('七、经验教训'),
          ...(incident.lessons.trim() ? incident.lessons.split(/\n+/).filter((line) => line.trim()).map((line) => paragraph(line.trim())) : [paragraph('（尚未填写）')]),
        ],
      },
    ],
  });
  const date = beijingTime(now).slice(0, 10);
  return { fileName: `${title}-${date}.docx`, content: await Packer.toBuffer(document) };
}
