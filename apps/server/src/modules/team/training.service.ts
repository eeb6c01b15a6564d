import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { departmentsByIds, usersByIds } from '../org/directory.service.ts';
import { orgPolicy } from '../org/org.policy.ts';
import { assertActiveUser } from '../org/user.service.ts';
import { chinaDayEnd, chinaDayStart } from './period.ts';
import { settleTraining } from './points-sources.ts';
import { assertManagesTeam, ownDepartmentUnlessHospitalWide } from './team.policy.ts';
import { trainingAttendances, trainings, type Attendance } from './team.tables.ts';

type TrainingRow = typeof trainings.$inferSelect;

function toTraining(r: TrainingRow, counts?: { attendees: number; present: number }) {
  return {
    id: r.id,
    topic: r.topic,
    trainer: r.trainer,
    startsAt: r.startsAt.toISOString(),
    place: r.place,
    description: r.description,
    attendees: counts?.attendees ?? 0,
    present: counts?.present ?? 0,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function attendanceCounts(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return new Map<number, { attendees: number; present: number }>();
  const rows = await db
    .select({
      trainingId: trainingAttendances.trainingId,
      attendees: sql<number>`count(*)::int`,
      present: sql<number>`(count(*) filter (where ${trainingAttendances.attendance} = 'present'))::int`,
    })
    .from(trainingAttendances)
    .where(inArray(trainingAttendances.trainingId, ids))
    .groupBy(trainingAttendances.trainingId);
  return new Map(rows.map((r) => [r.trainingId, r]));
}

export type TrainingFilter = { limit: number; cursor?: string; from?: string; to?: string };

/** Sessions are announced to the whole hospital: everyone lists them, newest first. */
export async function listTrainings(db: Db, ctx: RequestContext, filter: TrainingFilter) {
  const before = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(trainings.hospitalId, ctx.actor.hospitalId),
    before === undefined ? undefined : lt(trainings.id, before),
    filter.from ? gte(trainings.startsAt, chinaDayStart(filter.from)) : undefined,
    filter.to ? lt(trainings.startsAt, chinaDayEnd(filter.to)) : undefined,
  ];
  const rows = await db.select().from(trainings).where(and(...conditions)).orderBy(desc(trainings.id)).limit(filter.limit + 1);
  const page = pageOf(rows, filter.limit, (r) => r);
  const counts = await attendanceCounts(db, page.items.map((r) => r.id));
  return { items: page.items.map((r) => toTraining(r, counts.get(r.id))), nextCursor: page.nextCursor };
}

async function trainingRow(db: DbOrTx, ctx: RequestContext, id: number, lock = false) {
  const query = db.select().from(trainings).where(and(eq(trainings.id, id), eq(trainings.hospitalId, ctx.actor.hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('training');
  return row;
}

/** A session with its attendance list; outside the hospital-wide roles, the list shows one's own department's people. */
export async function getTraining(db: DbOrTx, ctx: RequestContext, id: number) {
  const row = await trainingRow(db, ctx, id);
  const marks = await db.select().from(trainingAttendances).where(eq(trainingAttendances.trainingId, id)).orderBy(asc(trainingAttendances.id));
  const people = new Map((await usersByIds(db, ctx.actor.hospitalId, marks.map((m) => m.userId))).map((p) => [p.id, p]));
  const departments = new Map((await departmentsByIds(db, ctx.actor.hospitalId, [...new Set([...people.values()].map((p) => p.departmentId))])).map((d) => [d.id, d.name]));
  const own = ownDepartmentUnlessHospitalWide(ctx.actor);
  const attendees = marks.flatMap((m) => {
    const person = people.get(m.userId);
    if (!person || (own !== undefined && person.departmentId !== own)) return [];
    return [{ userId: m.userId, displayName: person.displayName, departmentId: person.departmentId, departmentName: departments.get(person.departmentId) ?? '', attendance: m.attendance, recordedAt: m.recordedAt?.toISOString() ?? null }];
  });
  return { ...toTraining(row, { attendees: marks.length, present: marks.filter((m) => m.attendance === 'present').length }), attendeeList: attendees };
}

export type TrainingInput = { topic: string; trainer: string; startsAt: Date; place: string; description?: string | null };

export async function createTraining(db: Db, ctx: RequestContext, input: TrainingInput) {
  assertManagesTeam(ctx.actor);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(trainings)
      .values({ hospitalId: ctx.actor.hospitalId, topic: input.topic, trainer: input.trainer, startsAt: input.startsAt, place: input.place, description: input.description ?? null, createdBy: ctx.actor.userId })
      .returning();
    await recordAudit(tx, ctx, { action: 'training.create', entityType: 'training', entityId: row.id, hospitalId: row.hospitalId, after: toTraining(row) });
    return getTraining(tx, ctx, row.id);
  });
}

/** A session moved to another date is settled again: the training rules valid on its new date count for those present. */
export async function updateTraining(db: Db, ctx: RequestContext, id: number, patch: Partial<TrainingInput>) {
  assertManagesTeam(ctx.actor);
  return db.transaction(async (tx) => {
    const before = await trainingRow(tx, ctx, id, true);
    const [row] = await tx.update(trainings).set({ ...patch, updatedAt: sql`now()` }).where(eq(trainings.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'training.update', entityType: 'training', entityId: id, hospitalId: row.hospitalId, before: toTraining(before), after: toTraining(row) });
    await settleTraining(tx, row.hospitalId, id);
    return getTraining(tx, ctx, id);
  });
}

/** A session someone attended is part of their record (and their points): it cannot be deleted. */
export async function deleteTraining(db: Db, ctx: RequestContext, id: number) {
  assertManagesTeam(ctx.actor);
  await db.transaction(async (tx) => {
    const before = await trainingRow(tx, ctx, id, true);
    const [attended] = await tx.select({ id: trainingAttendances.id }).from(trainingAttendances).where(and(eq(trainingAttendances.trainingId, id), eq(trainingAttendances.attendance, 'present'))).limit(1);
    if (attended) throw errors.conflict('id', '已有人员出席该培训，不能删除', 'People attended this session; it cannot be deleted');
    await tx.delete(trainings).where(eq(trainings.id, id));
    await recordAudit(tx, ctx, { action: 'training.delete', entityType: 'training', entityId: id, hospitalId: before.hospitalId, before: toTraining(before) });
  });
}

export async function addAttendees(db: Db, ctx: RequestContext, id: number, userIds: number[]) {
  assertManagesTeam(ctx.actor);
  return db.transaction(async (tx) => {
    const training = await trainingRow(tx, ctx, id, true);
    for (const [index, userId] of userIds.entries()) await assertActiveUser(tx, ctx.actor.hospitalId, userId, `userIds.${index}`);
    const added = await tx
      .insert(trainingAttendances)
      .values([...new Set(userIds)].map((userId) => ({ trainingId: id, userId })))
      .onConflictDoNothing()
      .returning({ userId: trainingAttendances.userId });
    await recordAudit(tx, ctx, { action: 'training.attendees_add', entityType: 'training', entityId: id, hospitalId: training.hospitalId, after: { userIds: added.map((a) => a.userId) } });
    return getTraining(tx, ctx, id);
  });
}

export async function removeAttendee(db: Db, ctx: RequestContext, id: number, userId: number) {
  assertManagesTeam(ctx.actor);
  return db.transaction(async (tx) => {
    const training = await trainingRow(tx, ctx, id, true);
    const [removed] = await tx.delete(trainingAttendances).where(and(eq(trainingAttendances.trainingId, id), eq(trainingAttendances.userId, userId))).returning();
    if (!removed) throw errors.notFound('training_attendance');
    await recordAudit(tx, ctx, { action: 'training.attendee_remove', entityType: 'training', entityId: id, hospitalId: training.hospitalId, before: { userId, attendance: removed.attendance } });
    await settleTraining(tx, training.hospitalId, id);
    return getTraining(tx, ctx, id);
  });
}

const notStarted = () =>
  new AppError(409, 'training_not_started', { 'zh-CN': '培训尚未开始，不能登记出勤', en: 'The session has not started; attendance cannot be recorded yet' });

/** 签到: attendance of people on the list, once the session has started; points follow in the same transaction. */
export async function recordAttendance(db: Db, ctx: RequestContext, id: number, items: { userId: number; attendance: Attendance }[]) {
  assertManagesTeam(ctx.actor);
  return db.transaction(async (tx) => {
    const training = await trainingRow(tx, ctx, id, true);
    if (training.startsAt > new Date() && items.some((i) => i.attendance !== 'pending')) throw notStarted();
    const listed = new Map((await tx.select().from(trainingAttendances).where(eq(trainingAttendances.trainingId, id))).map((a) => [a.userId, a.attendance]));
    items.forEach((item, index) => {
      if (!listed.has(item.userId)) throw errors.invalidField(`items.${index}.userId`, '此人不在培训名单中', 'This person is not on the attendance list');
    });
    for (const item of items) {
      await tx
        .update(trainingAttendances)
        .set({ attendance: item.attendance, recordedBy: ctx.actor.userId, recordedAt: sql`now()` })
        .where(and(eq(trainingAttendances.trainingId, id), eq(trainingAttendances.userId, item.userId)));
    }
    await recordAudit(tx, ctx, {
      action: 'training.attendance',
      entityType: 'training',
      entityId: id,
      hospitalId: training.hospitalId,
      before: items.map((i) => ({ userId: i.userId, attendance: listed.get(i.userId) })),
      after: items,
    });
    await settleTraining(tx, training.hospitalId, id);
    return getTraining(tx, ctx, id);
  });
}

/** 培训记录: the sessions a person was listed for, with their attendance; theirs, their department's, or anyone's for hospital-wide roles. */
export async function personTrainingRecord(db: Db, ctx: RequestContext, userId: number) {
  const [person] = await usersByIds(db, ctx.actor.hospitalId, [userId]);
  if (!person || !(person.id === ctx.actor.userId || orgPolicy.canReadUsersOf(ctx.actor, person.departmentId))) throw errors.notFound('user');
  const rows = await db
    .select({ training: trainings, attendance: trainingAttendances.attendance })
    .from(trainingAttendances)
    .innerJoin(trainings, eq(trainings.id, trainingAttendances.trainingId))
    .where(and(eq(trainingAttendances.userId, userId), eq(trainings.hospitalId, ctx.actor.hospitalId)))
    .orderBy(desc(trainings.startsAt));
  const count = (mark: Attendance) => rows.filter((r) => r.attendance === mark).length;
  return {
    userId,
    displayName: person.displayName,
    summary: { sessions: rows.length, present: count('present'), absent: count('absent'), excused: count('excused') },
    items: rows.map((r) => ({ trainingId: r.training.id, topic: r.training.topic, trainer: r.training.trainer, startsAt: r.training.startsAt.toISOString(), place: r.training.place, attendance: r.attendance })),
  };
}
