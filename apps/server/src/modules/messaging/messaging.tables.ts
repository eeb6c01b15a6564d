import { sql } from 'drizzle-orm';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';


/** 口径: an approved statement the hospital speaks with, versioned. */
export const statements = pgTable(
  'statement',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    topic: text('topic').notNull(),
    wording: text('wording').notNull(),
    facts: text('facts').notNull().default(''),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    ownerUserId: integer('owner_user_id').notNull(),
    status: text('status', { enum: ['draft', 'approved', 'withdrawn'] }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    approvedBy: integer('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /** jieba tokens of topic, wording, facts and tags joined by spaces, for to_tsvector('simple', …). */
    searchTokens: text('search_tokens').notNull().default(''),
    createdBy: integer('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('statement_search_idx').using('gin', sql`to_tsvector('simple', ${t.searchTokens})`),
    index('statement_hospital_idx').on(t.hospitalId, t.id),
  ],
);

export const statementVersions = pgTable(
  'statement_version',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    statementId: integer('statement_id').notNull().references(() => statements.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'approved', 'withdrawn'] }).notNull(),
    snapshot: jsonb('snapshot')
      .$type<{ topic: string; wording: string; facts: string; tags: string[]; validFrom: string | null; validTo: string | null }>()
      .notNull(),
    changedBy: integer('changed_by').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('statement_version_uq').on(t.statementId, t.version)],
);

/** The hospital's terminology: the canonical name and the variants to replace with it. */
export const terms = pgTable(
  'term',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    canonical: text('canonical').notNull(),
    variants: text('variants').array().notNull(),
    note: text('note'),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('term_hospital_canonical_uq').on(t.hospitalId, t.canonical)],
);

export const lexicons = pgTable(
  'lexicon',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    defaultSeverity: text('default_severity', { enum: ['block', 'warn', 'info'] }).notNull(),
    description: text('description'),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('lexicon_hospital_name_uq').on(t.hospitalId, t.name)],
);

export const lexiconEntries = pgTable(
  'lexicon_entry',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    lexiconId: integer('lexicon_id').notNull().references(() => lexicons.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
    category: text('category').notNull(),
    severity: text('severity', { enum: ['block', 'warn', 'info'] }).notNull(),
    suggestion: text('suggestion'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('lexicon_entry_term_uq').on(t.lexiconId, t.term)],
);

/** Words the checker must never flag (false positives), hospital-wide. */
export const allowedTerms = pgTable(
  'allowed_term',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    term: text('term').notNull(),
    note: text('note'),
    createdBy: integer('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('allowed_term_hospital_term_uq').on(t.hospitalId, t.term)],
);

/** Bumped in the same transaction as any change to terms, lexicons or the allow-list: instances rebuild their checker when it moves. */
export const messagingRevisions = pgTable('messaging_revision', {
  hospitalId: integer('hospital_id').primaryKey(),
  revision: bigint('revision', { mode: 'number' }).notNull().default(0),
});
