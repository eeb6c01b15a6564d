import { and, eq, inArray, sql } from 'drizzle-orm';
import { visibleText } from '../../../../../packages/text/src/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { websiteArticleIdsAfter } from '../channels/website-listing.service.ts';
import { articlesByIds } from '../content/article.service.ts';
import { searchSegmenter } from '../messaging/search-segmenter.ts';
import { siteSearchEntries } from './portal.tables.ts';

/**
 * The site's search: jieba tokens of an article's title, subtitle, summary and visible text in a GIN-indexed
 * tsvector, as the house rule for Chinese search says. Entries are written when an article is published
 * (`indexForSearch` on the event) and at start for any the index lacks (`indexMissingArticles`).
 */

export async function indexForSearch(db: Db, hospitalId: number, articleIds: number[]) {
  const found = await articlesByIds(db, hospitalId, articleIds);
  if (found.length === 0) return;
  const segmenter = await searchSegmenter();
  const rows = found.map((a) => ({
    articleId: a.id,
    hospitalId,
    searchTokens: segmenter.tokensForSearch([a.title, a.subtitle ?? '', a.summary ?? '', visibleText(a.bodyHtml)].join('\n')),
  }));
  await db
    .insert(siteSearchEntries)
    .values(rows)
    .onConflictDoUpdate({ target: siteSearchEntries.articleId, set: { searchTokens: sql`excluded.search_tokens`, indexedAt: sql`now()` } });
}

const scanBatch = 1_000;
/** jieba runs on the event loop: a few articles at a time, so that requests are served in between. */
const indexBatch = 50;

/** Articles sent to the website before the index existed, or whose event a crash lost; stops between batches when asked. */
export async function indexMissingArticles(db: Db, hospitalId: number, stopped: () => boolean) {
  let after = 0;
  while (!stopped()) {
    const batch = await websiteArticleIdsAfter(db, hospitalId, after, scanBatch);
    if (batch.length === 0) return;
    after = batch[batch.length - 1].publicationId;
    const ids = batch.map((b) => b.articleId);
    const indexed = new Set(
      (await db.select({ id: siteSearchEntries.articleId }).from(siteSearchEntries).where(inArray(siteSearchEntries.articleId, ids))).map((r) => r.id),
    );
    const missing = ids.filter((id) => !indexed.has(id));
    for (let i = 0; i < missing.length && !stopped(); i += indexBatch) await indexForSearch(db, hospitalId, missing.slice(i, i + indexBatch));
  }
}

/** A visitor's query as search tokens; empty when it has no word to look for. */
export async function searchTokensOf(q: string) {
  return (await searchSegmenter()).tokensForSearch(q);
}

/** The articles whose text has every one of `tokens`, as a subquery of ids (not run here: a query builder is a thenable). */
export function articlesMatching(db: Db, hospitalId: number, tokens: string) {
  return db
    .select({ id: siteSearchEntries.articleId })
    .from(siteSearchEntries)
    .where(and(eq(siteSearchEntries.hospitalId, hospitalId), sql`to_tsvector('simple', ${siteSearchEntries.searchTokens}) @@ plainto_tsquery('simple', ${tokens})`));
}
