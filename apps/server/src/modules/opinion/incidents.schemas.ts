import { z } from 'zod';
import { bilingual } from '../../platform/http/field-messages.ts';
import { pageQuery } from '../../platform/http/pagination.ts';
import { alertSchema } from './alerts.schemas.ts';
import { incidentLevels, incidentStages, openStages, type OpenStage } from './incident-stages.ts';
import { incidentEventKinds } from './incidents.tables.ts';
import { maxRepairWindowHours } from './incident-repair.service.ts';
import { clusterSchema, mentionSchema } from './opinion.schemas.ts';

/** Request and response contracts of incidents (舆情事件). */

const isoTime = z.string();
const id = z.coerce.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const incidentLevel = z.literal(incidentLevels);
export const incidentStage = z.enum(incidentStages);

export const incidentParams = z.object({ id });
export const incidentClusterParams = z.object({ id, clusterId: id });
export const incidentMentionParams = z.object({ id, mentionId: id });
export const incidentTaskParams = z.object({ id, taskId: id });
export const slaLevelParams = z.object({ level: z.coerce.number().pipe(incidentLevel) });

export const incidentQuery = z.object({
  ...pageQuery,
  stage: incidentStage.optional(),
  open: flag.optional(),
  level: z.coerce.number().pipe(incidentLevel).optional(),
  escalated: flag.optional(),
  mine: flag.optional(),
  q: z.string().trim().max(100).optional(),
});

const ids = z.array(z.number().int().positive()).max(200);

export const incidentBody = z
  .object({
    title: text(200),
    level: incidentLevel,
    summary: z.string().trim().max(5000).optional(),
    ownerId: z.number().int().positive().optional(),
    departmentId: z.number().int().positive().optional(),
    discoveredAt: z.coerce.date().optional(),
    clusterIds: ids.optional(),
    mentionIds: ids.optional(),
  })
  .strict();

export const fromAlertBody = z
  .object({
    alertId: z.number().int().positive(),
    title: text(200).optional(),
    level: incidentLevel.optional(),
    summary: z.string().trim().max(5000).optional(),
    ownerId: z.number().int().positive().optional(),
    departmentId: z.number().int().positive().optional(),
  })
  .strict();

export const incidentPatch = z
  .object({
    title: text(200),
    level: incidentLevel,
    summary: z.string().trim().max(5000),
    ownerId: z.number().int().positive(),
    departmentId: z.number().int().positive(),
    lessons: z.string().trim().max(20_000),
  })
  .partial()
  .strict();

export const transitionBody = z.object({ to: incidentStage, reason: z.string().trim().max(1000).optional(), at: z.coerce.date().optional() }).strict();
export const linkClusterBody = z.object({ clusterId: z.number().int().positive() }).strict();
export const linkMentionsBody = z.object({ mentionIds: ids.min(1) }).strict();
export const linkAlertBody = z.object({ alertId: z.number().int().positive() }).strict();
export const taskBody = z.object({ title: text(200), assigneeId: z.number().int().positive(), dueAt: z.coerce.date().nullable().optional() }).strict();
export const taskPatch = z.object({ title: text(200), assigneeId: z.number().int().positive(), dueAt: z.coerce.date().nullable(), done: z.boolean() }).partial().strict();
export const noteBody = z.object({ text: text(2000) }).strict();
export const responseBody = z.object({ statementId: z.number().int().positive(), title: z.string().trim().max(200).optional(), body: z.string().trim().max(20_000).optional() }).strict();
export const submitResponseBody = z.object({ acknowledgement: z.object({ reason: text(500) }).optional() }).strict();
export const repairQuery = z.object({ hours: z.coerce.number().min(1).max(maxRepairWindowHours).optional() });

const stageMinutes = z.object(
  Object.fromEntries(openStages.map((s) => [s, z.number().int().min(1, bilingual('时限至少 1 分钟', 'At least 1 minute')).max(90 * 24 * 60)])) as Record<OpenStage, z.ZodNumber>,
);
export const slaBody = z
  .object({
    firstResponseMinutes: z.number().int().min(1).max(30 * 24 * 60),
    stageMinutes: stageMinutes.strict(),
    // Omitted or null: every active notification channel; [] tells none (the timeline still records the escalation).
    escalationChannelIds: z.array(id).max(20).nullable().default(null),
  })
  .strict();
