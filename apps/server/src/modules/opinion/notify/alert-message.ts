/**
 * What a notification says, in Chinese (the people on the other end are the hospital's officers and leaders), once
 * for every channel; each sender renders it in its vendor's format.
 */
import { describeReason, levelNames, type AlertLevel, type TriggerReason } from '../alert-rules.ts';
import type { DeliveryPurpose } from '../alerts.tables.ts';

export type NotificationMessage = {
  purpose: DeliveryPurpose;
  level: AlertLevel | null;
  /** The first line: 【舆情预警·红色】… */
  headline: string;
  /** `href` marks a value that is a link (the original post). */
  facts: { label: string; value: string; href?: string }[];
  /** The alert or incident in the console, when the platform knows its public address. */
  link: string | null;
  /** What the link says: 查看预警, 查看事件. */
  linkLabel: string;
  alertId: number | null;
  incidentId: number | null;
  /** The machine-readable form, for the signed webhook. */
  data: Record<string, unknown>;
};

export type AlertForMessage = {
  id: number;
  level: AlertLevel;
  title: string;
  ruleName: string;
  reasons: TriggerReason[];
  mentionCount: number;
  raisedAt: Date;
  firstMention: { sourceName: string; author: string | null; url: string | null; occurredAt: Date; excerpt: string } | null;
};

const beijing = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

export const beijingTime = (at: Date) => beijing.format(at).replace(/\//g, '-');

/** The alert's page in the console, under the address the platform is reached at (PUBLIC_BASE_URL). */
export const alertConsoleUrl = (publicBaseUrl: string | null, alertId: number) =>
  publicBaseUrl ? new URL(`/opinion/alerts?alert=${alertId}`, publicBaseUrl).toString() : null;

const excerptOf = (text: string, max = 120) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].length > max ? `${[...flat].slice(0, max).join('')}…` : flat;
};

/** The first line of an alert's notification, also the delivery log's summary of it. */
export const alertHeadline = (purpose: 'alert' | 'escalation', level: AlertLevel, title: string) =>
  `【舆情预警${purpose === 'escalation' ? '升级' : ''}·${levelNames[level]['zh-CN']}】${title}`;

export function composeAlertMessage(alert: AlertForMessage, purpose: 'alert' | 'escalation', level: AlertLevel, link: string | null): NotificationMessage {
  const levelName = levelNames[level]['zh-CN'];
  const headline = alertHeadline(purpose, level, alert.title);
  const facts: NotificationMessage['facts'] = [
    { label: '预警等级', value: levelName },
    { label: '预警规则', value: alert.ruleName },
    { label: '触发原因', value: alert.reasons.map((r) => describeReason(r)['zh-CN']).join('；') },
    { label: '相关信息', value: `${alert.mentionCount} 条` },
  ];
  if (alert.firstMention) {
    const m = alert.firstMention;
    facts.push({ label: '来源', value: m.author ? `${m.sourceName} · ${m.author}` : m.sourceName });
    facts.push({ label: '发布时间', value: beijingTime(m.occurredAt) });
    if (m.excerpt) facts.push({ label: '摘要', value: excerptOf(m.excerpt) });
    if (m.url) facts.push({ label: '原文', value: m.url, href: m.url });
  }
  if (purpose === 'escalation') facts.push({ label: '说明', value: level === 4 ? '红色预警，已同步报告分管领导' : `预警发出后超时未确认，已报告分管领导（预警时间 ${beijingTime(alert.raisedAt)}）` });
  return {
    purpose,
    level,
    headline,
    facts,
    link,
    linkLabel: '查看预警',
    alertId: alert.id,
    incidentId: null,
    data: {
      alertId: alert.id,
      level,
      levelName: levelNames[level].en,
      title: alert.title,
      rule: alert.ruleName,
      reasons: alert.reasons,
      mentionCount: alert.mentionCount,
      raisedAt: alert.raisedAt.toISOString(),
      firstMention: alert.firstMention && { ...alert.firstMention, occurredAt: alert.firstMention.occurredAt.toISOString(), excerpt: excerptOf(alert.firstMention.excerpt) },
      link,
    },
  };
}

/** The incident's page in the console. */
export const incidentConsoleUrl = (publicBaseUrl: string | null, incidentId: number) =>
  publicBaseUrl ? new URL(`/opinion/incidents/${incidentId}`, publicBaseUrl).toString() : null;

