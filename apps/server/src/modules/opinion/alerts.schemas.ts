import { z } from 'zod';
import { bilingual } from '../../platform/http/field-messages.ts';
import { pageQuery } from '../../platform/http/pagination.ts';
import { role } from '../org/org.schemas.ts';
import { alertStatuses } from './alert-states.ts';
import { alertEventKinds, deliveryPurposes, deliveryStatuses, notificationChannelKinds } from './alerts.tables.ts';
import { mentionSchema } from './opinion.schemas.ts';

/** Request and response contracts of opinion alerts: rules, alerts, notification channels, the delivery log. */

const isoTime = z.string();
const id = z.coerce.number().int().positive();
const level = z.literal([1, 2, 3, 4]);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, bilingual('时间格式为 HH:MM（北京时间）', 'time as HH:MM, Beijing time'));
const channelIds = z.array(z.number().int().positive()).max(50);

const growth = z.object({ mentions: z.number().int().min(2).max(100_000), minutes: z.number().int().min(1).max(24 * 60), level }).strict();
const keywords = z.object({ terms: z.array(z.string().trim().min(1).max(50)).min(1).max(200), level }).strict();
const quietHours = z.object({ start: clockTime, end: clockTime }).strict();
const escalation = z.object({ afterMinutes: z.number().int().min(1).max(7 * 24 * 60), roles: z.array(role).max(8).default(['leader']), channelIds: channelIds.default([]) }).strict();
const recipients = z.object({ roles: z.array(role).max(8).default([]), channelIds: channelIds.default([]) }).strict();
const ruleStatus = z.enum(['active', 'disabled']);

export const alertRuleBody = z
  .object({
    name: z.string().trim().min(1).max(60),
    status: ruleStatus.optional(),
    minLevel: level.nullable().default(null),
    growth: growth.nullable().default(null),
    keywords: keywords.nullable().default(null),
    quietHours: quietHours.nullable().default(null),
    escalation: escalation.nullable().default(null),
    recipients: recipients.default({ roles: [], channelIds: [] }),
  })
  .strict();
export const alertRulePatch = z
  .object({
    name: z.string().trim().min(1).max(60),
    status: ruleStatus,
    minLevel: level.nullable(),
    growth: growth.nullable(),
    keywords: keywords.nullable(),
    quietHours: quietHours.nullable(),
    escalation: escalation.nullable(),
    recipients,
  })
  .partial()
  .strict();
export const alertRuleQuery = z.object({ ...pageQuery, status: ruleStatus.optional() });

export const alertRuleSchema = z.object({
  id: z.number(),
  name: z.string(),
  status: ruleStatus,
  minLevel: z.number().nullable(),
  growth: z.object({ mentions: z.number(), minutes: z.number(), level: z.number() }).nullable(),
  keywords: z.object({ terms: z.array(z.string()), level: z.number() }).nullable(),
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  escalation: z.object({ afterMinutes: z.number(), roles: z.array(z.string()), channelIds: z.array(z.number()) }).nullable(),
  recipients: z.object({ roles: z.array(z.string()), channelIds: z.array(z.number()) }),
  createdBy: z.number(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

const triggerReason = z.union([
  z.object({ kind: z.literal('level'), risk: z.number() }),
  z.object({ kind: z.literal('growth'), mentions: z.number(), minutes: z.number() }),
  z.object({ kind: z.literal('keyword'), terms: z.array(z.string()) }),
]);

export const alertStatus = z.enum(alertStatuses);

export const alertSchema = z.object({
  id: z.number(),
  ruleId: z.number(),
  ruleName: z.string(),
  clusterId: z.number().nullable(),
  status: alertStatus,
  level: z.number(),
  title: z.string(),
  reasons: z.array(triggerReason),
  mentionCount: z.number(),
  firstMentionId: z.number(),
  lastMentionAt: isoTime,
  notifiedLevel: z.number(),
  escalationDueAt: isoTime.nullable(),
  escalatedLevel: z.number(),
  escalatedAt: isoTime.nullable(),
  acknowledgedAt: isoTime.nullable(),
  acknowledgedBy: z.number().nullable(),
  closedAt: isoTime.nullable(),
  closedBy: z.number().nullable(),
  closeNote: z.string().nullable(),
  incidentId: z.number().nullable(),
  raisedAt: isoTime,
  updatedAt: isoTime,
});

export const alertQuery = z.object({
  ...pageQuery,
  status: alertStatus.optional(),
  minLevel: z.coerce.number().int().min(1).max(4).optional(),
  ruleId: id.optional(),
  clusterId: id.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  q: z.string().trim().max(100).optional(),
});

export const deliverySchema = z.object({
  id: z.number(),
  alertId: z.number().nullable(),
  incidentId: z.number().nullable(),
  channelId: z.number(),
  channelName: z.string(),
  channelKind: z.enum(notificationChannelKinds),
  purpose: z.enum(deliveryPurposes),
  level: z.number().nullable(),
  target: z.string(),
  payloadSummary: z.string(),
  status: z.enum(deliveryStatuses),
  attempts: z.number(),
  lastError: z.string().nullable(),
  responseCode: z.string().nullable(),
  nextAttemptAt: isoTime.nullable(),
  sentAt: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const alertDetailSchema = alertSchema.extend({
  mentions: z.array(mentionSchema),
  events: z.array(z.object({ id: z.number(), kind: z.enum(alertEventKinds), level: z.number(), actorId: z.number().nullable(), note: z.string().nullable(), at: isoTime })),
  deliveries: z.array(deliverySchema),
});

export const acknowledgeBody = z.object({ note: z.string().trim().max(500).optional() }).strict();
export const closeBody = z.object({ note: z.string().trim().min(1).max(500) }).strict();

const channelKind = z.enum(notificationChannelKinds);
const channelStatus = z.enum(['active', 'disabled']);
const fieldValues = z.record(z.string().regex(/^[a-zA-Z]{1,40}$/), z.string().trim().max(2000));

export const notificationChannelBody = z
  .object({ kind: channelKind, name: z.string().trim().min(1).max(60), settings: fieldValues.optional(), secrets: fieldValues.optional(), status: channelStatus.optional() })
  .strict();
export const notificationChannelPatch = z
  .object({ name: z.string().trim().min(1).max(60), settings: fieldValues, secrets: z.record(z.string().regex(/^[a-zA-Z]{1,40}$/), z.string().trim().max(2000).nullable()), status: channelStatus })
  .partial()
  .strict();
export const notificationChannelQuery = z.object({ ...pageQuery, kind: channelKind.optional(), status: channelStatus.optional() });

export const notificationChannelSchema = z.object({
  id: z.number(),
  kind: channelKind,
  name: z.string(),
  settings: z.record(z.string(), z.string()),
  /** Which secrets hold a value; the values never leave the server. */
  secretsSet: z.array(z.string()),
  target: z.string(),
  status: channelStatus,
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const notificationChannelKindsSchema = z.object({
  items: z.array(z.object({ kind: channelKind, fields: z.array(z.object({ name: z.string(), secret: z.boolean(), required: z.boolean() })) })),
});

export const deliveryQuery = z.object({
  ...pageQuery,
  alertId: id.optional(),
  incidentId: id.optional(),
  channelId: id.optional(),
  status: z.enum(deliveryStatuses).optional(),
  purpose: z.enum(deliveryPurposes).optional(),
  channelKind: channelKind.optional(),
});
