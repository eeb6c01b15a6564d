import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from '../db/columns.ts';

/**
 * 站内消息: a notice in one user's console inbox (a reminder of an overdue review, of targets behind schedule …).
 * `sourceKey` names what caused it, unique per user: a job that runs again, or on two instances, never posts twice.
 * `link` is a console path the notice opens.
 */
export const notices = pgTable(
  'notice',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    userId: integer('user_id').notNull(),
    /** What kind of reminder: `review.overdue`, `targets.behind` … (the module that posts it names it). */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    sourceKey: text('source_key').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notice_source_uq').on(t.userId, t.sourceKey),
    index('notice_user_idx').on(t.userId, t.id),
    index('notice_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);