export const slaSchema = z.object({
  items: z.array(z.object({ level: z.number(), firstResponseMinutes: z.number(), stageMinutes: z.record(z.string(), z.number()), escalationChannelIds: z.array(z.number()).nullable(), custom: z.boolean() })),
});

export const incidentSchema = z.object({
  id: z.number(),
  title: z.string(),
  summary: z.string(),
  level: z.number(),
  stage: incidentStage,
  departmentId: z.number(),
  departmentName: z.string().nullable(),
  ownerId: z.number(),
  ownerName: z.string().nullable(),
  createdBy: z.number(),
  discoveredAt: isoTime,
  stageEnteredAt: isoTime,
  stageDueAt: isoTime.nullable(),
  stageOverdue: z.boolean(),
  firstResponseDueAt: isoTime,
  respondedAt: isoTime.nullable(),
  firstResponseOverdue: z.boolean(),
  firstResponseMet: z.boolean().nullable(),
  escalated: z.boolean(),
  escalatedAt: isoTime.nullable(),
  escalationReason: z.enum(['red', 'first_response_overdue', 'stage_overdue']).nullable(),
  lessons: z.string(),
  closedAt: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const incidentResponseSchema = z.object({
  statementId: z.number(),
  statementVersion: z.number(),
  statementTopic: z.string(),
  title: z.string(),
  body: z.string(),
  draftedBy: z.number(),
  submittedAt: isoTime.nullable(),
  updatedAt: isoTime,
  article: z.object({ id: z.number(), title: z.string(), status: z.string(), submittedAt: isoTime.nullable(), approvedAt: isoTime.nullable() }).nullable(),
  publications: z.array(z.object({ id: z.number(), channelId: z.number(), channelName: z.string(), channelKind: z.string(), publishedAt: isoTime.nullable(), live: z.boolean() })),
});

export const incidentDetailSchema = incidentSchema.extend({
  clusters: z.array(clusterSchema),
  mentions: z.array(mentionSchema),
  mentionCount: z.number(),
  alerts: z.array(alertSchema),
  tasks: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      assigneeId: z.number(),
      assigneeName: z.string().nullable(),
      dueAt: isoTime.nullable(),
      done: z.boolean(),
      doneAt: isoTime.nullable(),
      doneBy: z.number().nullable(),
      overdue: z.boolean(),
      createdBy: z.number(),
      createdAt: isoTime,
      canComplete: z.boolean(),
    }),
  ),
  events: z.array(
    z.object({ id: z.number(), kind: z.enum(incidentEventKinds), actorId: z.number().nullable(), actorName: z.string().nullable(), note: z.string().nullable(), data: z.record(z.string(), z.unknown()), at: isoTime }),
  ),
  response: incidentResponseSchema.nullable(),
  moves: z.array(z.object({ to: incidentStage, reasonRequired: z.boolean(), requires: z.enum(['approved_response', 'lessons']).optional() })),
  permissions: z.object({ manage: z.boolean(), delete: z.boolean() }),
});

const repairWindow = z.object({ from: isoTime, to: isoTime, volume: z.number(), negative: z.number(), neutral: z.number(), positive: z.number(), negativeShare: z.number().nullable() });
export const repairSchema = z.object({
  responseAt: isoTime.nullable(),
  requestedHours: z.number(),
  windowHours: z.number(),
  before: repairWindow.nullable(),
  after: repairWindow.nullable(),
  volumeChange: z.number().nullable(),
  negativeShareChange: z.number().nullable(),
  improved: z.boolean().nullable(),
  series: z.array(z.object({ at: isoTime, negative: z.number(), neutral: z.number(), positive: z.number() })),
});

export const statementSuggestionsSchema = z.object({
  items: z.array(z.object({ id: z.number(), topic: z.string(), wording: z.string(), facts: z.string(), tags: z.array(z.string()), status: z.string(), version: z.number(), score: z.number() })),
});
