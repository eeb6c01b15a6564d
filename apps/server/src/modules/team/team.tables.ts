import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';

/** What a person does in the publicity grid: 通讯员, 宣传委员, 舆情专员, 科普专家, 网红医生. */
export const gridRoles = ['correspondent', 'publicity_member', 'opinion_officer', 'science_expert', 'influencer_doctor'] as const;
export type GridRole = (typeof gridRoles)[number];
/** 在岗, 暂停 (dynamic management by target completion), 已退出. */
export const correspondentStatuses = ['active', 'paused', 'left'] as const;
export const attendanceValues = ['pending', 'present', 'absent', 'excused'] as const;
export type Attendance = (typeof attendanceValues)[number];

/**
 * What a points rule counts: a published article (once however many channels carry it), each publication on a
 * channel, a media coverage report, a confirmed opinion clue, a training attended.
 */
export const pointsRuleKinds = ['article', 'publication', 'coverage', 'opinion_clue', 'training'] as const;
export type PointsRuleKind = (typeof pointsRuleKinds)[number];
export const pointsSourceTypes = [...pointsRuleKinds, 'manual'] as const;
export type PointsSourceType = (typeof pointsSourceTypes)[number];
export const pointsEntryKinds = ['award', 'reversal', 'adjustment'] as const;
export type PointsEntryKind = (typeof pointsEntryKinds)[number];
/** An outlet's level as the coverage log will record it: 中央/国家级, 省级, 市级, 县级, 行业. */
export const mediaLevels = ['national', 'provincial', 'municipal', 'county', 'industry'] as const;

/** A level of the 宣传网格 (seed 002's four: 宣传部 → 党支部宣传委员 → 科室通讯员 → 全体职工). */
export const gridLevels = pgTable(
  'grid_level',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    /** 1 is the top of the grid. */
    position: integer('position').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('grid_level_name_uq').on(t.hospitalId, t.name), index('grid_level_hospital_idx').on(t.hospitalId, t.position)],
);

/** 宣传员: a person's place in the grid, what they do in it, which departments they cover and since when. */
export const correspondents = pgTable(
  'correspondent',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    userId: integer('user_id').notNull(),
    levelId: integer('level_id').notNull().references(() => gridLevels.id),
    gridRoles: text('grid_roles', { enum: gridRoles }).array().notNull(),
    departmentIds: integer('department_ids').array().notNull(),
    since: date('since', { mode: 'string' }).notNull(),
    status: text('status', { enum: correspondentStatuses }).notNull().default('active'),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('correspondent_user_uq').on(t.hospitalId, t.userId),
    index('correspondent_hospital_idx').on(t.hospitalId, t.id),
    index('correspondent_departments_idx').using('gin', t.departmentIds),
  ],
);

/** 培训: a session for correspondents and publicity members. */
export const trainings = pgTable(
  'training',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    topic: text('topic').notNull(),
    trainer: text('trainer').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    description: text('description'),
    createdBy: integer('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('training_hospital_idx').on(t.hospitalId, t.startsAt)],
);

export const trainingAttendances = pgTable(
  'training_attendance',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    trainingId: integer('training_id').notNull().references(() => trainings.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull(),
    attendance: text('attendance', { enum: attendanceValues }).notNull().default('pending'),
    recordedBy: integer('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('training_attendance_uq').on(t.trainingId, t.userId), index('training_attendance_user_idx').on(t.userId)],
);

/** 积分规则: points for one kind of contribution, narrowed by channel kind, category or media level, valid for a period. */
export const pointsRules = pgTable(
  'points_rule',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: pointsRuleKinds }).notNull(),
    channelKind: text('channel_kind'),
    category: text('category'),
    mediaLevel: text('media_level', { enum: mediaLevels }),
    points: integer('points').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    createdBy: integer('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('points_rule_hospital_idx').on(t.hospitalId, t.kind)],
);

/**
 * The points ledger, append-only: an award from a rule, its reversal when the source ends (a withdrawn
 * publication), or an editor's adjustment. A (source, rule, person) is granted at most once at a time: grant n is
 * awarded once and reversed once, which the unique index enforces however often an event or a sweep repeats.
 */
export const pointsEntries = pgTable(
  'points_entry',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    userId: integer('user_id').notNull(),
    /** The person's department when the entry was made: department rankings count it there. */
    departmentId: integer('department_id').notNull(),
    points: integer('points').notNull(),
    kind: text('kind', { enum: pointsEntryKinds }).notNull(),
    reason: text('reason').notNull(),
    sourceType: text('source_type', { enum: pointsSourceTypes }).notNull(),
    sourceId: integer('source_id'),
    /** The article behind an article or publication entry, so a sweep finds awards whose publication is gone. */
    articleId: integer('article_id'),
    ruleId: integer('rule_id').references(() => pointsRules.id),
    grantNo: integer('grant_no'),
    reversesId: bigint('reverses_id', { mode: 'number' }).references((): AnyPgColumn => pointsEntries.id),
    /** When the counted thing happened (rankings use this); `createdAt` is when it was recorded. */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('points_entry_grant_uq').on(t.sourceType, t.sourceId, t.ruleId, t.userId, t.grantNo, t.kind).where(sql`rule_id is not null`),
    index('points_entry_hospital_idx').on(t.hospitalId, t.id),
    index('points_entry_occurred_idx').on(t.hospitalId, t.occurredAt),
    index('points_entry_user_idx').on(t.userId, t.id),
    index('points_entry_source_idx').on(t.sourceType, t.sourceId),
    index('points_entry_article_idx').on(t.articleId),
  ],
);

export type CommendationItem = { rank: number; userId: number; displayName: string; departmentId: number; departmentName: string; points: number };

/** 年度优秀通讯员: the list proposed from the year's ranking, frozen when an editor confirms it. */
export const commendations = pgTable(
  'commendation',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    topN: integer('top_n').notNull(),
    minPoints: integer('min_points').notNull(),
    excludedUserIds: integer('excluded_user_ids').array().notNull().default(sql`'{}'::integer[]`),
    items: jsonb('items').$type<CommendationItem[]>().notNull(),
    note: text('note'),
    confirmedBy: integer('confirmed_by').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('commendation_year_uq').on(t.hospitalId, t.year)],
);
