import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The public site's search index: jieba tokens of each article that went to the website, joined by spaces for
 * to_tsvector('simple', …). An approved article's text no longer changes, so an entry is written once; whether the
 * site shows the article is always decided by its publication, never by this table.
 */
export const siteSearchEntries = pgTable(
  'site_search_entry',
  {
    articleId: integer('article_id').primaryKey(),
    hospitalId: integer('hospital_id').notNull(),
    searchTokens: text('search_tokens').notNull(),
    indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('site_search_entry_tokens_idx').using('gin', sql`to_tsvector('simple', ${t.searchTokens})`)],
);
