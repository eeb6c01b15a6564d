import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import type { FileStorage } from '../../platform/storage.ts';
import { recordAudit } from '../org/audit.service.ts';
import { logoTypes, sniffImageType } from '../org/hospital.service.ts';
import { ingestMentions, type IngestDeps } from './ingestion.service.ts';
import { opinionPolicy, assertManagesOpinion } from './opinion.policy.ts';
import { mentions, opinionClues, opinionClueScreenshots } from './opinion.tables.ts';
import { clueSourceOf } from './source.service.ts';

type ClueRow = typeof opinionClues.$inferSelect;
type ScreenshotRow = typeof opinionClueScreenshots.$inferSelect;

const maxScreenshotsPerClue = 9;
export const maxScreenshotBytes = 10 * 1024 * 1024;

function toScreenshot(s: ScreenshotRow) {
  return { id: s.id, url: `/api/opinion/clues/${s.clueId}/screenshots/${s.id}`, contentType: s.contentType, bytes: s.bytes, createdAt: s.createdAt.toISOString() };
}

function toClue(r: ClueRow, screenshots: ScreenshotRow[]) {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    url: r.url,
    platform: r.platform,
    seenAt: r.seenAt?.toISOString() ?? null,
    departmentId: r.departmentId,
    reportedBy: r.reportedBy,
    status: r.status,
    mentionId: r.mentionId,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    dismissReason: r.dismissReason,
    screenshots: screenshots.map(toScreenshot),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const snapshotOf = (r: ClueRow) => ({ title: r.title, description: r.description, url: r.url, platform: r.platform, status: r.status, mentionId: r.mentionId });

/** Officers see every clue; anyone else the clues they reported. */
function readableBy(ctx: RequestContext): SQL | undefined {
  return opinionPolicy.seesOpinion(ctx.actor) ? undefined : eq(opinionClues.reportedBy, ctx.actor.userId);
}

async function clueRow(db: DbOrTx, ctx: RequestContext, id: number, lock = false) {
  const query = db.select().from(opinionClues).where(and(eq(opinionClues.id, id), eq(opinionClues.hospitalId, ctx.actor.hospitalId), readableBy(ctx)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('opinion_clue');
  return row;
}

async function screenshotsOf(db: DbOrTx, clueIds: number[]) {
  const byClue = new Map<number, ScreenshotRow[]>();
  if (clueIds.length === 0) return byClue;
  const rows = await db.select().from(opinionClueScreenshots).where(inArray(opinionClueScreenshots.clueId, clueIds)).orderBy(asc(opinionClueScreenshots.id));
  for (const s of rows) byClue.set(s.clueId, [...(byClue.get(s.clueId) ?? []), s]);
  return byClue;
}

function assertUndecided(row: ClueRow) {
  if (row.status === 'new') return;
  throw new AppError(409, 'clue_already_decided', { 'zh-CN': '该线索已处理', en: `The clue is already ${row.status}` }, { status: row.status, mentionId: row.mentionId });
}

export type ClueFilter = { limit: number; cursor?: string; status?: ClueRow['status']; mine?: boolean };

export async function listClues(db: Db, ctx: RequestContext, filter: ClueFilter) {
  const before = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(opinionClues.hospitalId, ctx.actor.hospitalId),
    readableBy(ctx),
    filter.mine ? eq(opinionClues.reportedBy, ctx.actor.userId) : undefined,
    filter.status ? eq(opinionClues.status, filter.status) : undefined,
    before === undefined ? undefined : lt(opinionClues.id, before),
  ];
  const rows = await db.select().from(opinionClues).where(and(...conditions)).orderBy(desc(opinionClues.id)).limit(filter.limit + 1);
  const shots = await screenshotsOf(db, rows.slice(0, filter.limit).map((r) => r.id));
  return pageOf(rows, filter.limit, (r) => toClue(r, shots.get(r.id) ?? []));
}

export async function getClue(db: Db, ctx: RequestContext, id: number) {
  const row = await clueRow(db, ctx, id);
  return toClue(row, (await screenshotsOf(db, [id])).get(id) ?? []);
}

export type ClueInput = { title: string; description: string; url?: string | null; platform?: string | null; seenAt?: Date | null };

/** 舆情线索上报: any staff member reports what they saw (人人都是宣传员). */
export async function reportClue(db: Db, ctx: RequestContext, input: ClueInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(opinionClues)
      .values({
        hospitalId: ctx.actor.hospitalId,
        departmentId: ctx.actor.departmentId,
        reportedBy: ctx.actor.userId,
        title: input.title,
        description: input.description,
        url: input.url ?? null,
        platform: input.platform ?? null,
        seenAt: input.seenAt ?? null,
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'opinion_clue.report', entityType: 'opinion_clue', entityId: row.id, hospitalId: row.hospitalId, after: snapshotOf(row) });
    return toClue(row, []);
  });
}

