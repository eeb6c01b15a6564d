import { z } from 'zod';
import { pageQuery } from '../http/pagination.ts';

/** Request and response contracts of the console inbox (站内消息). */

export const noticeSchema = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const noticeListSchema = z.object({ items: z.array(noticeSchema), nextCursor: z.string().nullable() });

export const noticeQuery = z.object({
  ...pageQuery,
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const noticeParams = z.object({ id: z.coerce.number().int().positive() });

export const countSchema = z.object({ count: z.number() });
