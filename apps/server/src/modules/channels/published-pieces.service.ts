import { and, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { articleFactsByIds } from '../content/article-facts.service.ts';
import { usersByIds } from '../org/directory.service.ts';
import type { ChannelKind } from './channel-kinds.ts';
import { channels, publications } from './channels.tables.ts';

/** Credit roles that make a credited user an author; 编辑 is the publicity department's own work on the piece. */
const authorCreditRoles = new Set(['供稿', '采集', '摄影']);

export type PublishedPiece = {
  publicationId: number;
  articleId: number;
  title: string;
  category: string;
  channelId: number;
  channelKind: ChannelKind;
  channelName: string;
  publishedAt: Date;
  /** One row per department a publication counts for: the article's own ('department') or an author's ('author'). */
  departmentId: number;
  attribution: 'department' | 'author';
};

/**
 * What went out, for counting (targets, points): every publication published within [from, to) and not in the
 * future, attributed to the article's department and to the departments of its authors, once per department.
 */
export async function publishedPieces(db: DbOrTx, hospitalId: number, window: { from: Date; to: Date; departmentIds?: number[] }): Promise<PublishedPiece[]> {
  const rows = await db
    .select({
      publicationId: publications.id,
      articleId: publications.articleId,
      publishedAt: publications.publishedAt,
      channelId: channels.id,
      channelKind: channels.kind,
      channelName: channels.name,
    })
    .from(publications)
    .innerJoin(channels, eq(channels.id, publications.channelId))
    .where(
      and(
        eq(publications.hospitalId, hospitalId),
        eq(publications.status, 'published'),
        gte(publications.publishedAt, window.from),
        lt(publications.publishedAt, window.to),
        lte(publications.publishedAt, sql`now()`),
      ),
    );
  const facts = await articleFactsByIds(db, hospitalId, [...new Set(rows.map((r) => r.articleId))]);
  const authorIds = (a: (typeof facts)[number]) => [a.authorUserId, ...a.credits.flatMap((c) => (c.userId !== undefined && authorCreditRoles.has(c.role) ? [c.userId] : []))];
  const people = await usersByIds(db, hospitalId, [...new Set(facts.flatMap(authorIds))]);
  const departmentOf = new Map(people.map((p) => [p.id, p.departmentId]));
  const attributed = new Map(
    facts.map((a) => {
      const departments = new Map<number, PublishedPiece['attribution']>([[a.departmentId, 'department']]);
      for (const userId of authorIds(a)) {
        const departmentId = departmentOf.get(userId);
        if (departmentId !== undefined && !departments.has(departmentId)) departments.set(departmentId, 'author');
      }
      return [a.id, { article: a, departments }];
    }),
  );
  const wanted = window.departmentIds && new Set(window.departmentIds);
  return rows.flatMap((r) => {
    const entry = attributed.get(r.articleId);
    if (!entry) return [];
    return [...entry.departments]
      .filter(([departmentId]) => !wanted || wanted.has(departmentId))
      .map(([departmentId, attribution]) => ({
        publicationId: r.publicationId,
        articleId: r.articleId,
        title: entry.article.title,
        category: entry.article.category,
        channelId: r.channelId,
        channelKind: r.channelKind,
        channelName: r.channelName,
        publishedAt: r.publishedAt!,
        departmentId,
        attribution,
      }));
  });
}