export type IncidentForMessage = {
  id: number;
  level: AlertLevel;
  title: string;
  stage: string;
  reason: 'red' | 'first_response_overdue' | 'stage_overdue';
  ownerName: string | null;
  discoveredAt: Date;
  firstResponseDueAt: Date;
  escalatedAt: Date;
};

const escalationReasons: Record<IncidentForMessage['reason'], string> = {
  red: '红色事件，立即报告分管领导',
  first_response_overdue: '首次回应已超过时限，报告分管领导',
  stage_overdue: '当前阶段处置已超过时限，报告分管领导',
};

/** The first line of an incident escalation's notification, also the delivery log's summary of it. */
export const incidentEscalationHeadline = (level: AlertLevel, title: string) => `【舆情预警·事件升级·${levelNames[level]['zh-CN']}】${title}`;

/** An incident escalated to the leaders: what it is, why it escalated, who owns it, and the clock. */
export function composeIncidentEscalationMessage(incident: IncidentForMessage, link: string | null): NotificationMessage {
  const facts: NotificationMessage['facts'] = [
    { label: '事件等级', value: levelNames[incident.level]['zh-CN'] },
    { label: '升级原因', value: escalationReasons[incident.reason] },
    { label: '当前阶段', value: incident.stage },
    { label: '负责人', value: incident.ownerName ?? '未指定' },
    { label: '发现时间', value: beijingTime(incident.discoveredAt) },
    { label: '首次回应时限', value: beijingTime(incident.firstResponseDueAt) },
  ];
  return {
    purpose: 'incident_escalation',
    level: incident.level,
    // "舆情预警" is in every message: DingTalk and Feishu robots secured by keyword are set to it.
    headline: incidentEscalationHeadline(incident.level, incident.title),
    facts,
    link,
    linkLabel: '查看事件',
    alertId: null,
    incidentId: incident.id,
    data: {
      incidentId: incident.id,
      level: incident.level,
      levelName: levelNames[incident.level].en,
      title: incident.title,
      stage: incident.stage,
      reason: incident.reason,
      owner: incident.ownerName,
      discoveredAt: incident.discoveredAt.toISOString(),
      firstResponseDueAt: incident.firstResponseDueAt.toISOString(),
      escalatedAt: incident.escalatedAt.toISOString(),
      link,
    },
  };
}

/** What "send test message" sends: proves the credentials and that the group or mailbox receives it. */
export function composeTestMessage(channelName: string, at: Date): NotificationMessage {
  return {
    purpose: 'test',
    level: null,
    // "舆情预警" is in every message, test or not: DingTalk and Feishu robots secured by keyword are set to it.
    headline: `【舆情预警·测试消息】通知渠道「${channelName}」配置正确`,
    facts: [{ label: '发送时间', value: beijingTime(at) }, { label: '说明', value: '这是一条测试消息，收到即表示舆情预警可以送达。' }],
    link: null,
    linkLabel: '查看预警',
    alertId: null,
    incidentId: null,
    data: { channel: channelName, sentAt: at.toISOString() },
  };
}

/** Plain text: headline, one fact a line, the link. */
export function plainText(message: NotificationMessage): string {
  const lines = [message.headline, ...message.facts.map((f) => `${f.label}：${f.value}`)];
  if (message.link) lines.push(`${message.linkLabel}：${message.link}`);
  return lines.join('\n');
}

/** Markdown every robot renders (headings, bold, links); `color` wraps the level in the vendor's colour syntax. */
export function markdownText(message: NotificationMessage, color: (text: string, level: AlertLevel) => string = (t) => t): string {
  const lines = [`### ${escapeMarkdown(message.headline)}`];
  for (const f of message.facts) {
    const value = f.href ? `[打开原文](${linkTarget(f.href)})` : f.label === '预警等级' && message.level ? color(f.value, message.level) : escapeMarkdown(f.value);
    lines.push(`> **${f.label}**：${value}`);
  }
  if (message.link) lines.push('', `[${message.linkLabel}](${linkTarget(message.link)})`);
  return lines.join('\n');
}

/** A URL inside markdown's (…): parentheses and spaces would end it early. */
export const linkTarget = (url: string) => url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/**
 * Markdown characters in user text (a post's title) would turn into formatting or break a link; robots differ in
 * whether they honour backslash escapes, so they become their full-width forms, which read the same.
 */
const escapeMarkdown = (text: string) => text.replace(/[\\`*_[\]<>#|]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
