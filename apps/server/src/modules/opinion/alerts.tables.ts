import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import type { Role } from '../org/roles.ts';
import type { AlertRuleSpec, TriggerReason } from './alert-rules.ts';
import { alertStatuses } from './alert-states.ts';
import { incidents } from './incidents.tables.ts';
import { mentions } from './opinion.tables.ts';

export const notificationChannelKinds = ['wecom', 'dingtalk', 'feishu', 'email', 'webhook'] as const;
export type NotificationChannelKind = (typeof notificationChannelKinds)[number];

export type AlertRecipients = { roles: Role[]; channelIds: number[] };

/** 预警规则: when a mention or a growing cluster raises an alert, and who is told. */
export const alertRules = pgTable(
  'alert_rule',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    minLevel: smallint('min_level'),
    growth: jsonb('growth').$type<AlertRuleSpec['growth']>(),
    keywords: jsonb('keywords').$type<AlertRuleSpec['keywords']>(),
    quietHours: jsonb('quiet_hours').$type<AlertRuleSpec['quietHours']>(),
    escalation: jsonb('escalation').$type<AlertRuleSpec['escalation']>(),
    recipients: jsonb('recipients').$type<AlertRecipients>().notNull(),
    createdBy: integer('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('alert_rule_hospital_name_uq').on(t.hospitalId, t.name)],
);

/**
 * 预警: one per rule and cluster while it is live (open, acknowledged, or taken over by an incident); later mentions
 * of the cluster join it and may raise its level. A mention without a cluster is a cluster of its own.
 */
export const alerts = pgTable(
  'alert',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    ruleId: integer('rule_id').notNull().references(() => alertRules.id),
    // No foreign key: clusters belong to the ingestion side, which may merge them; the alert keeps what it saw.
    clusterId: integer('cluster_id'),
    /** `c<cluster id>`, or `m<mention id>` for a mention without a cluster: what de-duplication is keyed on. */
    groupKey: text('group_key').notNull(),
    status: text('status', { enum: alertStatuses }).notNull().default('open'),
    level: smallint('level').notNull(),
    title: text('title').notNull(),
    /** Why it was raised and what raised it since, newest last. */
    reasons: jsonb('reasons').$type<TriggerReason[]>().notNull(),
    mentionCount: integer('mention_count').notNull().default(0),
    firstMentionId: integer('first_mention_id').notNull(),
    lastMentionAt: timestamp('last_mention_at', { withTimezone: true }).notNull(),
    /** The highest level the rule's recipients were told of. */
    notifiedLevel: smallint('notified_level').notNull().default(0),
    escalationDueAt: timestamp('escalation_due_at', { withTimezone: true }),
    /** The level at which it was escalated to leaders (0: not escalated). */
    escalatedLevel: smallint('escalated_level').notNull().default(0),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: integer('acknowledged_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: integer('closed_by'),
    closeNote: text('close_note'),
    incidentId: integer('incident_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('alert_rule_group_live_uq').on(t.ruleId, t.groupKey).where(sql`status <> 'closed'`),
    index('alert_hospital_idx').on(t.hospitalId, t.id),
    index('alert_hospital_status_idx').on(t.hospitalId, t.status, t.id),
    index('alert_cluster_idx').on(t.clusterId),
    index('alert_escalation_due_idx').on(t.escalationDueAt).where(sql`status = 'open' and escalation_due_at is not null`),
  ],
);

/** The mentions of an alert; the key makes evaluating a mention twice (event and sweep) add it once. */
export const alertMentions = pgTable(
  'alert_mention',
  {
    alertId: integer('alert_id').notNull().references(() => alerts.id, { onDelete: 'cascade' }),
    mentionId: integer('mention_id').notNull().references(() => mentions.id, { onDelete: 'cascade' }),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.mentionId] }), index('alert_mention_mention_idx').on(t.mentionId)],
);

