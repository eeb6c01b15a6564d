import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { articles } from './content.tables.ts';
import type { ArticleCategory } from './review-chain.ts';

/**
 * For the portal: the ids of a hospital's articles of one category or department, as a subquery (not run here)
 * that the channels module narrows website publications by, so that a section pages in one query.
 */
export function articleIdsWhere(db: Db, hospitalId: number, filter: { category?: ArticleCategory; departmentId?: number }) {
  return db
    .select({ id: articles.id })
    .from(articles)
    .where(
      and(
        eq(articles.hospitalId, hospitalId),
        filter.category === undefined ? undefined : eq(articles.category, filter.category),
        filter.departmentId === undefined ? undefined : eq(articles.departmentId, filter.departmentId),
      ),
    );
}
