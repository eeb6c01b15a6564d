import { randomBytes } from 'node:crypto';
import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import type { SecretBox } from '../../platform/secret-box.ts';
import { recordAudit } from '../org/audit.service.ts';
import { assertManagesOpinion, assertSeesOpinion } from './opinion.policy.ts';
import { mentions, opinionSources, type SourceKind } from './opinion.tables.ts';

type SourceRow = typeof opinionSources.$inferSelect;

/** A source as read: its settings and its health (mentions of the last 24 hours counted from the mention index). */
export function toSource(r: SourceRow, itemsPerDay: number) {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    url: r.url,
    status: r.status,
    pollIntervalMinutes: r.pollIntervalMinutes,
    weight: r.weight,
    hasSecret: r.secretCiphertext !== null,
    health: {
      lastPolledAt: r.lastPolledAt?.toISOString() ?? null,
      lastSuccessAt: r.lastSuccessAt?.toISOString() ?? null,
      lastErrorAt: r.lastErrorAt?.toISOString() ?? null,
      lastError: r.lastError,
      consecutiveFailures: r.consecutiveFailures,
      nextPollAt: r.nextPollAt?.toISOString() ?? null,
      bozoReason: r.bozoReason,
      itemsPerDay,
    },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const snapshotOf = (r: SourceRow) => ({ kind: r.kind, name: r.name, url: r.url, status: r.status, pollIntervalMinutes: r.pollIntervalMinutes, weight: r.weight });

const itemsPerDayOf = (id: SQL | typeof opinionSources.id) =>
  sql<number>`(select count(*)::int from ${mentions} where ${mentions.sourceId} = ${id} and ${mentions.ingestedAt} > now() - interval '1 day')`;

const duplicateName = () => errors.conflict('name', '已有同名来源', 'A source with this name exists');

/** Feed URLs must be http(s) without credentials; where they point is checked at every fetch (SSRF guard). */
function assertFeedUrl(url: string | null | undefined) {
  let parsed: URL | undefined;
  try {
    parsed = url ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password) {
    throw errors.invalidField('url', '请填写 http 或 https 开头的订阅地址（不含账号密码）', 'A feed needs an http(s) URL without credentials');
  }
}

/** A push source's HMAC key: shown once at creation or rotation, stored sealed. */
function newSecret() {
  return `rms_${randomBytes(32).toString('base64url')}`;
}

export async function sourceRow(db: DbOrTx, hospitalId: number, id: number, lock = false) {
  const query = db.select().from(opinionSources).where(and(eq(opinionSources.id, id), eq(opinionSources.hospitalId, hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('opinion_source');
  return row;
}

export type SourceFilter = { limit: number; cursor?: string; kind?: SourceKind };

export async function listSources(db: Db, ctx: RequestContext, filter: SourceFilter) {
  assertSeesOpinion(ctx.actor);
  const after = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(opinionSources.hospitalId, ctx.actor.hospitalId),
    after === undefined ? undefined : gt(opinionSources.id, after),
    filter.kind ? eq(opinionSources.kind, filter.kind) : undefined,
  ];
  const rows = await db
    .select({ source: opinionSources, itemsPerDay: itemsPerDayOf(opinionSources.id) })
    .from(opinionSources)
    .where(and(...conditions))
    .orderBy(asc(opinionSources.id))
    .limit(filter.limit + 1);
  return pageOf(rows.map((r) => ({ ...r, id: r.source.id })), filter.limit, (r) => toSource(r.source, r.itemsPerDay));
}

/** Reads one source with its health; for the other opinion services and the routes. */
export async function readSource(db: DbOrTx, hospitalId: number, id: number) {
  const row = await sourceRow(db, hospitalId, id);
  const { rows } = await db.execute<{ count: number }>(sql`select ${itemsPerDayOf(sql`${id}`)} as count`);
  return toSource(row, rows[0].count);
}

export async function getSource(db: Db, ctx: RequestContext, id: number) {
  assertSeesOpinion(ctx.actor);
  return readSource(db, ctx.actor.hospitalId, id);
}

export type SourceInput = {
  kind: SourceKind;
  name: string;
  url?: string | null;
  pollIntervalMinutes?: number;
  weight?: number;
  status?: SourceRow['status'];
};

/** Creates a source; a push source gets its HMAC secret, returned here once. */
export async function createSource(db: Db, secrets: SecretBox, ctx: RequestContext, input: SourceInput) {
  assertManagesOpinion(ctx.actor);
  if (input.kind === 'rss') assertFeedUrl(input.url);
  const secret = input.kind === 'push' ? newSecret() : null;
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(opinionSources)
        .values({
          hospitalId: ctx.actor.hospitalId,
          kind: input.kind,
          name: input.name,
          url: input.url ?? null,
          pollIntervalMinutes: input.pollIntervalMinutes,
          weight: input.weight,
          status: input.status,
          nextPollAt: input.kind === 'rss' ? sql`now()` : null,
          secretCiphertext: secret ? secrets.seal({ secret }) : null,
          createdBy: ctx.actor.userId,
        })
        .returning();
      await recordAudit(tx, ctx, { action: 'opinion_source.create', entityType: 'opinion_source', entityId: row.id, hospitalId: row.hospitalId, after: snapshotOf(row) });
      return { ...toSource(row, 0), ...(secret ? { secret } : {}) };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'opinion_source_hospital_name_uq')) throw duplicateName();
    throw err;
  }
}

