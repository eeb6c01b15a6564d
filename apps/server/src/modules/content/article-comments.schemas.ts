import { z } from 'zod';
import { bilingual } from '../../platform/http/field-messages.ts';
import { pageQuery } from '../../platform/http/pagination.ts';

/** Request and response contracts of comments anchored to an article's text (批注). */

const id = z.coerce.number().int().positive();
const offset = z.number().int().min(0);

export const commentParams = z.object({ id, commentId: id });
export const commentQuery = z.object({ ...pageQuery });

export const commentBody = z
  .object({
    body: z.string().trim().min(1).max(2000),
    /** A reply names its thread; a thread quotes the passage it is about instead. */
    parentId: z.number().int().positive().optional(),
    quote: z.string().max(1000).refine((q) => q.trim().length > 0, { message: bilingual('引用的文字不能为空', 'The quote must not be blank') }).optional(),
    /** UTF-16 offsets in the visible text of the body of `version`, end exclusive. */
    anchor: z.object({ start: offset, end: offset, version: z.number().int().positive() }).strict().optional(),
  })
  .strict();

export const commentSchema = z.object({
  id: z.number(),
  articleId: z.number(),
  round: z.number(),
  reviewStepId: z.number().nullable(),
  stepName: z.string().nullable(),
  parentId: z.number().nullable(),
  authorUserId: z.number(),
  authorName: z.string().nullable(),
  quote: z.string().nullable(),
  anchor: z.object({ start: z.number(), end: z.number(), version: z.number() }).nullable(),
  body: z.string(),
  resolved: z.boolean(),
  resolvedBy: z.number().nullable(),
  resolvedByName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
