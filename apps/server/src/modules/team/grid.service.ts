import { and, arrayContains, arrayOverlaps, asc, eq, gt, ne, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { assertActiveDepartment, listDepartments } from '../org/department.service.ts';
import { departmentsByIds, usersByIds } from '../org/directory.service.ts';
import { assertActiveUser } from '../org/user.service.ts';
import { chinaDate } from './period.ts';
import { assertManagesTeam, ownDepartmentUnlessHospitalWide } from './team.policy.ts';
import { correspondents, gridLevels, type GridRole } from './team.tables.ts';

type LevelRow = typeof gridLevels.$inferSelect;
type MemberRow = typeof correspondents.$inferSelect;
type MemberStatus = MemberRow['status'];

/** Seed 002's 四级宣传网格, which every hospital starts with. */
const defaultLevels = [
  { position: 1, name: '医院宣传部', description: '统筹全院宣传工作：策划选题、审核发布、管理阵地、组织培训' },
  { position: 2, name: '党支部宣传委员', description: '负责本支部的宣传和意识形态工作，兼任舆情管理专员' },
  { position: 3, name: '科室通讯员', description: '收集本科室新闻线索、撰写稿件、报告舆情信息' },
  { position: 4, name: '全体职工', description: '人人都是宣传员：提供线索、参与活动、转发传播' },
];

function toLevel(r: LevelRow) {
  return { id: r.id, position: r.position, name: r.name, description: r.description, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

/** A hospital without levels gets the default four, made by the platform (audited as such), once however many ask at once. */
async function levelRows(db: Db, ctx: RequestContext) {
  const hospitalId = ctx.actor.hospitalId;
  const read = () => db.select().from(gridLevels).where(eq(gridLevels.hospitalId, hospitalId)).orderBy(asc(gridLevels.position), asc(gridLevels.id));
  const rows = await read();
  if (rows.length > 0) return rows;
  await db.transaction(async (tx) => {
    const created = await tx.insert(gridLevels).values(defaultLevels.map((l) => ({ ...l, hospitalId }))).onConflictDoNothing().returning();
    if (created.length === 0) return;
    await recordAudit(tx, { actor: null, ip: ctx.ip, requestId: ctx.requestId }, { action: 'grid_level.create_defaults', entityType: 'grid_level', entityId: null, hospitalId, after: created.map(toLevel) });
  });
  return read();
}

export async function listLevels(db: Db, ctx: RequestContext) {
  return { items: (await levelRows(db, ctx)).map(toLevel), nextCursor: null };
}

async function levelRow(db: DbOrTx, ctx: RequestContext, id: number, lock = false) {
  const query = db.select().from(gridLevels).where(and(eq(gridLevels.id, id), eq(gridLevels.hospitalId, ctx.actor.hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

const duplicateLevel = () => errors.conflict('name', '已有同名层级', 'A level with this name exists');

export type LevelInput = { name: string; position?: number; description?: string | null };

export async function createLevel(db: Db, ctx: RequestContext, input: LevelInput) {
  assertManagesTeam(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      const [{ last }] = await tx.select({ last: sql<number>`coalesce(max(${gridLevels.position}), 0)` }).from(gridLevels).where(eq(gridLevels.hospitalId, ctx.actor.hospitalId));
      const [row] = await tx
        .insert(gridLevels)
        .values({ hospitalId: ctx.actor.hospitalId, name: input.name, position: input.position ?? Number(last) + 1, description: input.description ?? null })
        .returning();
      await recordAudit(tx, ctx, { action: 'grid_level.create', entityType: 'grid_level', entityId: row.id, hospitalId: row.hospitalId, after: toLevel(row) });
      return toLevel(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'grid_level_name_uq')) throw duplicateLevel();
    throw err;
  }
}

export async function updateLevel(db: Db, ctx: RequestContext, id: number, patch: Partial<LevelInput>) {
  assertManagesTeam(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      const before = await levelRow(tx, ctx, id, true);
      if (!before) throw errors.notFound('grid_level');
      const [row] = await tx.update(gridLevels).set({ ...patch, updatedAt: sql`now()` }).where(eq(gridLevels.id, id)).returning();
      await recordAudit(tx, ctx, { action: 'grid_level.update', entityType: 'grid_level', entityId: id, hospitalId: row.hospitalId, before: toLevel(before), after: toLevel(row) });
      return toLevel(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'grid_level_name_uq')) throw duplicateLevel();
    throw err;
  }
}

export async function deleteLevel(db: Db, ctx: RequestContext, id: number) {
  assertManagesTeam(ctx.actor);
  await db.transaction(async (tx) => {
    const before = await levelRow(tx, ctx, id, true);
    if (!before) throw errors.notFound('grid_level');
    const [member] = await tx.select({ id: correspondents.id }).from(correspondents).where(eq(correspondents.levelId, id)).limit(1);
    if (member) throw errors.conflict('id', '该层级下还有宣传员，请先调整他们的层级', 'People are still on this level; move them first');
    await tx.delete(gridLevels).where(eq(gridLevels.id, id));
    await recordAudit(tx, ctx, { action: 'grid_level.delete', entityType: 'grid_level', entityId: id, hospitalId: before.hospitalId, before: toLevel(before) });
  });
}

/** Members with the names a reader needs: the person, their home department, the departments they cover. */
async function namedMembers(db: DbOrTx, hospitalId: number, rows: MemberRow[]) {
  const people = new Map((await usersByIds(db, hospitalId, [...new Set(rows.map((r) => r.userId))])).map((p) => [p.id, p]));
  const departmentIds = new Set([...rows.flatMap((r) => r.departmentIds), ...[...people.values()].map((p) => p.departmentId)]);
  const departmentNames = new Map((await departmentsByIds(db, hospitalId, [...departmentIds])).map((d) => [d.id, d.name]));
  return rows.map((r) => {
    const person = people.get(r.userId);
    return {
      id: r.id,
      userId: r.userId,
      displayName: person?.displayName ?? '',
      username: person?.username ?? '',
      homeDepartmentId: person?.departmentId ?? null,
      homeDepartmentName: person ? (departmentNames.get(person.departmentId) ?? '') : '',
      levelId: r.levelId,
      gridRoles: r.gridRoles,
      departments: r.departmentIds.map((id) => ({ id, name: departmentNames.get(id) ?? '' })),
      since: r.since,
      status: r.status,
      note: r.note,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

export type MemberFilter = { limit: number; cursor?: string; levelId?: number; gridRole?: GridRole; departmentId?: number; status?: MemberStatus; userId?: number };

/** Hospital-wide roles list the whole grid; everyone else the people who cover their own department. */
export async function listMembers(db: Db, ctx: RequestContext, filter: MemberFilter) {
  const after = decodeCursor(filter.cursor);
  const own = ownDepartmentUnlessHospitalWide(ctx.actor);
  const conditions: (SQL | undefined)[] = [
    eq(correspondents.hospitalId, ctx.actor.hospitalId),
    after === undefined ? undefined : gt(correspondents.id, after),
    filter.levelId === undefined ? undefined : eq(correspondents.levelId, filter.levelId),
    filter.gridRole ? arrayContains(correspondents.gridRoles, [filter.gridRole]) : undefined,
    filter.departmentId === undefined ? undefined : arrayContains(correspondents.departmentIds, [filter.departmentId]),
    own === undefined ? undefined : arrayContains(correspondents.departmentIds, [own]),
    filter.status ? eq(correspondents.status, filter.status) : undefined,
    filter.userId === undefined ? undefined : eq(correspondents.userId, filter.userId),
  ];
  const rows = await db.select().from(correspondents).where(and(...conditions)).orderBy(asc(correspondents.id)).limit(filter.limit + 1);
  const page = pageOf(rows, filter.limit, (r) => r);
  return { items: await namedMembers(db, ctx.actor.hospitalId, page.items), nextCursor: page.nextCursor };
}

async function memberRow(db: DbOrTx, ctx: RequestContext, id: number, lock = false) {
  const own = ownDepartmentUnlessHospitalWide(ctx.actor);
  const query = db
    .select()
    .from(correspondents)
    .where(and(eq(correspondents.id, id), eq(correspondents.hospitalId, ctx.actor.hospitalId), own === undefined ? undefined : arrayContains(correspondents.departmentIds, [own])));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('correspondent');
  return row;
}

export async function getMember(db: Db, ctx: RequestContext, id: number) {
  const [member] = await namedMembers(db, ctx.actor.hospitalId, [await memberRow(db, ctx, id)]);
  return member;
}

export type MemberInput = {
  userId: number;
  levelId: number;
  gridRoles: GridRole[];
  /** Default: the person's home department. */
  departmentIds?: number[];
  since?: string;
  status?: MemberStatus;
  note?: string | null;
};

async function assertMemberReferences(tx: DbOrTx, ctx: RequestContext, input: Partial<MemberInput>) {
  if (input.levelId !== undefined && !(await levelRow(tx, ctx, input.levelId))) throw errors.invalidField('levelId', '网格层级不存在', 'Unknown grid level');
  for (const [index, departmentId] of (input.departmentIds ?? []).entries()) await assertActiveDepartment(tx, ctx.actor.hospitalId, departmentId, `departmentIds.${index}`);
}

const alreadyInGrid = () => errors.conflict('userId', '此人已在宣传网格中', 'This person is already in the grid');

export async function createMember(db: Db, ctx: RequestContext, input: MemberInput) {
  assertManagesTeam(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      await assertActiveUser(tx, ctx.actor.hospitalId, input.userId, 'userId');
      await assertMemberReferences(tx, ctx, input);
      const [person] = await usersByIds(tx, ctx.actor.hospitalId, [input.userId]);
      const [row] = await tx
        .insert(correspondents)
        .values({
          hospitalId: ctx.actor.hospitalId,
          userId: input.userId,
          levelId: input.levelId,
          gridRoles: [...new Set(input.gridRoles)],
          departmentIds: [...new Set(input.departmentIds ?? [person.departmentId])],
          since: input.since ?? chinaDate(new Date()),
          status: input.status ?? 'active',
          note: input.note ?? null,
        })
        .returning();
      const [member] = await namedMembers(tx, ctx.actor.hospitalId, [row]);
      await recordAudit(tx, ctx, { action: 'correspondent.create', entityType: 'correspondent', entityId: row.id, hospitalId: row.hospitalId, after: member });
      return member;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'correspondent_user_uq')) throw alreadyInGrid();
    throw err;
  }
}

export async function updateMember(db: Db, ctx: RequestContext, id: number, patch: Partial<Omit<MemberInput, 'userId'>>) {
  assertManagesTeam(ctx.actor);
  return db.transaction(async (tx) => {
    const before = await memberRow(tx, ctx, id, true);
    await assertMemberReferences(tx, ctx, patch);
    const changes = {
      ...patch,
      gridRoles: patch.gridRoles && [...new Set(patch.gridRoles)],
      departmentIds: patch.departmentIds && [...new Set(patch.departmentIds)],
    };
    const [row] = await tx.update(correspondents).set({ ...changes, updatedAt: sql`now()` }).where(eq(correspondents.id, id)).returning();
    const [was, is] = await namedMembers(tx, ctx.actor.hospitalId, [before, row]);
    await recordAudit(tx, ctx, { action: 'correspondent.update', entityType: 'correspondent', entityId: id, hospitalId: row.hospitalId, before: was, after: is });
    return is;
  });
}

export async function deleteMember(db: Db, ctx: RequestContext, id: number) {
  assertManagesTeam(ctx.actor);
  await db.transaction(async (tx) => {
    const before = await memberRow(tx, ctx, id, true);
    const [was] = await namedMembers(tx, ctx.actor.hospitalId, [before]);
    await tx.delete(correspondents).where(eq(correspondents.id, id));
    await recordAudit(tx, ctx, { action: 'correspondent.delete', entityType: 'correspondent', entityId: id, hospitalId: before.hospitalId, before: was });
  });
}

/** For the commendation list: the people in the grid as 通讯员 now. */
export async function activeCorrespondentIds(db: DbOrTx, hospitalId: number) {
  const rows = await db
    .select({ userId: correspondents.userId })
    .from(correspondents)
    .where(and(eq(correspondents.hospitalId, hospitalId), eq(correspondents.status, 'active'), arrayContains(correspondents.gridRoles, ['correspondent'])));
  return new Set(rows.map((r) => r.userId));
}

/** For reminders: per department, the people active in the grid as its 通讯员 (a person may cover several departments). */
export async function activeCorrespondentsOf(db: DbOrTx, hospitalId: number, departmentIds: number[]) {
  const byDepartment = new Map<number, number[]>();
  if (departmentIds.length === 0) return byDepartment;
  const rows = await db
    .select({ userId: correspondents.userId, departmentIds: correspondents.departmentIds })
    .from(correspondents)
    .where(
      and(
        eq(correspondents.hospitalId, hospitalId),
        eq(correspondents.status, 'active'),
        arrayContains(correspondents.gridRoles, ['correspondent']),
        arrayOverlaps(correspondents.departmentIds, departmentIds),
      ),
    )
    .orderBy(asc(correspondents.id));
  for (const row of rows) {
    for (const departmentId of row.departmentIds) {
      if (departmentIds.includes(departmentId)) byDepartment.set(departmentId, [...(byDepartment.get(departmentId) ?? []), row.userId]);
    }
  }
  return byDepartment;
}

/**
 * The grid at a glance: people per level, and per active department who covers it. A department without an active
 * 通讯员 (a party branch: without a 宣传委员) is a gap in the grid.
 */
export async function gridOverview(db: Db, ctx: RequestContext) {
  const hospitalId = ctx.actor.hospitalId;
  const levels = await levelRows(db, ctx);
  const perLevel = new Map(
    (
      await db
        .select({ levelId: correspondents.levelId, members: sql<number>`count(*)::int` })
        .from(correspondents)
        .where(and(eq(correspondents.hospitalId, hospitalId), ne(correspondents.status, 'left')))
        .groupBy(correspondents.levelId)
    ).map((r) => [r.levelId, r.members]),
  );
  const { rows: coverage } = await db.execute<{ department_id: number; members: number; correspondents: number; publicity_members: number }>(sql`
    select d.department_id, count(*)::int as members,
      count(*) filter (where 'correspondent' = any(c.grid_roles))::int as correspondents,
      count(*) filter (where 'publicity_member' = any(c.grid_roles))::int as publicity_members
    from ${correspondents} c, unnest(c.department_ids) as d(department_id)
    where c.hospital_id = ${hospitalId} and c.status = 'active'
    group by d.department_id`);
  const covered = new Map(coverage.map((c) => [c.department_id, c]));
  const departments = [];
  let cursor: string | undefined;
  do {
    const page = await listDepartments(db, ctx, { limit: 200, cursor, status: 'active' });
    departments.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const rows = departments
    .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)
    .map((d) => {
      const c = covered.get(d.id);
      const needs: GridRole = d.kind === 'party_branch' ? 'publicity_member' : 'correspondent';
      const counts = { members: c?.members ?? 0, correspondents: c?.correspondents ?? 0, publicityMembers: c?.publicity_members ?? 0 };
      return { departmentId: d.id, departmentName: d.name, kind: d.kind, ...counts, needs, gap: (needs === 'correspondent' ? counts.correspondents : counts.publicityMembers) === 0 };
    });
  return {
    levels: levels.map((l) => ({ ...toLevel(l), members: perLevel.get(l.id) ?? 0 })),
    departments: rows,
    gaps: rows.filter((r) => r.gap).length,
  };
}
