import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import type { SecretBox } from '../../platform/secret-box.ts';
import type { FileStorage } from '../../platform/storage.ts';
import { recordAudit } from '../org/audit.service.ts';
import { assertActiveDepartment } from '../org/department.service.ts';
import { logoTypes, sniffImageType } from '../org/hospital.service.ts';
import { orgPolicy } from '../org/org.policy.ts';
import { leadPhotos, leads, topics } from './content.tables.ts';
import { assertPlansTopics, assertTopicPlan, insertTopic, plansTopics, toTopic, type TopicPlan } from './topic.service.ts';

type LeadRow = typeof leads.$inferSelect;
type PhotoRow = typeof leadPhotos.$inferSelect;
/** A lead as read, with the topic it became. */
type LeadView = LeadRow & { topicId: number | null };

const maxPhotosPerLead = 9;
export const maxPhotoBytes = 10 * 1024 * 1024;

function toPhoto(p: PhotoRow) {
  return { id: p.id, url: `/api/leads/${p.leadId}/photos/${p.id}`, contentType: p.contentType, bytes: p.bytes, uploadedBy: p.uploadedBy, createdAt: p.createdAt.toISOString() };
}

function toLead(r: LeadView, photos: PhotoRow[]) {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    departmentId: r.departmentId,
    suggestedDate: r.suggestedDate,
    submittedBy: r.submittedBy,
    status: r.status,
    declineReason: r.declineReason,
    topicId: r.topicId,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    photos: photos.map(toPhoto),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const snapshotOf = (r: LeadRow) => ({ title: r.title, description: r.description, departmentId: r.departmentId, suggestedDate: r.suggestedDate, status: r.status });

/** Hospital-wide roles see every lead; everyone else their own department's, and the ones they submitted. */
function readableBy(ctx: RequestContext): SQL | undefined {
  if (orgPolicy.seesWholeHospital(ctx.actor)) return undefined;
  return or(eq(leads.departmentId, ctx.actor.departmentId), eq(leads.submittedBy, ctx.actor.userId));
}

const selectLeads = (db: DbOrTx) => db.select({ lead: leads, topicId: topics.id }).from(leads).leftJoin(topics, eq(topics.leadId, leads.id));

const viewOf = (r: { lead: LeadRow; topicId: number | null }): LeadView => ({ ...r.lead, topicId: r.topicId });

async function leadRow(db: DbOrTx, ctx: RequestContext, id: number, lock = false) {
  const query = selectLeads(db).where(and(eq(leads.id, id), eq(leads.hospitalId, ctx.actor.hospitalId), readableBy(ctx)));
  const [row] = lock ? await query.for('update', { of: leads }) : await query;
  if (!row) throw errors.notFound('lead');
  return viewOf(row);
}

async function photosOf(db: DbOrTx, leadIds: number[]) {
  if (leadIds.length === 0) return new Map<number, PhotoRow[]>();
  const rows = await db.select().from(leadPhotos).where(inArray(leadPhotos.leadId, leadIds)).orderBy(asc(leadPhotos.id));
  const byLead = new Map<number, PhotoRow[]>();
  for (const photo of rows) byLead.set(photo.leadId, [...(byLead.get(photo.leadId) ?? []), photo]);
  return byLead;
}

/** Anyone submits for their own department (人人都是宣传员); hospital-wide roles for any. */
function assertMaySubmitFor(ctx: RequestContext, departmentId: number) {
  if (departmentId !== ctx.actor.departmentId && !orgPolicy.seesWholeHospital(ctx.actor)) {
    throw errors.invalidField('departmentId', '只能为本科室提交线索', 'You can only submit leads for your own department');
  }
}

/** The submitter edits and adds photos; so do the planners. */
function assertMayEdit(ctx: RequestContext, row: LeadRow) {
  if (row.submittedBy !== ctx.actor.userId && !plansTopics(ctx)) throw errors.forbidden();
}

/** Once accepted or declined, a lead is settled: it is neither changed nor decided again. */
function assertUndecided(row: LeadView) {
  if (row.status === 'new') return;
  const outcome = row.status === 'accepted' ? '采纳为选题' : '不予采纳';
  throw new AppError(409, 'lead_already_decided', { 'zh-CN': `线索已${outcome}，不能再修改或处理`, en: `The lead is already ${row.status}` }, { status: row.status, topicId: row.topicId });
}

export type LeadFilter = { limit: number; cursor?: string; status?: LeadRow['status']; departmentId?: number };

export async function listLeads(db: Db, ctx: RequestContext, filter: LeadFilter) {
  const before = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(leads.hospitalId, ctx.actor.hospitalId),
    readableBy(ctx),
    before === undefined ? undefined : lt(leads.id, before),
    filter.status ? eq(leads.status, filter.status) : undefined,
    filter.departmentId === undefined ? undefined : eq(leads.departmentId, filter.departmentId),
  ];
  const rows = (await selectLeads(db).where(and(...conditions)).orderBy(desc(leads.id)).limit(filter.limit + 1)).map(viewOf);
  const photos = await photosOf(db, rows.slice(0, filter.limit).map((r) => r.id));
  return pageOf(rows, filter.limit, (r) => toLead(r, photos.get(r.id) ?? []));
}

