import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { channels, publications } from './channels.tables.ts';

/**
 * For modules that react to publication events, where no request names a hospital (points): every publication of
 * an article and whether it counts now — published and showing, the same rule as published pieces.
 */
export async function publicationsOfArticle(db: DbOrTx, articleId: number) {
  return db
    .select({
      publicationId: publications.id,
      hospitalId: publications.hospitalId,
      channelId: channels.id,
      channelKind: channels.kind,
      channelName: channels.name,
      publishedAt: publications.publishedAt,
      status: publications.status,
      live: sql<boolean>`${publications.status} = 'published' and ${publications.publishedAt} <= now()`,
    })
    .from(publications)
    .innerJoin(channels, eq(channels.id, publications.channelId))
    .where(eq(publications.articleId, articleId))
    .orderBy(asc(publications.publishedAt), asc(publications.id));
}
