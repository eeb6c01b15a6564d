import { z } from 'zod';
import { bilingual } from '../../platform/http/field-messages.ts';
import { pageQuery } from '../../platform/http/pagination.ts';
import { channelKinds } from '../channels/channel-kinds.ts';
import { articleCategories } from '../content/content.tables.ts';
import { departmentKinds } from '../org/department.service.ts';
import { listOf } from '../org/org.schemas.ts';
import {
  attendanceValues,
  correspondentStatuses,
  gridRoles,
  mediaLevels,
  pointsEntryKinds,
  pointsRuleKinds,
  pointsSourceTypes,
} from './team.tables.ts';

/** Request and response contracts of the team module (宣传网格, 培训, 积分). */

const isoTime = z.string();
const id = z.coerce.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.iso.date();
const gridRole = z.enum(gridRoles);
const memberStatus = z.enum(correspondentStatuses);
const attendance = z.enum(attendanceValues);
const ruleKind = z.enum(pointsRuleKinds);
/** A list that is never paged (a hospital has few of them). */
const wholeList = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.null() });

export const idParams = z.object({ id });
export const attendeeParams = z.object({ id, userId: id });
export const userParams = z.object({ userId: id });

export const levelSchema = z.object({ id: z.number(), position: z.number(), name: z.string(), description: z.string().nullable(), createdAt: isoTime, updatedAt: isoTime });
export const levelList = wholeList(levelSchema);
export const levelBody = z.object({ name: text(40), position: z.number().int().min(1).max(99).optional(), description: z.string().trim().max(200).nullable().optional() }).strict();
export const levelPatch = levelBody.partial().strict();

