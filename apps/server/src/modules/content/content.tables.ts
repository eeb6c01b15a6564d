import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import type { ComplianceFinding } from '../messaging/compliance/compliance-types.ts';
import type { ReviewStepRule } from './review-chain.ts';

export const articleCategories = ['news', 'science', 'party', 'role_model', 'notice', 'other'] as const;
export const articleStatuses = ['draft', 'in_review', 'returned', 'rejected', 'approved'] as const;

export type ArticleCredit = { role: string; name: string; userId?: number };

/** What each saved version keeps of the article. */
export type ArticleSnapshot = {
  title: string;
  subtitle: string | null;
  summary: string | null;
  body: string;
  category: (typeof articleCategories)[number];
  sensitivity: 'normal' | 'major';
  departmentId: number;
  tags: string[];
  credits: ArticleCredit[];
};

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
    snapshot: jsonb('snapshot').$type<ArticleSnapshot>().notNull(),
    savedBy: integer('saved_by').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('article_version_uq').on(t.articleId, t.version)],
);

/** A hospital's own review chain (审核流程) for one category and sensitivity; without one, the default chain applies. */
export const reviewChains = pgTable(
  'review_chain',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    category: text('category', { enum: articleCategories }).notNull(),
    sensitivity: text('sensitivity', { enum: ['normal', 'major'] }).notNull(),
    steps: jsonb('steps').$type<ReviewStepRule[]>().notNull(),
    updatedBy: integer('updated_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('review_chain_uq').on(t.hospitalId, t.category, t.sensitivity)],
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
    /** The step's time allowance, fixed at submission: a chain edited meanwhile does not change a round under way. */
    dueHours: integer('due_hours'),
    decidedBy: integer('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    comment: text('comment'),
  },
  (t) => [uniqueIndex('review_step_uq').on(t.articleId, t.round, t.position), index('review_step_pending_idx').on(t.status, t.role)],
);

export const leadStatuses = ['new', 'accepted', 'declined'] as const;

/** 线索: a story idea any staff member submits for their department (人人都是宣传员). */
export const leads = pgTable(
  'lead',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    departmentId: integer('department_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    suggestedDate: date('suggested_date'),
    submittedBy: integer('submitted_by').notNull(),
    status: text('status', { enum: leadStatuses }).notNull().default('new'),
    declineReason: text('decline_reason'),
    decidedBy: integer('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('lead_hospital_idx').on(t.hospitalId, t.id), index('lead_department_idx').on(t.departmentId, t.id)],
);

/** A photo of a lead, stored through FileStorage under a generated name. */
export const leadPhotos = pgTable(
  'lead_photo',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    leadId: integer('lead_id').notNull().references(() => leads.id, { onDelete: 'cascade' }),
    storedFile: text('stored_file').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    uploadedBy: integer('uploaded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('lead_photo_lead_idx').on(t.leadId, t.id)],
);

export const topicStatuses = ['planned', 'in_progress', 'submitted', 'published', 'dropped'] as const;

/** 选题: a story the publicity department plans, with an assignee, target channels and a due date. */
export const topics = pgTable(
  'topic',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    departmentId: integer('department_id').notNull(),
    title: text('title').notNull(),
    /** The angle and brief (角度与要求) the assignee works to. */
    brief: text('brief'),
    leadId: integer('lead_id').references(() => leads.id),
    assigneeUserId: integer('assignee_user_id').notNull(),
    channelIds: integer('channel_ids').array().notNull().default(sql`'{}'::integer[]`),
    dueDate: date('due_date').notNull(),
    status: text('status', { enum: topicStatuses }).notNull().default('planned'),
    articleId: integer('article_id').references(() => articles.id),
    dropReason: text('drop_reason'),
    createdBy: integer('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('topic_hospital_idx').on(t.hospitalId, t.status, t.id),
    index('topic_department_idx').on(t.departmentId, t.id),
    index('topic_assignee_idx').on(t.assigneeUserId, t.id),
    // One topic per lead: accepting a lead twice can never make a second topic.
    uniqueIndex('topic_lead_uq').on(t.leadId),
    uniqueIndex('topic_article_uq').on(t.articleId),
  ],
);

/**
 * A comment on an article (批注), made during a review round. A thread starts at a quote anchored to the visible text
 * of the version it was made on (UTF-16 offsets, as the compliance findings count); replies belong to a thread and
 * carry no anchor of their own. The author resolves a thread once it is dealt with.
 */
export const articleComments = pgTable(
  'article_comment',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    reviewStepId: integer('review_step_id').references(() => reviewSteps.id, { onDelete: 'set null' }),
    parentId: integer('parent_id').references((): AnyPgColumn => articleComments.id, { onDelete: 'cascade' }),
    authorUserId: integer('author_user_id').notNull(),
    quote: text('quote'),
    anchorStart: integer('anchor_start'),
    anchorEnd: integer('anchor_end'),
    anchorVersion: integer('anchor_version'),
    body: text('body').notNull(),
    resolvedBy: integer('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('article_comment_article_idx').on(t.articleId, t.id),
    index('article_comment_parent_idx').on(t.parentId),
    // A thread has its whole anchor, a reply none of it; resolution has both who and when, or neither.
    check('article_comment_anchor_ck', sql`(${t.parentId} is null) = (${t.quote} is not null and ${t.anchorStart} is not null and ${t.anchorEnd} is not null and ${t.anchorVersion} is not null)`),
    check('article_comment_resolved_ck', sql`(${t.resolvedBy} is null) = (${t.resolvedAt} is null)`),
  ],
);

export const assetKinds = ['image', 'video', 'attachment'] as const;
export const assetStatuses = ['active', 'archived'] as const;
export const consentStatuses = ['none', 'obtained'] as const;

/**
 * 素材: an image, video or attachment of the asset library, stored through FileStorage under generated names. An image
 * is kept only as re-encoded without its EXIF/GPS metadata, with a WebP thumbnail. A photo that shows a patient carries
 * the patient's consent (知情同意): who obtained it, when, and optionally the scanned form.
 */
export const assets = pgTable(
  'asset',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    departmentId: integer('department_id').notNull(),
    kind: text('kind', { enum: assetKinds }).notNull(),
    originalFilename: text('original_filename').notNull(),
    /** Sniffed from the file's magic number, never taken from the client. */
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width'),
    height: integer('height'),
    storedFile: text('stored_file').notNull(),
    thumbnailFile: text('thumbnail_file'),
    title: text('title').notNull(),
    caption: text('caption'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** Photographer or source as credited (摄影/来源). */
    credit: text('credit'),
    showsPatient: boolean('shows_patient').notNull().default(false),
    consent: text('consent', { enum: consentStatuses }).notNull().default('none'),
    consentObtainedBy: text('consent_obtained_by'),
    consentDate: date('consent_date'),
    consentScanFile: text('consent_scan_file'),
    consentScanContentType: text('consent_scan_content_type'),
    uploadedBy: integer('uploaded_by').notNull(),
    status: text('status', { enum: assetStatuses }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('asset_hospital_idx').on(t.hospitalId, t.status, t.id),
    index('asset_department_idx').on(t.departmentId, t.id),
    index('asset_tags_idx').using('gin', t.tags),
    // Consent recorded means recorded in full: who obtained it and on which day.
    check('asset_consent_ck', sql`${t.consent} = 'none' or (${t.consentObtainedBy} is not null and ${t.consentDate} is not null)`),
  ],
);
