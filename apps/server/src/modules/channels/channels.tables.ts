import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import type { DeliveryCheckpoint, PublicationVariant } from './adapters/channel-adapter.ts';
import { channelKinds } from './channel-kinds.ts';
import { publicationStatuses } from './publication-states.ts';

/** 阵地: one row per channel the hospital speaks through. */
export const channels = pgTable(
  'channel',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    kind: text('kind', { enum: channelKinds }).notNull(),
    name: text('name').notNull(),
    ownerDepartmentId: integer('owner_department_id').notNull(),
    managerUserId: integer('manager_user_id'),
    /** 备案 data: record number, account id, verified subject, URL … as the platform knows them. */
    registration: jsonb('registration').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    /** Non-secret integration settings (appId, URL). */
    settings: jsonb('settings').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    /** Secret settings, AES-256-GCM encrypted as one JSON document: never leaves the server in clear. */
    secretsCiphertext: text('secrets_ciphertext'),
    status: text('status', { enum: ['active', 'paused', 'retired'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('channel_hospital_kind_name_uq').on(t.hospitalId, t.kind, t.name), index('channel_owner_idx').on(t.ownerDepartmentId)],
);

/** 栏目 of a channel, e.g. 《肿而言之》《问答互动》. */
export const channelColumns = pgTable(
  'channel_column',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    channelId: integer('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('channel_column_name_uq').on(t.channelId, t.name)],
);

/** One article on one channel: when, where, and what the platform said. */
export const publications = pgTable(
  'publication',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    articleId: integer('article_id').notNull(),
    channelId: integer('channel_id').notNull().references(() => channels.id),
    /** The channel's column (栏目) it appears in, when the channel has columns: the website lists it on the column's page. */
    columnId: integer('column_id').references(() => channelColumns.id),
    status: text('status', { enum: publicationStatuses }).notNull(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    externalId: text('external_id'),
    externalUrl: text('external_url'),
    /** Offline placements: where and how it was shown (宣传栏位置, 期号 …). */
    placement: jsonb('placement').$type<Record<string, string>>(),
    /** What this channel gets of the article (platform channels); the website and offline placements show the article itself. */
    variant: jsonb('variant').$type<PublicationVariant>(),
    /** Progress of a multi-step delivery, so that a retry resumes instead of repeating what the platform already has. */
    checkpoint: jsonb('checkpoint').$type<DeliveryCheckpoint>().notNull().default(sql`'{}'::jsonb`),
    attempts: integer('attempts').notNull().default(0),
    /** Set while a delivery attempt talks to the platform; still set after a crash, which tells recovery the outcome is unknown. */
    attemptStartedAt: timestamp('attempt_started_at', { withTimezone: true }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    polls: integer('polls').notNull().default(0),
    lastError: text('last_error'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdBy: integer('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    /**
     * Never twice: an article has at most one publication on a channel that is not withdrawn (scheduled, publishing,
     * published, withdrawing, or failed and not yet abandoned). Withdrawn ones stay as history, so an article can be
     * published again to a channel once its previous publication there is withdrawn.
     */
    uniqueIndex('publication_article_channel_open_uq').on(t.articleId, t.channelId).where(sql`status <> 'withdrawn'`),
    index('publication_article_channel_idx').on(t.articleId, t.channelId),
    index('publication_channel_published_idx').on(t.channelId, t.status, t.publishedAt),
    index('publication_column_published_idx').on(t.columnId, t.status, t.publishedAt).where(sql`column_id is not null`),
    index('publication_in_flight_idx').on(t.attemptStartedAt).where(sql`attempt_started_at is not null`),
  ],
);
