import { and, asc, count, desc, eq, gt, inArray, lte, max, sql, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { channelColumns, channels, publications } from './channels.tables.ts';

/** For the portal: what the hospital's website shows, and which articles went to it. */

/** Shown now: published on an active website channel, from its publication time on. */
const visibleOnWebsite = (hospitalId: number) =>
  and(
    eq(publications.hospitalId, hospitalId),
    eq(channels.kind, 'website'),
    eq(channels.status, 'active'),
    eq(publications.status, 'published'),
    lte(publications.publishedAt, sql`now()`),
  );

/** The website publication of one article, if the site shows it now, with its column when that column is in use. */
export async function websitePublicationOf(db: Db, hospitalId: number, articleId: number) {
  const [row] = await db
    .select({ id: publications.id, articleId: publications.articleId, publishedAt: publications.publishedAt, columnId: channelColumns.id, columnName: channelColumns.name })
    .from(publications)
    .innerJoin(channels, eq(channels.id, publications.channelId))
    .leftJoin(channelColumns, and(eq(channelColumns.id, publications.columnId), eq(channelColumns.status, 'active')))
    .where(and(visibleOnWebsite(hospitalId), eq(publications.articleId, articleId)))
    .limit(1);
  return row;
}

/**
 * A narrowing of what the website shows: `articleIds`, a subquery another module builds on its own tables (a
 * category's articles, search matches), and `columnId`, one column's publications.
 */
export type WebsiteFilter = { articleIds?: SQLWrapper; columnId?: number };

const narrowedBy = (filter: WebsiteFilter) =>
  and(filter.articleIds && inArray(publications.articleId, filter.articleIds), filter.columnId === undefined ? undefined : eq(publications.columnId, filter.columnId));

/** What the website shows now, newest first; a public site pages by number. */
export async function websitePublications(db: Db, hospitalId: number, page: { limit: number; offset: number } & WebsiteFilter) {
  return db
    .select({ id: publications.id, articleId: publications.articleId, publishedAt: publications.publishedAt })
    .from(publications)
    .innerJoin(channels, eq(channels.id, publications.channelId))
    .where(and(visibleOnWebsite(hospitalId), narrowedBy(page)))
    .orderBy(desc(publications.publishedAt), desc(publications.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function websitePublicationCount(db: Db, hospitalId: number, filter: WebsiteFilter = {}) {
  const [row] = await db
    .select({ n: count() })
    .from(publications)
    .innerJoin(channels, eq(channels.id, publications.channelId))
    .where(and(visibleOnWebsite(hospitalId), narrowedBy(filter)));
  return row.n;
}

/** Every article sent to the website, scheduled ones included, in publication order after `afterId`: for the site's search index. */
export async function websiteArticleIdsAfter(db: Db, hospitalId: number, afterId: number, limit: number) {
  return db
    .select({ publicationId: publications.id, articleId: publications.articleId })
    .from(publications)
    .innerJoin(channels, eq(channels.id, publications.channelId))
    .where(and(eq(publications.hospitalId, hospitalId), eq(channels.kind, 'website'), eq(publications.status, 'published'), gt(publications.id, afterId)))
    .orderBy(asc(publications.id))
    .limit(limit);
}

const websiteColumn = (hospitalId: number) =>
  and(eq(channels.hospitalId, hospitalId), eq(channels.kind, 'website'), eq(channels.status, 'active'), eq(channelColumns.status, 'active'));
const columnFields = { id: channelColumns.id, name: channelColumns.name, description: channelColumns.description, updatedAt: channelColumns.updatedAt };

/** The columns (栏目) of the hospital's active website channels, in use. */
export async function websiteColumns(db: Db, hospitalId: number) {
  return db
    .select(columnFields)
    .from(channelColumns)
    .innerJoin(channels, eq(channels.id, channelColumns.channelId))
    .where(websiteColumn(hospitalId))
    .orderBy(asc(channelColumns.id));
}

/** One website column, if the site has it (the hospital's, on an active website channel, in use). */
export async function websiteColumnOf(db: Db, hospitalId: number, columnId: number) {
  const [row] = await db
    .select(columnFields)
    .from(channelColumns)
    .innerJoin(channels, eq(channels.id, channelColumns.channelId))
    .where(and(websiteColumn(hospitalId), eq(channelColumns.id, columnId)));
  return row;
}

/** For the sitemap: when each website column last got a piece the site shows now. */
export async function websiteColumnsLastPublished(db: Db, hospitalId: number) {
  const rows = await db
    .select({ columnId: publications.columnId, at: max(publications.publishedAt) })
    .from(publications)
    .innerJoin(channels, eq(channels.id, publications.channelId))
    .where(and(visibleOnWebsite(hospitalId), sql`${publications.columnId} is not null`))
    .groupBy(publications.columnId);
  return new Map(rows.map((r) => [r.columnId!, r.at]));
}
