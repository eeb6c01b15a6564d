import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, real, smallint, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import { categories, polarities } from './analysis/types.ts';

export const sourceKinds = ['rss', 'push', 'import', 'manual'] as const;
export type SourceKind = (typeof sourceKinds)[number];

/** The analysis fields' values are the analysis engine's (opinion-risk.md). */
export { polarities, type Polarity } from './analysis/types.ts';
export { categories as mentionCategories, type Category as MentionCategory } from './analysis/types.ts';

/** 舆情来源: a feed polled on a schedule, a vendor pushing to the ingest endpoint, spreadsheet imports, staff clues. */
export const opinionSources = pgTable(
  'opinion_source',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    kind: text('kind', { enum: sourceKinds }).notNull(),
    name: text('name').notNull(),
    /** The feed's URL (rss); for other kinds, where the data comes from, for the record. */
    url: text('url'),
    status: text('status', { enum: ['active', 'paused'] }).notNull().default('active'),
    pollIntervalMinutes: integer('poll_interval_minutes').notNull().default(15),
    /** How far one mention from here reaches (a national outlet weighs more than a forum), for the analysis and reach. */
    weight: real('weight').notNull().default(1),
    /** Conditional GET validators the feed's server gave last time. */
    etag: text('etag'),
    lastModified: text('last_modified'),
    nextPollAt: timestamp('next_poll_at', { withTimezone: true }),
    lastPolledAt: timestamp('last_polled_at', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    lastError: text('last_error'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    /** Why the last fetched feed was ill-formed (it was parsed as far as it went); null when it was well-formed. */
    bozoReason: text('bozo_reason'),
    /** The HMAC key of a push source, sealed with the platform SecretBox; never leaves the server after creation. */
    secretCiphertext: text('secret_ciphertext'),
    createdBy: integer('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('opinion_source_hospital_name_uq').on(t.hospitalId, t.name),
    index('opinion_source_due_idx').on(t.nextPollAt).where(sql`kind = 'rss' and status = 'active'`),
  ],
);

/** A near-duplicate story: reposts and rewrites of one first mention. */
export const mentionClusters = pgTable(
  'mention_cluster',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    firstMentionId: integer('first_mention_id'),
    title: text('title').notNull().default(''),
    size: integer('size').notNull().default(0),
    /** Sum over its mentions of (1 + reposts + comments + likes) × the source's weight. */
    reach: real('reach').notNull().default(0),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** Mentions added in the hour before last_seen_at, and the most ever added within one such hour: the growth. */
    lastHourCount: integer('last_hour_count').notNull().default(0),
    peakHourCount: integer('peak_hour_count').notNull().default(0),
    maxRisk: smallint('max_risk').notNull().default(0),
    aboutHospital: boolean('about_hospital').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('mention_cluster_hospital_last_seen_idx').on(t.hospitalId, t.lastSeenAt),
    index('mention_cluster_first_mention_idx').on(t.firstMentionId),
  ],
);

/** 舆情信息: one post, article or comment about (or possibly about) the hospital, with its analysis. */
export const mentions = pgTable(
  'mention',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    sourceId: integer('source_id').notNull().references(() => opinionSources.id),
    /** The source's own id of the item (guid, post id, row key): with source_id, what makes ingestion idempotent. */
    externalId: text('external_id').notNull(),
    url: text('url'),
    title: text('title').notNull().default(''),
    text: text('text').notNull().default(''),
    author: text('author'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** When it happened as far as we know: published_at, unless missing or in the future, else the ingestion time. */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    reposts: integer('reposts').notNull().default(0),
    comments: integer('comments').notNull().default(0),
    likes: integer('likes').notNull().default(0),
    /** The item as the source gave it. */
    raw: jsonb('raw'),
    ingestedAt: timestamp('ingested_at', { withTimezone: true }).notNull().defaultNow(),
    aboutHospital: boolean('about_hospital').notNull(),
    polarity: text('polarity', { enum: polarities }).notNull(),
    risk: smallint('risk').notNull(),
    category: text('category', { enum: categories }).notNull(),
    clusterId: integer('cluster_id').references((): AnyPgColumn => mentionClusters.id),
    /** The rules and terms that explain the analysis. */
    reasons: jsonb('reasons').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Fields an officer corrected (their values above are the officer's), with who did it last. */
    correctedFields: text('corrected_fields').array().notNull().default(sql`'{}'::text[]`),
    correctedBy: integer('corrected_by'),
    correctedAt: timestamp('corrected_at', { withTimezone: true }),
    /** jieba tokens of title, text and author joined by spaces, for to_tsvector('simple', …). */
    searchTokens: text('search_tokens').notNull().default(''),
  },
  (t) => [
    uniqueIndex('mention_source_external_uq').on(t.sourceId, t.externalId),
    index('mention_hospital_id_idx').on(t.hospitalId, t.id),
    index('mention_hospital_risk_idx').on(t.hospitalId, t.risk, t.id),
    index('mention_hospital_occurred_idx').on(t.hospitalId, t.occurredAt),
    index('mention_cluster_idx').on(t.clusterId, t.occurredAt),
    index('mention_source_ingested_idx').on(t.sourceId, t.ingestedAt),
    index('mention_search_idx').using('gin', sql`to_tsvector('simple', ${t.searchTokens})`),
  ],
);

/** An officer's correction of a mention's analysis: kept for the record and for retraining the classifier. */
export const mentionCorrections = pgTable(
  'mention_correction',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    mentionId: integer('mention_id').notNull().references(() => mentions.id, { onDelete: 'cascade' }),
    before: jsonb('before').$type<Record<string, unknown>>().notNull(),
    after: jsonb('after').$type<Record<string, unknown>>().notNull(),
    reason: text('reason').notNull(),
    /** The analysis' reasons at the time: the rule or term that misled it. */
    analysisReasons: jsonb('analysis_reasons').$type<string[]>().notNull(),
    correctedBy: integer('corrected_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('mention_correction_mention_idx').on(t.mentionId, t.id), index('mention_correction_hospital_idx').on(t.hospitalId, t.id)],
);

export const watchRuleKinds = ['name', 'alias', 'campus', 'department', 'staff', 'exclude'] as const;
export type WatchRuleKind = (typeof watchRuleKinds)[number];

/** 监测规则: the hospital profile the analysis matches, one term a row; seeded from the organisation's name book. */
export const watchRules = pgTable(
  'watch_rule',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    kind: text('kind', { enum: watchRuleKinds }).notNull(),
    term: text('term').notNull(),
    note: text('note'),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    /** `org` rows were seeded from the name book and departments; `manual` ones an officer added. */
    origin: text('origin', { enum: ['org', 'manual'] }).notNull().default('manual'),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('watch_rule_hospital_kind_term_uq').on(t.hospitalId, t.kind, t.term)],
);

export const clueStatuses = ['new', 'confirmed', 'dismissed'] as const;

/** 舆情线索: something a staff member saw and reported by hand, with screenshots; an officer confirms it into a mention. */
export const opinionClues = pgTable(
  'opinion_clue',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    departmentId: integer('department_id').notNull(),
    reportedBy: integer('reported_by').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    url: text('url'),
    /** Where it was seen: 微博, 抖音, a WeChat group, a ward corridor. */
    platform: text('platform'),
    seenAt: timestamp('seen_at', { withTimezone: true }),
    status: text('status', { enum: clueStatuses }).notNull().default('new'),
    mentionId: integer('mention_id').references(() => mentions.id),
    decidedBy: integer('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    dismissReason: text('dismiss_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('opinion_clue_hospital_idx').on(t.hospitalId, t.id), index('opinion_clue_reporter_idx').on(t.reportedBy, t.id)],
);

export const opinionClueScreenshots = pgTable(
  'opinion_clue_screenshot',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    clueId: integer('clue_id').notNull().references(() => opinionClues.id, { onDelete: 'cascade' }),
    storedFile: text('stored_file').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    uploadedBy: integer('uploaded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('opinion_clue_screenshot_clue_idx').on(t.clueId, t.id)],
);
