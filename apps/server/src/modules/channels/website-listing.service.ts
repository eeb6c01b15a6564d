import { and, asc, count, desc, eq, gt, inArray, lte, sql, type SQLWrapper } from 'drizzle-orm';
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

/** The website publication of one article, if the site shows it now. */
export async function websitePublicationOf(db: Db, hospitalId: number, articleId: number) {
  const [row] = await db
    .select({ id: publications.id, articleId: publications.articleId, publishedAt: publications.publishedAt })
    .from(publications)
    .innerJoin(channels, eq(channels.id, publications.channelId))
    .where(and(visibleOnWebsite(hospitalId), eq(publications.articleId, articleId)))
    .limit(1);
  return row;
}

/**
 * What the website shows now, newest first; a public site pages by number. `articleIds`, a subquery another module
 * builds on its own tables (a category's articles, search matches), narrows it to those articles.
 */
export async function websitePublications(db: Db, hospitalId: number, page: { limit: number; offset: number; articleIds?: SQLWrapper }) {
  return db
    .select({ id: publications.id, articleId: publications.articleId, publishedAt: publications.publishedAt })
    .from(publications)
    .innerJoin(channels, eq(channels.id, publications.channelId))
    .where(and(visibleOnWebsite(hospitalId), page.articleIds && inArray(publications.articleId, page.articleIds)))
    .orderBy(desc(publications.publishedAt), desc(publications.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function websitePublicationCount(db: Db, hospitalId: number, articleIds?: SQLWrapper) {
  const [row] = await db
    .select({ n: count() })
    .from(publications)
    .innerJoin(channels, eq(channels.id, publications.channelId))
    .where(and(visibleOnWebsite(hospitalId), articleIds && inArray(publications.articleId, articleIds)));
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

/** The columns (栏目) of the hospital's active website channels. */
export async function websiteColumns(db: Db, hospitalId: number) {
  return db
    .select({ id: channelColumns.id, name: channelColumns.name, description: channelColumns.description, updatedAt: channelColumns.updatedAt })
    .from(channelColumns)
    .innerJoin(channels, eq(channels.id, channelColumns.channelId))
    .where(and(eq(channels.hospitalId, hospitalId), eq(channels.kind, 'website'), eq(channels.status, 'active'), eq(channelColumns.status, 'active')))
    .orderBy(asc(channelColumns.id));
}
