import { and, count, desc, eq, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/database.ts';
import { errors } from '../http/errors.ts';
import { decodeCursor, pageOf } from '../http/pagination.ts';
import type { RequestContext } from '../http/request-context.ts';
import { notices } from './notices.tables.ts';

export type NoticeInput = {
  hospitalId: number;
  userId: number;
  kind: string;
  title: string;
  body: string;
  /** A console path (`/content/review/12`), never an absolute URL: the console navigates to it. */
  link: string | null;
  /** What caused the notice, unique per user: posting the same key to the same user again adds nothing. */
  sourceKey: string;
};

type NoticeRow = typeof notices.$inferSelect;

const titleLimit = 200;
const bodyLimit = 4000;
const insertBatch = 500;

/** A console path: starts with one slash (not `//host`, not `/\host`), no scheme, no control characters. */
export function isConsolePath(link: string) {
  return /^\/(?![/\\])[^\s\u0000-\u001f]*$/.test(link) && link.length <= 500;
}

const clip = (text: string, limit: number) => (text.length > limit ? `${text.slice(0, limit - 1)}…` : text);

/**
 * Posts notices, each at most once per user and source key (ON CONFLICT DO NOTHING): a reminder job that runs again,
 * is retried, or runs on two instances at once never posts a second copy. Returns how many were new.
 */
export async function postNotices(db: DbOrTx, inputs: NoticeInput[]): Promise<number> {
  let posted = 0;
  for (const input of inputs) {
    if (input.link !== null && !isConsolePath(input.link)) throw new Error(`notice link must be a console path: ${input.link}`);
  }
  for (let start = 0; start < inputs.length; start += insertBatch) {
    const rows = inputs.slice(start, start + insertBatch).map((n) => ({ ...n, title: clip(n.title, titleLimit), body: clip(n.body, bodyLimit) }));
    const inserted = await db.insert(notices).values(rows).onConflictDoNothing({ target: [notices.userId, notices.sourceKey] }).returning({ id: notices.id });
    posted += inserted.length;
  }
  return posted;
}

export function toNotice(r: NoticeRow) {
  return { id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null };
}

/** Only ever the caller's own notices. */
const mine = (ctx: RequestContext): SQL => and(eq(notices.userId, ctx.actor.userId), eq(notices.hospitalId, ctx.actor.hospitalId))!;

/** The caller's notices, newest first, keyset-paginated; `unread` keeps those not read yet. */
export async function listMyNotices(db: Db, ctx: RequestContext, filter: { limit: number; cursor?: string; unread?: boolean }) {
  const before = decodeCursor(filter.cursor);
  const rows = await db
    .select()
    .from(notices)
    .where(and(mine(ctx), before === undefined ? undefined : lt(notices.id, before), filter.unread ? isNull(notices.readAt) : undefined))
    .orderBy(desc(notices.id))
    .limit(filter.limit + 1);
  return pageOf(rows, filter.limit, toNotice);
}

export async function unreadCount(db: Db, ctx: RequestContext) {
  const [row] = await db.select({ count: count() }).from(notices).where(and(mine(ctx), isNull(notices.readAt)));
  return { count: Number(row.count) };
}

/** Marks one of the caller's notices read (again: the first reading time stays); another user's is not found. */
export async function markRead(db: Db, ctx: RequestContext, id: number) {
  const [row] = await db
    .update(notices)
    .set({ readAt: sql`coalesce(${notices.readAt}, now())` })
    .where(and(eq(notices.id, id), mine(ctx)))
    .returning();
  if (!row) throw errors.notFound('notice');
  return toNotice(row);
}

export async function markAllRead(db: Db, ctx: RequestContext) {
  const result = await db.update(notices).set({ readAt: sql`now()` }).where(and(mine(ctx), isNull(notices.readAt)));
  return { count: result.rowCount ?? 0 };
}