/** The reporter (or an officer) adds a screenshot while the clue is undecided; it must really be a JPEG, PNG or WebP. */
export async function addClueScreenshot(db: Db, storage: FileStorage, ctx: RequestContext, clueId: number, content: Buffer) {
  const current = await clueRow(db, ctx, clueId);
  if (current.reportedBy !== ctx.actor.userId && !opinionPolicy.managesOpinion(ctx.actor)) throw errors.forbidden();
  assertUndecided(current);
  const type = sniffImageType(content);
  if (!type) throw errors.unsupportedMediaType(['JPEG', 'PNG', 'WebP']);
  const stored = await storage.save(`clue-${clueId}`, logoTypes[type], content);
  return db
    .transaction(async (tx) => {
      const before = await clueRow(tx, ctx, clueId, true);
      assertUndecided(before);
      const [{ count }] = await tx.select({ count: sql<number>`count(*)::int` }).from(opinionClueScreenshots).where(eq(opinionClueScreenshots.clueId, clueId));
      if (count >= maxScreenshotsPerClue) throw errors.invalidField('file', `每条线索最多 ${maxScreenshotsPerClue} 张截图`, `A clue has at most ${maxScreenshotsPerClue} screenshots`);
      const [shot] = await tx.insert(opinionClueScreenshots).values({ clueId, storedFile: stored, contentType: type, bytes: content.length, uploadedBy: ctx.actor.userId }).returning();
      await tx.update(opinionClues).set({ updatedAt: sql`now()` }).where(eq(opinionClues.id, clueId));
      await recordAudit(tx, ctx, { action: 'opinion_clue.screenshot.add', entityType: 'opinion_clue', entityId: clueId, hospitalId: before.hospitalId, after: { screenshotId: shot.id, contentType: type, bytes: content.length } });
      return toScreenshot(shot);
    })
    .catch(async (err) => {
      await storage.remove(stored);
      throw err;
    });
}

export async function readClueScreenshot(db: Db, storage: FileStorage, ctx: RequestContext, clueId: number, screenshotId: number) {
  await clueRow(db, ctx, clueId);
  const [shot] = await db.select().from(opinionClueScreenshots).where(and(eq(opinionClueScreenshots.id, screenshotId), eq(opinionClueScreenshots.clueId, clueId)));
  if (!shot) throw errors.notFound('screenshot');
  return { content: await storage.read(shot.storedFile), contentType: shot.contentType };
}

/**
 * An officer confirms a clue into a mention of the hospital's clue source (ingested, analysed and clustered like any
 * other). The mention's external id is the clue's, so confirming can never make two.
 */
export async function confirmClue(db: Db, deps: IngestDeps, ctx: RequestContext, id: number, input: { title?: string; text?: string }) {
  assertManagesOpinion(ctx.actor);
  const clue = await clueRow(db, ctx, id);
  assertUndecided(clue);
  const source = await clueSourceOf(db, ctx.actor.hospitalId, ctx.actor.userId);
  const externalId = `clue-${id}`;
  const result = await ingestMentions(db, deps, source.id, [
    {
      id: externalId,
      title: input.title ?? clue.title,
      text: input.text ?? clue.description,
      url: clue.url,
      // The poster is unknown; where it was seen (微信群, 抖音) is what the desk can show in their place.
      author: clue.platform,
      published_at: (clue.seenAt ?? clue.createdAt).toISOString(),
    },
  ]);
  if (result.errors.length) throw errors.invalidField('text', result.errors[0].messages['zh-CN'], result.errors[0].messages.en);
  const [mention] = await db.select({ id: mentions.id }).from(mentions).where(and(eq(mentions.sourceId, source.id), eq(mentions.externalId, externalId)));
  return db.transaction(async (tx) => {
    const before = await clueRow(tx, ctx, id, true);
    assertUndecided(before);
    const [row] = await tx
      .update(opinionClues)
      .set({ status: 'confirmed', mentionId: mention.id, decidedBy: ctx.actor.userId, decidedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(opinionClues.id, id))
      .returning();
    await recordAudit(tx, ctx, { action: 'opinion_clue.confirm', entityType: 'opinion_clue', entityId: id, hospitalId: row.hospitalId, before: { status: before.status }, after: { status: row.status, mentionId: mention.id } });
    return toClue(row, (await screenshotsOf(tx, [id])).get(id) ?? []);
  });
}

export async function dismissClue(db: Db, ctx: RequestContext, id: number, input: { reason: string }) {
  assertManagesOpinion(ctx.actor);
  return db.transaction(async (tx) => {
    const before = await clueRow(tx, ctx, id, true);
    assertUndecided(before);
    const [row] = await tx
      .update(opinionClues)
      .set({ status: 'dismissed', dismissReason: input.reason, decidedBy: ctx.actor.userId, decidedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(opinionClues.id, id))
      .returning();
    await recordAudit(tx, ctx, { action: 'opinion_clue.dismiss', entityType: 'opinion_clue', entityId: id, hospitalId: row.hospitalId, before: { status: before.status }, after: { status: row.status, reason: input.reason } });
    return toClue(row, (await screenshotsOf(tx, [id])).get(id) ?? []);
  });
}

/**
 * For the team module's points (a confirmed clue counts for its reporter): the clues of a hospital confirmed within a
 * time window, oldest first.
 */
export async function confirmedClues(db: DbOrTx, hospitalId: number, window: { start: Date; end: Date }) {
  return db
    .select({ clueId: opinionClues.id, reportedBy: opinionClues.reportedBy, departmentId: opinionClues.departmentId, mentionId: opinionClues.mentionId, confirmedAt: opinionClues.decidedAt })
    .from(opinionClues)
    .where(and(eq(opinionClues.hospitalId, hospitalId), eq(opinionClues.status, 'confirmed'), gte(opinionClues.decidedAt, window.start), lt(opinionClues.decidedAt, window.end)))
    .orderBy(asc(opinionClues.decidedAt));
}
