import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.ts';
import { findingSchema } from '../messaging/messaging.schemas.ts';
import { articleCategories, articleStatuses } from './content.tables.ts';

/** Request and response contracts of the content pipeline (统一采编发). */

const isoTime = z.string();
const text = (max: number) => z.string().trim().min(1).max(max);
const category = z.enum(articleCategories);
const sensitivity = z.enum(['normal', 'major']);
const credit = z.object({ role: text(20), name: text(60), userId: z.number().int().positive().optional() }).strict();

export const reviewStepSchema = z.object({
  id: z.number(),
  round: z.number(),
  position: z.number(),
  name: z.string(),
  role: z.string(),
  scope: z.enum(['department', 'hospital']),
  status: z.enum(['waiting', 'pending', 'approved', 'returned', 'rejected']),
  dueAt: isoTime.nullable(),
  overdue: z.boolean(),
  decidedBy: z.number().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: isoTime.nullable(),
  comment: z.string().nullable(),
});

export const articleSchema = z.object({
  id: z.number(),
  title: z.string(),
  subtitle: z.string().nullable(),
  summary: z.string().nullable(),
  body: z.string(),
  category,
  sensitivity,
  departmentId: z.number(),
  tags: z.array(z.string()),
  credits: z.array(credit),
  authorUserId: z.number(),
  status: z.enum(articleStatuses),
  version: z.number(),
  acknowledgement: z.object({ reason: z.string(), findings: z.array(findingSchema) }).nullable(),
  reviewSteps: z.array(reviewStepSchema),
  submittedAt: isoTime.nullable(),
  approvedAt: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

/** A row of the article lists: no body, and the step waiting for a decision with its due time (the review inbox). */
export const articleListItemSchema = articleSchema.omit({ body: true, acknowledgement: true, reviewSteps: true }).extend({
  currentStep: reviewStepSchema.nullable(),
});

export const articleBody = z
  .object({
    title: text(200),
    subtitle: z.string().trim().max(200).nullable().optional(),
    summary: z.string().trim().max(1000).nullable().optional(),
    body: z.string().max(2_000_000),
    category,
    sensitivity: sensitivity.optional(),
    departmentId: z.number().int().positive().optional(),
    tags: z.array(text(30)).max(20).optional(),
    credits: z.array(credit).max(20).optional(),
  })
  .strict();
export const articlePatch = articleBody.partial().strict();

export const articleQuery = z.object({
  ...pageQuery,
  status: z.enum(articleStatuses).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  awaitingMyReview: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const submitBody = z.object({ acknowledgement: z.object({ reason: text(500) }).strict().optional() }).strict();
export const reviseBody = z.object({ reason: text(500) }).strict();
export const reviewBody = z.object({ decision: z.enum(['approve', 'return', 'reject']), comment: z.string().trim().max(2000).optional() }).strict();

export const articleVersionQuery = z.object({ ...pageQuery });
export const articleVersionSummary = z.object({ version: z.number(), savedBy: z.number(), savedByName: z.string().nullable(), savedAt: isoTime });
export const articleVersionSchema = articleVersionSummary.extend({
  snapshot: z.object({
    title: z.string(),
    subtitle: z.string().nullable(),
    summary: z.string().nullable(),
    body: z.string(),
    category,
    sensitivity,
    departmentId: z.number(),
    tags: z.array(z.string()),
    credits: z.array(credit),
  }),
  /** The body as a reader sees it: what diffs compare and comment anchors count in. */
  bodyText: z.string(),
});
export const articleVersionParams = z.object({ id: z.coerce.number().int().positive(), version: z.coerce.number().int().positive() });