export type SourcePatch = Partial<Omit<SourceInput, 'kind'>>;

export async function updateSource(db: Db, ctx: RequestContext, id: number, patch: SourcePatch) {
  assertManagesOpinion(ctx.actor);
  try {
    const row = await db.transaction(async (tx) => {
      const before = await sourceRow(tx, ctx.actor.hospitalId, id, true);
      if (before.kind === 'rss' && patch.url !== undefined) assertFeedUrl(patch.url);
      const urlChanged = patch.url !== undefined && patch.url !== before.url;
      const resumed = patch.status === 'active' && before.status !== 'active';
      const [after] = await tx
        .update(opinionSources)
        .set({
          ...patch,
          // A new address has its own validators; a feed fixed or resumed is polled at once, its backoff forgotten.
          ...(urlChanged ? { etag: null, lastModified: null } : {}),
          ...(before.kind === 'rss' && (urlChanged || resumed) ? { nextPollAt: sql`now()`, consecutiveFailures: 0 } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(opinionSources.id, id))
        .returning();
      await recordAudit(tx, ctx, { action: 'opinion_source.update', entityType: 'opinion_source', entityId: id, hospitalId: after.hospitalId, before: snapshotOf(before), after: snapshotOf(after) });
      return after;
    });
    return readSource(db, ctx.actor.hospitalId, row.id);
  } catch (err) {
    if (isUniqueViolation(err, 'opinion_source_hospital_name_uq')) throw duplicateName();
    throw err;
  }
}

/** A new HMAC secret for a push source; the old one stops working at once. */
export async function rotateSourceSecret(db: Db, secrets: SecretBox, ctx: RequestContext, id: number) {
  assertManagesOpinion(ctx.actor);
  return db.transaction(async (tx) => {
    const before = await sourceRow(tx, ctx.actor.hospitalId, id, true);
    if (before.kind !== 'push') throw errors.invalidField('kind', '只有推送来源有签名密钥', 'Only push sources have a signing secret');
    const secret = newSecret();
    await tx.update(opinionSources).set({ secretCiphertext: secrets.seal({ secret }), updatedAt: sql`now()` }).where(eq(opinionSources.id, id));
    await recordAudit(tx, ctx, { action: 'opinion_source.rotate_secret', entityType: 'opinion_source', entityId: id, hospitalId: before.hospitalId });
    return { secret };
  });
}

/** A source that has mentions stays (they point at it): pause it instead. */
export async function deleteSource(db: Db, ctx: RequestContext, id: number) {
  assertManagesOpinion(ctx.actor);
  await db.transaction(async (tx) => {
    const before = await sourceRow(tx, ctx.actor.hospitalId, id, true);
    const [used] = await tx.select({ id: mentions.id }).from(mentions).where(eq(mentions.sourceId, id)).limit(1);
    if (used) throw new AppError(409, 'source_in_use', { 'zh-CN': '该来源已有舆情信息，不能删除，请改为暂停', en: 'The source has mentions; pause it instead' });
    await tx.delete(opinionSources).where(eq(opinionSources.id, id));
    await recordAudit(tx, ctx, { action: 'opinion_source.delete', entityType: 'opinion_source', entityId: id, hospitalId: before.hospitalId, before: snapshotOf(before) });
  });
}

/** The plain HMAC key of a push source, for verifying a signed batch. */
export function sourceSecretOf(secrets: SecretBox, row: SourceRow): string | null {
  return row.secretCiphertext ? (secrets.open(row.secretCiphertext).secret ?? null) : null;
}

/** The hospital's source for confirmed staff clues (its first manual source), created on first use. */
export async function clueSourceOf(tx: DbOrTx, hospitalId: number, createdBy: number) {
  const manual = () =>
    tx.select().from(opinionSources).where(and(eq(opinionSources.hospitalId, hospitalId), eq(opinionSources.kind, 'manual'))).orderBy(asc(opinionSources.id)).limit(1);
  const [found] = await manual();
  if (found) return found;
  await tx.insert(opinionSources).values({ hospitalId, kind: 'manual', name: '员工上报线索', createdBy }).onConflictDoNothing();
  const [created] = await manual();
  if (!created) throw duplicateName();
  return created;
}
