import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { containsTextIfGiven, equalsIfGiven, greaterIfGiven } from '../../platform/db/prepared-filters.ts';
import { errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { AuditContext, RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from './audit.service.ts';
import { assertAdmin } from './org.policy.ts';
import { campuses, departments } from './org.tables.ts';

type DepartmentRow = typeof departments.$inferSelect;
export type DepartmentKind = DepartmentRow['kind'];
export const departmentKinds = ['clinical', 'medical_tech', 'functional', 'party_branch'] as const satisfies readonly DepartmentKind[];

export function toDepartment(r: DepartmentRow) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    campusId: r.campusId,
    parentId: r.parentId,
    code: r.code,
    sortOrder: r.sortOrder,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const duplicateName = () => errors.conflict('name', '已存在同名科室', 'A department with this name already exists');

export type DepartmentFilter = {
  limit: number;
  cursor?: string;
  kind?: DepartmentKind;
  campusId?: number;
  parentId?: number;
  status?: DepartmentRow['status'];
  q?: string;
};

function prepareDepartmentList(db: Db) {
  return db
    .select()
    .from(departments)
    .where(
      and(
        eq(departments.hospitalId, sql.placeholder('hospitalId')),
        greaterIfGiven(departments.id, 'after'),
        equalsIfGiven(departments.kind, 'kind', 'text'),
        equalsIfGiven(departments.campusId, 'campusId', 'int'),
        equalsIfGiven(departments.parentId, 'parentId', 'int'),
        equalsIfGiven(departments.status, 'status', 'text'),
        containsTextIfGiven(departments.name, 'q'),
      ),
    )
    .orderBy(asc(departments.id))
    .limit(sql.placeholder('limit'))
    .prepare('department_list');
}

const preparedLists = new WeakMap<Db, ReturnType<typeof prepareDepartmentList>>();

/** The organisation chart is visible to every signed-in member of the hospital. */
export async function listDepartments(db: Db, ctx: RequestContext, filter: DepartmentFilter) {
  let list = preparedLists.get(db);
  if (!list) preparedLists.set(db, (list = prepareDepartmentList(db)));
  const rows = await list.execute({
    hospitalId: ctx.actor.hospitalId,
    after: decodeCursor(filter.cursor) ?? null,
    kind: filter.kind ?? null,
    campusId: filter.campusId ?? null,
    parentId: filter.parentId ?? null,
    status: filter.status ?? null,
    q: filter.q ? `%${escapeLike(filter.q)}%` : null,
    limit: filter.limit + 1,
  });
  return pageOf(rows, filter.limit, toDepartment);
}

export function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function departmentRow(db: DbOrTx, hospitalId: number, id: number, lock = false) {
  const query = db.select().from(departments).where(and(eq(departments.id, id), eq(departments.hospitalId, hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function getDepartment(db: Db, ctx: RequestContext, id: number) {
  const row = await departmentRow(db, ctx.actor.hospitalId, id);
  if (!row) throw errors.notFound('department');
  return toDepartment(row);
}

/** For other modules: is this an active department of the hospital? */
export async function assertActiveDepartment(db: DbOrTx, hospitalId: number, id: number, field = 'departmentId') {
  const row = await departmentRow(db, hospitalId, id);
  if (!row || row.status !== 'active') throw errors.invalidField(field, '科室不存在或已停用', 'Unknown or disabled department');
  return row;
}

async function assertCampus(tx: DbOrTx, hospitalId: number, campusId: number) {
  const [row] = await tx.select({ id: campuses.id }).from(campuses).where(and(eq(campuses.id, campusId), eq(campuses.hospitalId, hospitalId)));
  if (!row) throw errors.invalidField('campusId', '院区不存在', 'Unknown campus');
}

/** A parent must exist in the same hospital and must not be the department itself or one of its descendants. */
async function assertParent(tx: DbOrTx, hospitalId: number, parentId: number, selfId?: number) {
  if (parentId === selfId) throw errors.invalidField('parentId', '上级科室不能是自身', 'A department cannot be its own parent');
  const parent = await departmentRow(tx, hospitalId, parentId);
  if (!parent) throw errors.invalidField('parentId', '上级科室不存在', 'Unknown parent department');
  if (selfId === undefined) return;
  const { rows } = await tx.execute<{ id: number }>(sql`
    with recursive ancestors(id, parent_id) as (
      select id, parent_id from ${departments} where id = ${parentId}
      union
      select d.id, d.parent_id from ${departments} d join ancestors a on d.id = a.parent_id
    )
    select id from ancestors where id = ${selfId}`);
  if (rows.length > 0) throw errors.invalidField('parentId', '不能把下级科室设为上级', 'The parent would create a cycle');
}

export type DepartmentInput = {
  name: string;
  kind: DepartmentKind;
  campusId?: number | null;
  parentId?: number | null;
  code?: string | null;
  sortOrder?: number;
};

export async function createDepartment(db: Db, ctx: RequestContext, input: DepartmentInput) {
  assertAdmin(ctx.actor);
  return insertDepartment(db, ctx, ctx.actor.hospitalId, input);
}

/** Also used at first start, before any user exists. */
export async function insertDepartment(db: DbOrTx, ctx: AuditContext, hospitalId: number, input: DepartmentInput) {
  try {
    return await db.transaction(async (tx) => {
      if (input.campusId != null) await assertCampus(tx, hospitalId, input.campusId);
      if (input.parentId != null) await assertParent(tx, hospitalId, input.parentId);
      const [row] = await tx
        .insert(departments)
        .values({
          hospitalId,
          name: input.name,
          kind: input.kind,
          campusId: input.campusId ?? null,
          parentId: input.parentId ?? null,
          code: input.code ?? null,
          sortOrder: input.sortOrder ?? 0,
        })
        .returning();
      await recordAudit(tx, ctx, { action: 'department.create', entityType: 'department', entityId: row.id, hospitalId, after: toDepartment(row) });
      return toDepartment(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'department_hospital_name_uq')) throw duplicateName();
    throw err;
  }
}

export type DepartmentPatch = Partial<DepartmentInput>;

export async function updateDepartment(db: Db, ctx: RequestContext, id: number, patch: DepartmentPatch) {
  assertAdmin(ctx.actor);
  return changeDepartment(db, ctx, id, 'department.update', async (tx) => {
    if (patch.campusId != null) await assertCampus(tx, ctx.actor.hospitalId, patch.campusId);
    if (patch.parentId != null) await assertParent(tx, ctx.actor.hospitalId, patch.parentId, id);
    return patch;
  });
}

export async function setDepartmentStatus(db: Db, ctx: RequestContext, id: number, status: DepartmentRow['status']) {
  assertAdmin(ctx.actor);
  return changeDepartment(db, ctx, id, status === 'active' ? 'department.enable' : 'department.disable', async () => ({ status }));
}

async function changeDepartment(
  db: Db,
  ctx: RequestContext,
  id: number,
  action: string,
  prepare: (tx: DbOrTx) => Promise<Partial<DepartmentRow>>,
) {
  try {
    return await db.transaction(async (tx) => {
      const before = await departmentRow(tx, ctx.actor.hospitalId, id, true);
      if (!before) throw errors.notFound('department');
      const changes = await prepare(tx);
      const [row] = await tx.update(departments).set({ ...changes, updatedAt: sql`now()` }).where(eq(departments.id, id)).returning();
      await recordAudit(tx, ctx, { action, entityType: 'department', entityId: id, hospitalId: row.hospitalId, before: toDepartment(before), after: toDepartment(row) });
      return toDepartment(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'department_hospital_name_uq')) throw duplicateName();
    throw err;
  }
}