export const alertEventKinds = ['raised', 'updated', 'level_raised', 'acknowledged', 'reopened', 'closed', 'escalated', 'incident_linked'] as const;
export type AlertEventKind = (typeof alertEventKinds)[number];

/**
 * What happened to alerts, in order: the alert's timeline, and the console's live stream (an event's id is the SSE
 * id a reconnecting browser resumes from, on any instance).
 */
export const alertEvents = pgTable(
  'alert_event',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    alertId: integer('alert_id').notNull().references(() => alerts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: alertEventKinds }).notNull(),
    level: smallint('level').notNull(),
    /** Console users of these roles get the sound and the banner; everyone who sees alerts gets the update. */
    notifyRoles: text('notify_roles').array().$type<Role[]>().notNull().default(sql`'{}'::text[]`),
    actorId: integer('actor_id'),
    note: text('note'),
    // clock_timestamp, not now(): the stream re-reads a recent window, which needs the time the row was written.
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index('alert_event_hospital_idx').on(t.hospitalId, t.id), index('alert_event_alert_idx').on(t.alertId, t.id)],
);

/** 通知渠道: a group robot, a mailing list or a signed webhook; credentials sealed with the platform SecretBox. */
export const notificationChannels = pgTable(
  'notification_channel',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    kind: text('kind', { enum: notificationChannelKinds }).notNull(),
    name: text('name').notNull(),
    settings: jsonb('settings').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    secretsCiphertext: text('secrets_ciphertext'),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    createdBy: integer('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('notification_channel_hospital_name_uq').on(t.hospitalId, t.name)],
);

export const deliveryPurposes = ['alert', 'escalation', 'incident_escalation', 'test'] as const;
export type DeliveryPurpose = (typeof deliveryPurposes)[number];
export const deliveryStatuses = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * The outbox and the delivery log of notifications: written in the transaction that raises the alert, sent by a job
 * (and at once after commit), retried with backoff; one row per alert, channel, purpose and level.
 */
export const notificationDeliveries = pgTable(
  'notification_delivery',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    alertId: integer('alert_id').references(() => alerts.id, { onDelete: 'cascade' }),
    /** Set for an incident's escalation (purpose `incident_escalation`), which has no alert. */
    incidentId: integer('incident_id').references(() => incidents.id, { onDelete: 'cascade' }),
    channelId: integer('channel_id').notNull().references(() => notificationChannels.id),
    channelKind: text('channel_kind', { enum: notificationChannelKinds }).notNull(),
    purpose: text('purpose', { enum: deliveryPurposes }).notNull(),
    level: smallint('level'),
    /** Where it goes, safe to show: the channel's name and a masked key or the addresses. */
    target: text('target').notNull(),
    payloadSummary: text('payload_summary').notNull(),
    status: text('status', { enum: deliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** The receiver's answer: HTTP status and vendor code (`200 errcode=0`), or the SMTP reply code. */
    responseCode: text('response_code'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** Set while an attempt talks to the receiver; still set after a crash, which the recovery sweep finds. */
    attemptStartedAt: timestamp('attempt_started_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('notification_delivery_once_uq').on(t.alertId, t.channelId, t.purpose, t.level).where(sql`alert_id is not null`),
    uniqueIndex('notification_delivery_incident_once_uq').on(t.incidentId, t.channelId, t.purpose).where(sql`incident_id is not null`),
    index('notification_delivery_hospital_idx').on(t.hospitalId, t.id),
    index('notification_delivery_alert_idx').on(t.alertId),
    index('notification_delivery_in_flight_idx').on(t.attemptStartedAt).where(sql`attempt_started_at is not null`),
  ],
);

/** How far the sweep has evaluated the mention table (mention ids only grow). One row. */
export const alertEvaluationWatermark = pgTable('alert_evaluation_watermark', {
  id: smallint('id').primaryKey().default(1),
  lastMentionId: integer('last_mention_id').notNull().default(0),
  updatedAt: updatedAt(),
});
