import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import { incidentStages, type OpenStage } from './incident-stages.ts';

/**
 * 舆情事件: one story (or several) handled from discovery to review. The SLA clocks are stored as due times, set when
 * the incident is created, its level changes or it moves; the sweep marks what passed them.
 */
export const incidents = pgTable(
  'incident',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** 1 蓝, 2 黄, 3 橙, 4 红, as alerts. */
    level: smallint('level').notNull(),
    stage: text('stage', { enum: incidentStages }).notNull().default('discovered'),
    /** The department responsible (责任科室): an opinion officer of it sees the incident. */
    departmentId: integer('department_id').notNull(),
    ownerId: integer('owner_id').notNull(),
    createdBy: integer('created_by').notNull(),
    /** When the story was found (an alert's time when opened from one): the first-response clock starts here. */
    discoveredAt: timestamp('discovered_at', { withTimezone: true }).notNull(),
    stageEnteredAt: timestamp('stage_entered_at', { withTimezone: true }).notNull(),
    stageDueAt: timestamp('stage_due_at', { withTimezone: true }),
    stageOverdueAt: timestamp('stage_overdue_at', { withTimezone: true }),
    firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true }).notNull(),
    /** When the incident entered 回应: the first authoritative response went out. */
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    firstResponseOverdueAt: timestamp('first_response_overdue_at', { withTimezone: true }),
    escalated: boolean('escalated').notNull().default(false),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    escalationReason: text('escalation_reason', { enum: ['red', 'first_response_overdue', 'stage_overdue'] }),
    /** When the escalation's notifications were queued; an escalated incident without it is still to be told. */
    escalationNotifiedAt: timestamp('escalation_notified_at', { withTimezone: true }),
    /** 经验教训, written during 复盘; required to close from it. */
    lessons: text('lessons').notNull().default(''),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('incident_level_ck', sql`${t.level} between 1 and 4`),
    index('incident_hospital_stage_idx').on(t.hospitalId, t.stage, t.id),
    index('incident_owner_idx').on(t.ownerId),
    index('incident_stage_due_idx').on(t.stageDueAt).where(sql`stage <> 'closed' and stage_overdue_at is null`),
    index('incident_first_response_due_idx').on(t.firstResponseDueAt).where(sql`responded_at is null and first_response_overdue_at is null and stage in ('discovered', 'assessed', 'handled')`),
    index('incident_unescalated_red_idx').on(t.id).where(sql`level = 4 and not escalated and stage <> 'closed'`),
    index('incident_escalation_untold_idx').on(t.id).where(sql`escalated and escalation_notified_at is null`),
  ],
);

// Clusters, mentions and alerts belong to ingestion and alerting (clusters may be merged there): linked by id, read
// through their services, without foreign keys.

export const incidentClusters = pgTable(
  'incident_cluster',
  {
    incidentId: integer('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
    clusterId: integer('cluster_id').notNull(),
    addedBy: integer('added_by'),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.clusterId] }), index('incident_cluster_cluster_idx').on(t.clusterId)],
);

export const incidentMentions = pgTable(
  'incident_mention',
  {
    incidentId: integer('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
    mentionId: integer('mention_id').notNull(),
    addedBy: integer('added_by'),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.mentionId] }), index('incident_mention_mention_idx').on(t.mentionId)],
);

/** An alert is taken over by one incident at most (the alert keeps the incident's id too). */
export const incidentAlerts = pgTable(
  'incident_alert',
  {
    incidentId: integer('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
    alertId: integer('alert_id').notNull(),
    linkedBy: integer('linked_by'),
    linkedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.alertId] }), uniqueIndex('incident_alert_alert_uq').on(t.alertId)],
);

export const incidentTasks = pgTable(
  'incident_task',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    incidentId: integer('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    assigneeId: integer('assignee_id').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: integer('done_by'),
    createdBy: integer('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('incident_task_incident_idx').on(t.incidentId, t.id), index('incident_task_assignee_idx').on(t.assigneeId)],
);

export const incidentEventKinds = [
  'created',
  'updated',
  'stage_changed',
  'cluster_linked',
  'cluster_unlinked',
  'mention_linked',
  'mention_unlinked',
  'alert_linked',
  'task_added',
  'task_updated',
  'task_done',
  'task_reopened',
  'task_removed',
  'note',
  'response_drafted',
  'response_submitted',
  'first_response_overdue',
  'stage_overdue',
  'escalated',
  'escalation_notified',
] as const;
export type IncidentEventKind = (typeof incidentEventKinds)[number];

/** 处置时间线: every change, written with it (automatic), and the notes people add (manual). */
export const incidentEvents = pgTable(
  'incident_event',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    incidentId: integer('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: incidentEventKinds }).notNull(),
    /** null: the platform (the SLA sweep). */
    actorId: integer('actor_id'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index('incident_event_incident_idx').on(t.incidentId, t.id)],
);

/**
 * 回应口径: the response drafted from an approved statement of the 口径 library and adapted; published by creating an
 * article (category notice) that goes through the review chain.
 */
export const incidentResponses = pgTable('incident_response', {
  incidentId: integer('incident_id').primaryKey().references(() => incidents.id, { onDelete: 'cascade' }),
  statementId: integer('statement_id').notNull(),
  /** The statement as it was when drafted from. */
  statementVersion: integer('statement_version').notNull(),
  statementTopic: text('statement_topic').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  articleId: integer('article_id'),
  draftedBy: integer('drafted_by').notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A hospital's SLA per level; levels without a row use the defaults. */
export const incidentSlaPolicies = pgTable(
  'incident_sla_policy',
  {
    hospitalId: integer('hospital_id').notNull(),
    level: smallint('level').notNull(),
    firstResponseMinutes: integer('first_response_minutes').notNull(),
    stageMinutes: jsonb('stage_minutes').$type<Record<OpenStage, number>>().notNull(),
    /** The notification channels told of an escalation at this level; null: every active channel of the hospital. */
    escalationChannelIds: integer('escalation_channel_ids').array(),
    updatedBy: integer('updated_by').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.hospitalId, t.level] })],
);
