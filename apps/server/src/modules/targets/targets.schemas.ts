import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.ts';
import { evaluationKinds, targetMetrics, targetPeriods } from './targets.tables.ts';

/** Request and response contracts of the targets module (目标任务分解 and 考核). */

const isoTime = z.string();
const id = z.coerce.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const metric = z.enum(targetMetrics);
const period = z.enum(targetPeriods);
const kind = z.enum(evaluationKinds);

export const planParams = z.object({ id });
export const itemParams = z.object({ id, itemId: id });
export const evaluationParams = z.object({ id, evalId: id });

export const planSchema = z.object({ id: z.number(), year: z.number(), name: z.string(), createdBy: z.number(), createdAt: isoTime, updatedAt: isoTime });
export const planBody = z.object({ year: z.number().int().min(2000).max(2100), name: text(100) }).strict();
export const planQuery = z.object({ ...pageQuery, year: z.coerce.number().int().min(2000).max(2100).optional() });

export const itemBody = z
  .object({
    departmentId: z.number().int().positive(),
    metric,
    target: z.number().int().min(1).max(100_000),
    period,
    note: z.string().trim().max(200).nullable().optional(),
    responsibleUserId: z.number().int().positive().nullable().optional(),
    supervisorUserId: z.number().int().positive().nullable().optional(),
  })
  .strict();

export const itemSchema = z.object({
  id: z.number(),
  planId: z.number(),
  departmentId: z.number(),
  departmentName: z.string(),
  metric,
  target: z.number(),
  period,
  note: z.string().nullable(),
  /** The target as the table writes it: 22篇信息, 微博每月10条. */
  text: z.string(),
  responsibleUserId: z.number().nullable(),
  responsibleName: z.string().nullable(),
  supervisorUserId: z.number().nullable(),
  supervisorName: z.string().nullable(),
  position: z.number(),
});

const progressLine = itemSchema.extend({
  yearTarget: z.number(),
  done: z.number(),
  expected: z.number(),
  rate: z.number(),
  behind: z.boolean(),
  sourceAvailable: z.boolean(),
});

export const progressSchema = z.object({
  plan: planSchema,
  asOf: isoTime,
  elapsed: z.number(),
  items: z.array(progressLine),
  totals: z.array(
    z.object({ metric, period, target: z.number(), text: z.string(), yearTarget: z.number(), done: z.number(), expected: z.number(), rate: z.number(), sourceAvailable: z.boolean() }),
  ),
});

export const piecesSchema = z.object({
  sourceAvailable: z.boolean(),
  items: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      articleId: z.number().nullable(),
      category: z.string().nullable(),
      attribution: z.enum(['department', 'author']),
      occurredAt: isoTime,
      carriedBy: z.array(z.object({ kind: z.string(), where: z.string(), occurredAt: isoTime })),
    }),
  ),
  nextCursor: z.null(),
});

export const behindSchema = z.object({ asOf: isoTime, items: z.array(progressLine.extend({ planName: z.string() })) });

export const metricListSchema = z.object({ items: z.array(z.object({ metric, source: z.string(), sourceAvailable: z.boolean() })) });

export const importQuery = z.object({ dryRun: z.enum(['true', 'false']).optional().transform((v) => v === 'true') });
export const importResultSchema = z.object({
  dryRun: z.boolean(),
  imported: z.number(),
  errors: z.array(z.object({ row: z.number(), message: z.string() })),
  items: z.array(
    z.object({
      row: z.number(),
      departmentName: z.string(),
      departmentId: z.number().nullable(),
      metric,
      target: z.number(),
      period,
      note: z.string().nullable(),
      text: z.string(),
      responsible: z.string().nullable(),
      supervisor: z.string().nullable(),
    }),
  ),
});

export const evaluationBody = z.object({ kind }).strict();
export const evaluationSummarySchema = z.object({ id: z.number(), planId: z.number(), kind, asOf: isoTime, createdBy: z.number(), createdAt: isoTime });
export const evaluationSchema = z.object({
  id: z.number(),
  planId: z.number(),
  kind,
  windowFrom: isoTime,
  windowTo: isoTime,
  asOf: isoTime,
  items: z.array(
    z.object({
      itemId: z.number(),
      departmentId: z.number(),
      departmentName: z.string(),
      metric,
      period,
      target: z.number(),
      note: z.string().nullable(),
      text: z.string(),
      expected: z.number(),
      done: z.number(),
      rate: z.number(),
      counted: z.boolean(),
    }),
  ),
  departments: z.array(
    z.object({
      departmentId: z.number(),
      departmentName: z.string(),
      items: z.number(),
      counted: z.number(),
      rate: z.number().nullable(),
      score: z.number().nullable(),
      rank: z.number().nullable(),
    }),
  ),
  scoringRule: z.string(),
  createdBy: z.number(),
  createdAt: isoTime,
});