export async function getLead(db: Db, ctx: RequestContext, id: number) {
  const row = await leadRow(db, ctx, id);
  return toLead(row, (await photosOf(db, [id])).get(id) ?? []);
}

export type LeadInput = { title: string; description: string; departmentId?: number; suggestedDate?: string | null };

export async function createLead(db: Db, ctx: RequestContext, input: LeadInput) {
  const departmentId = input.departmentId ?? ctx.actor.departmentId;
  assertMaySubmitFor(ctx, departmentId);
  return db.transaction(async (tx) => {
    await assertActiveDepartment(tx, ctx.actor.hospitalId, departmentId);
    const [row] = await tx
      .insert(leads)
      .values({
        hospitalId: ctx.actor.hospitalId,
        departmentId,
        title: input.title,
        description: input.description,
        suggestedDate: input.suggestedDate ?? null,
        submittedBy: ctx.actor.userId,
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'lead.create', entityType: 'lead', entityId: row.id, hospitalId: row.hospitalId, after: snapshotOf(row) });
    return toLead({ ...row, topicId: null }, []);
  });
}

export async function updateLead(db: Db, ctx: RequestContext, id: number, patch: Partial<LeadInput>) {
  return db.transaction(async (tx) => {
    const before = await leadRow(tx, ctx, id, true);
    assertMayEdit(ctx, before);
    assertUndecided(before);
    if (patch.departmentId !== undefined) {
      assertMaySubmitFor(ctx, patch.departmentId);
      await assertActiveDepartment(tx, ctx.actor.hospitalId, patch.departmentId);
    }
    const [row] = await tx.update(leads).set({ ...patch, updatedAt: sql`now()` }).where(eq(leads.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'lead.update', entityType: 'lead', entityId: id, hospitalId: row.hospitalId, before: snapshotOf(before), after: snapshotOf(row) });
    return toLead({ ...row, topicId: null }, (await photosOf(tx, [id])).get(id) ?? []);
  });
}

const photoLimitReached = () =>
  errors.invalidField('file', `每条线索最多 ${maxPhotosPerLead} 张照片`, `A lead has at most ${maxPhotosPerLead} photos`);

/**
 * A photo must really be a JPEG, PNG or WebP (magic numbers, as for the hospital logo). The file is written before the
 * transaction and removed again if the transaction fails, so no row ever points at a missing file.
 */
