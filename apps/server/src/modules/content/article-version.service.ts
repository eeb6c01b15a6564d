import { and, desc, eq, lt } from 'drizzle-orm';
import { visibleText } from '../../../../../packages/text/src/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { usersByIds } from '../org/directory.service.ts';
import { articleRow } from './article.service.ts';
import { articleVersions } from './content.tables.ts';

/** Who saved each version, by name; a user since removed from the directory shows as null. */
async function saverNames(db: Db, hospitalId: number, ids: number[]) {
  const people = await usersByIds(db, hospitalId, [...new Set(ids)]);
  return new Map(people.map((p) => [p.id, p.displayName]));
}

/** The versions of an article, newest first: whoever may read the article may read its history. */
export async function listArticleVersions(db: Db, ctx: RequestContext, articleId: number, filter: { limit: number; cursor?: string }) {
  await articleRow(db, ctx, articleId);
  const before = decodeCursor(filter.cursor);
  const rows = await db
    .select({ id: articleVersions.id, version: articleVersions.version, savedBy: articleVersions.savedBy, savedAt: articleVersions.savedAt })
    .from(articleVersions)
    .where(and(eq(articleVersions.articleId, articleId), before === undefined ? undefined : lt(articleVersions.id, before)))
    .orderBy(desc(articleVersions.id))
    .limit(filter.limit + 1);
  const names = await saverNames(db, ctx.actor.hospitalId, rows.map((r) => r.savedBy));
  return pageOf(rows, filter.limit, (r) => ({ version: r.version, savedBy: r.savedBy, savedByName: names.get(r.savedBy) ?? null, savedAt: r.savedAt.toISOString() }));
}

/** One version as it was saved, with the body's visible text (what a diff and comment anchors compare). */
export async function getArticleVersion(db: Db, ctx: RequestContext, articleId: number, version: number) {
  await articleRow(db, ctx, articleId);
  const [row] = await db.select().from(articleVersions).where(and(eq(articleVersions.articleId, articleId), eq(articleVersions.version, version)));
  if (!row) throw errors.notFound('article version');
  const names = await saverNames(db, ctx.actor.hospitalId, [row.savedBy]);
  return {
    version: row.version,
    savedBy: row.savedBy,
    savedByName: names.get(row.savedBy) ?? null,
    savedAt: row.savedAt.toISOString(),
    snapshot: row.snapshot,
    bodyText: visibleText(row.snapshot.body),
  };
}