export const memberSchema = z.object({
  id: z.number(),
  userId: z.number(),
  displayName: z.string(),
  username: z.string(),
  homeDepartmentId: z.number().nullable(),
  homeDepartmentName: z.string(),
  levelId: z.number(),
  gridRoles: z.array(gridRole),
  departments: z.array(z.object({ id: z.number(), name: z.string() })),
  since: z.string(),
  status: memberStatus,
  note: z.string().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export const memberList = listOf(memberSchema);
const memberFields = {
  levelId: z.number().int().positive(),
  gridRoles: z.array(gridRole).min(1, bilingual('至少选择一项网格职责', 'Choose at least one grid role')).max(gridRoles.length),
  departmentIds: z.array(z.number().int().positive()).min(1, bilingual('至少负责一个科室', 'Cover at least one department')).max(50).optional(),
  since: day.optional(),
  status: memberStatus.optional(),
  note: z.string().trim().max(200).nullable().optional(),
};
export const memberBody = z.object({ userId: z.number().int().positive(), ...memberFields }).strict();
export const memberPatch = z.object(memberFields).partial().strict();
export const memberQuery = z.object({
  ...pageQuery,
  levelId: id.optional(),
  gridRole: gridRole.optional(),
  departmentId: id.optional(),
  status: memberStatus.optional(),
  userId: id.optional(),
});

export const overviewSchema = z.object({
  levels: z.array(levelSchema.extend({ members: z.number() })),
  departments: z.array(
    z.object({
      departmentId: z.number(),
      departmentName: z.string(),
      kind: z.enum(departmentKinds),
      members: z.number(),
      correspondents: z.number(),
      publicityMembers: z.number(),
      needs: gridRole,
      gap: z.boolean(),
    }),
  ),
  gaps: z.number(),
});

export const trainingSchema = z.object({
  id: z.number(),
  topic: z.string(),
  trainer: z.string(),
  startsAt: isoTime,
  place: z.string(),
  description: z.string().nullable(),
  attendees: z.number(),
  present: z.number(),
  createdBy: z.number(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export const trainingList = listOf(trainingSchema);
export const trainingDetail = trainingSchema.extend({
  attendeeList: z.array(
    z.object({ userId: z.number(), displayName: z.string(), departmentId: z.number(), departmentName: z.string(), attendance, recordedAt: isoTime.nullable() }),
  ),
});
export const trainingBody = z
  .object({ topic: text(100), trainer: text(60), startsAt: z.coerce.date(), place: text(100), description: z.string().trim().max(2000).nullable().optional() })
  .strict();
export const trainingPatch = trainingBody.partial().strict();
export const trainingQuery = z.object({ ...pageQuery, from: day.optional(), to: day.optional() });
export const attendeesBody = z.object({ userIds: z.array(z.number().int().positive()).min(1).max(500) }).strict();
export const attendanceBody = z.object({ items: z.array(z.object({ userId: z.number().int().positive(), attendance }).strict()).min(1).max(500) }).strict();
export const trainingRecord = z.object({
  userId: z.number(),
  displayName: z.string(),
  summary: z.object({ sessions: z.number(), present: z.number(), absent: z.number(), excused: z.number() }),
  items: z.array(z.object({ trainingId: z.number(), topic: z.string(), trainer: z.string(), startsAt: isoTime, place: z.string(), attendance })),
});

export const ruleSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: ruleKind,
  channelKind: z.string().nullable(),
  category: z.string().nullable(),
  mediaLevel: z.enum(mediaLevels).nullable(),
  points: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  sourceAvailable: z.boolean(),
  createdBy: z.number(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export const ruleList = wholeList(ruleSchema);
const ruleFields = {
  name: text(60),
  points: z.number().int().min(1).max(10_000),
  channelKind: z.enum(channelKinds).nullable().optional(),
  category: z.enum(articleCategories).nullable().optional(),
  mediaLevel: z.enum(mediaLevels).nullable().optional(),
  validFrom: day.optional(),
  validTo: day.nullable().optional(),
};
export const ruleBody = z.object({ kind: ruleKind, ...ruleFields }).strict();
export const rulePatch = z.object(ruleFields).partial().strict();
export const ruleQuery = z.object({ kind: ruleKind.optional() });
export const ruleKindList = z.object({ items: z.array(z.object({ kind: ruleKind, sourceAvailable: z.boolean() })) });

export const entrySchema = z.object({
  id: z.number(),
  userId: z.number(),
  displayName: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  points: z.number(),
  kind: z.enum(pointsEntryKinds),
  reason: z.string(),
  sourceType: z.enum(pointsSourceTypes),
  sourceId: z.number().nullable(),
  articleId: z.number().nullable(),
  ruleId: z.number().nullable(),
  ruleName: z.string().nullable(),
  reversesId: z.number().nullable(),
  occurredAt: isoTime,
  createdBy: z.number().nullable(),
  createdByName: z.string().nullable(),
  createdAt: isoTime,
});
export const entryList = listOf(entrySchema);
export const entryQuery = z.object({
  ...pageQuery,
  from: day.optional(),
  to: day.optional(),
  userId: id.optional(),
  departmentId: id.optional(),
  sourceType: z.enum(pointsSourceTypes).optional(),
  kind: z.enum(pointsEntryKinds).optional(),
});
export const adjustmentBody = z
  .object({
    userId: z.number().int().positive(),
    points: z
      .number()
      .int()
      .min(-10_000)
      .max(10_000)
      .refine((p) => p !== 0, bilingual('调整积分不能为 0', 'An adjustment cannot be 0')),
    reason: z.string().trim().min(2, bilingual('请写明调整原因（至少 2 个字）', 'Give the reason (at least 2 characters)')).max(200),
    occurredOn: day.optional(),
  })
  .strict();

export const periodQuery = z.object({ from: day.optional(), to: day.optional() });
export const rankingQuery = periodQuery.extend({ groupBy: z.enum(['person', 'department']).default('person'), departmentId: id.optional() });
export const rankingSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['person', 'department']),
  items: z.array(
    z.object({
      rank: z.number(),
      userId: z.number().nullable(),
      displayName: z.string().nullable(),
      departmentId: z.number(),
      departmentName: z.string(),
      points: z.number(),
      entries: z.number(),
      people: z.number().nullable(),
    }),
  ),
  nextCursor: z.null(),
});
export const recomputeBody = z.object({ from: day, to: day }).strict();
export const recomputeSchema = z.object({ from: z.string(), to: z.string(), articles: z.number(), trainings: z.number(), awarded: z.number(), reversed: z.number() });

const commendationItem = z.object({ rank: z.number(), userId: z.number(), displayName: z.string(), departmentId: z.number(), departmentName: z.string(), points: z.number() });
const proposalFields = {
  year: z.coerce.number().int().min(2000).max(2100),
  topN: z.coerce.number().int().min(1).max(200),
  minPoints: z.coerce.number().int().min(1).max(1_000_000),
};
export const proposalQuery = z.object({
  ...proposalFields,
  exclude: z
    .string()
    .regex(/^\d+(,\d+)*$/)
    .transform((list) => list.split(',').map(Number))
    .optional(),
});
export const proposalSchema = z.object({ year: z.number(), topN: z.number(), minPoints: z.number(), items: z.array(commendationItem) });
export const commendationBody = z
  .object({ ...proposalFields, excludeUserIds: z.array(z.number().int().positive()).max(500).optional(), note: z.string().trim().max(500).nullable().optional() })
  .strict();
export const commendationSchema = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  topN: z.number(),
  minPoints: z.number(),
  excludedUserIds: z.array(z.number()),
  items: z.array(commendationItem),
  note: z.string().nullable(),
  confirmedBy: z.number(),
  confirmedByName: z.string(),
  confirmedAt: isoTime,
});
export const commendationList = wholeList(commendationSchema);