export async function addLeadPhoto(db: Db, storage: FileStorage, ctx: RequestContext, leadId: number, content: Buffer) {
  const current = await leadRow(db, ctx, leadId);
  assertMayEdit(ctx, current);
  assertUndecided(current);
  const type = sniffImageType(content);
  if (!type) throw errors.unsupportedMediaType(['JPEG', 'PNG', 'WebP']);
  const stored = await storage.save(`lead-${leadId}`, logoTypes[type], content);
  return db
    .transaction(async (tx) => {
      const before = await leadRow(tx, ctx, leadId, true);
      assertUndecided(before);
      const [{ count }] = await tx.select({ count: sql<number>`count(*)::int` }).from(leadPhotos).where(eq(leadPhotos.leadId, leadId));
      if (count >= maxPhotosPerLead) throw photoLimitReached();
      const [photo] = await tx
        .insert(leadPhotos)
        .values({ leadId, storedFile: stored, contentType: type, bytes: content.length, uploadedBy: ctx.actor.userId })
        .returning();
      await tx.update(leads).set({ updatedAt: sql`now()` }).where(eq(leads.id, leadId));
      await recordAudit(tx, ctx, {
        action: 'lead.photo.add', entityType: 'lead', entityId: leadId, hospitalId: before.hospitalId,
        after: { photoId: photo.id, contentType: type, bytes: content.length },
      });
      return toPhoto(photo);
    })
    .catch(async (err) => {
      await storage.remove(stored);
      throw err;
    });
}

/** Photos are served only to those who may read the lead. */
export async function readLeadPhoto(db: Db, storage: FileStorage, ctx: RequestContext, leadId: number, photoId: number) {
  await leadRow(db, ctx, leadId);
  const [photo] = await db.select().from(leadPhotos).where(and(eq(leadPhotos.id, photoId), eq(leadPhotos.leadId, leadId)));
  if (!photo) throw errors.notFound('photo');
  return { content: await storage.read(photo.storedFile), contentType: photo.contentType };
}

/**
 * An editor accepts a lead into a topic: the lead is accepted and the topic created in one transaction, with the lead
 * locked, so accepting twice gives a conflict and never a second topic.
 */
export async function acceptLead(db: Db, secrets: SecretBox, ctx: RequestContext, id: number, input: TopicPlan & { title?: string }) {
  assertPlansTopics(ctx);
  const current = await leadRow(db, ctx, id);
  assertUndecided(current);
  await assertTopicPlan(db, secrets, ctx, current.departmentId, input);
  return db.transaction(async (tx) => {
    const before = await leadRow(tx, ctx, id, true);
    assertUndecided(before);
    const topic = await insertTopic(tx, ctx, {
      title: input.title ?? before.title,
      brief: input.brief,
      departmentId: before.departmentId,
      leadId: id,
      assigneeUserId: input.assigneeUserId,
      dueDate: input.dueDate,
      channelIds: input.channelIds,
    });
    await tx.update(leads).set({ status: 'accepted', decidedBy: ctx.actor.userId, decidedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(leads.id, id));
    await recordAudit(tx, ctx, {
      action: 'lead.accept', entityType: 'lead', entityId: id, hospitalId: before.hospitalId,
      before: { status: before.status }, after: { status: 'accepted', topicId: topic.id },
    });
    return toTopic(ctx, topic);
  });
}

export async function declineLead(db: Db, ctx: RequestContext, id: number, input: { reason: string }) {
  assertPlansTopics(ctx);
  return db.transaction(async (tx) => {
    const before = await leadRow(tx, ctx, id, true);
    assertUndecided(before);
    const [row] = await tx
      .update(leads)
      .set({ status: 'declined', declineReason: input.reason, decidedBy: ctx.actor.userId, decidedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(leads.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'lead.decline', entityType: 'lead', entityId: id, hospitalId: row.hospitalId,
      before: { status: before.status }, after: { status: row.status, reason: input.reason },
    });
    return toLead({ ...row, topicId: null }, (await photosOf(tx, [id])).get(id) ?? []);
  });
}
