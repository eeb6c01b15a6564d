import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { articles } from './content.tables.ts';

/** For counting (targets, points): who and what an article is, without its body. */
export async function articleFactsByIds(db: DbOrTx, hospitalId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: articles.id,
      title: articles.title,
      category: articles.category,
      departmentId: articles.departmentId,
      authorUserId: articles.authorUserId,
      credits: articles.credits,
    })
    .from(articles)
    .where(and(eq(articles.hospitalId, hospitalId), inArray(articles.id, ids)));
}
