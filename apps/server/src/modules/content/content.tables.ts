import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import type { ComplianceFinding } from '../messaging/compliance/compliance-types.ts';

export const articleCategories = ['news', 'science', 'party', 'role_model', 'notice', 'other'] as const;
export const articleStatuses = ['draft', 'in_review', 'returned', 'rejected', 'approved'] as const;

export type ArticleCredit = { role: string; name: string; userId?: number };

/** 稿件: one piece of content on its way through 采编发. */
export const articles = pgTable(
  'article',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    title: text('title').notNull(),
    subtitle: text('subtitle'),
    summary: text('summary'),
    bodyHtml: text('body_html').notNull(),
    category: text('category', { enum: articleCategories }).notNull(),
    sensitivity: text('sensitivity', { enum: ['normal', 'major'] }).notNull().default('normal'),
    departmentId: integer('department_id').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    credits: jsonb('credits').$type<ArticleCredit[]>().notNull().default(sql`'[]'::jsonb`),
    authorUserId: integer('author_user_id').notNull(),
    status: text('status', { enum: articleStatuses }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    /** The submission round: each submit starts a fresh review chain. */
    round: integer('round').notNull().default(0),
    /** Warn-level compliance findings the author acknowledged at submission, with the reason reviewers see. */
    acknowledgement: jsonb('acknowledgement').$type<{ reason: string; findings: ComplianceFinding[] } | null>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('article_hospital_idx').on(t.hospitalId, t.id), index('article_department_idx').on(t.departmentId, t.id)],
);

export const articleVersions = pgTable(
  'article_version',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    savedBy: integer('saved_by').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('article_version_uq').on(t.articleId, t.version)],
);

/** One step of an article's review chain (三审): who must decide, by when, and what they decided. */
export const reviewSteps = pgTable(
  'review_step',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    scope: text('scope', { enum: ['department', 'hospital'] }).notNull(),
    status: text('status', { enum: ['waiting', 'pending', 'approved', 'returned', 'rejected'] }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    decidedBy: integer('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    comment: text('comment'),
  },
  (t) => [uniqueIndex('review_step_uq').on(t.articleId, t.round, t.position), index('review_step_pending_idx').on(t.status, t.role)],
);
