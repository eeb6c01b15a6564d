import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';

/** What a target counts (see counting-sources.ts for where each number comes from). */
export const targetMetrics = ['info', 'wechat', 'weibo', 'website', 'science', 'newspaper_report', 'tv_report'] as const;
export type TargetMetric = (typeof targetMetrics)[number];
export const targetPeriods = ['year', 'month'] as const;
export type TargetPeriod = (typeof targetPeriods)[number];
export const evaluationKinds = ['half_year', 'year_end'] as const;
export type EvaluationKind = (typeof evaluationKinds)[number];

/** 年度宣传工作目标任务分解: one plan a year (or several, e.g. 政务信息 and 新媒体). */
export const targetPlans = pgTable(
  'target_plan',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    createdBy: integer('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('target_plan_name_uq').on(t.hospitalId, t.year, t.name), index('target_plan_hospital_idx').on(t.hospitalId, t.id)],
);

/** One line of the table: a department's target for one metric, per year or per month. */
export const targetItems = pgTable(
  'target_item',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    planId: integer('plan_id').notNull().references(() => targetPlans.id, { onDelete: 'cascade' }),
    departmentId: integer('department_id').notNull(),
    metric: text('metric', { enum: targetMetrics }).notNull(),
    target: integer('target').notNull(),
    period: text('period', { enum: targetPeriods }).notNull(),
    /** The remark the table writes in brackets: 其中5次群众宣传活动, 县电视台新闻报道，12篇新闻，4篇专题. */
    note: text('note'),
    responsibleUserId: integer('responsible_user_id'),
    supervisorUserId: integer('supervisor_user_id'),
    /** Order of the lines as the table lists them. */
    position: integer('position').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('target_item_uq').on(t.planId, t.departmentId, t.metric, t.period), index('target_item_department_idx').on(t.departmentId)],
);

export type EvaluationItem = {
  itemId: number;
  departmentId: number;
  departmentName: string;
  metric: TargetMetric;
  period: TargetPeriod;
  target: number;
  note: string | null;
  /** The share of the year's target due by the end of the evaluated half or year. */
  expected: number;
  done: number;
  rate: number;
  /** False while the metric's counting source does not exist yet: listed, not scored. */
  counted: boolean;
};

export type EvaluationDepartment = {
  departmentId: number;
  departmentName: string;
  items: number;
  counted: number;
  rate: number | null;
  score: number | null;
  rank: number | null;
};

/** 考核: progress frozen at a moment, with the ranking and scores computed from it. Never recomputed. */
export const evaluations = pgTable(
  'evaluation',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    planId: integer('plan_id').notNull().references(() => targetPlans.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: evaluationKinds }).notNull(),
    windowFrom: timestamp('window_from', { withTimezone: true }).notNull(),
    windowTo: timestamp('window_to', { withTimezone: true }).notNull(),
    /** Counted up to here: the end of the window, or the moment of the snapshot when taken before it. */
    asOf: timestamp('as_of', { withTimezone: true }).notNull(),
    items: jsonb('items').$type<EvaluationItem[]>().notNull(),
    departments: jsonb('departments').$type<EvaluationDepartment[]>().notNull(),
    createdBy: integer('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('evaluation_plan_kind_uq').on(t.planId, t.kind)],
);
