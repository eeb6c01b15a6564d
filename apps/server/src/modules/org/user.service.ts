import { and, arrayContains, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { AuditContext, RequestContext } from '../../platform/http/request-context.ts';
import { eventBus } from '../../platform/events.ts';
import { recordAudit } from './audit.service.ts';
import { assertActiveDepartment, escapeLike } from './department.service.ts';
import { assertAdmin, orgPolicy } from './org.policy.ts';
import { sessions, users } from './org.tables.ts';
import { checkPasswordStrength, hashPassword } from './password.ts';
import type { Role } from './roles.ts';

type UserRow = typeof users.$inferSelect;

/** The public shape of a user: never the password hash. */
export function toUser(r: UserRow) {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    departmentId: r.departmentId,
    roles: r.roles as Role[],
    email: r.email,
    phone: r.phone,
    status: r.status,
    mustChangePassword: r.mustChangePassword,
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function assertStrongPassword(password: string, username: string | undefined, field: string) {
  const problem = checkPasswordStrength(password, username);
  if (problem) throw errors.invalidField(field, problem.zh, problem.en);
}

const duplicateUsername = () => errors.conflict('username', '用户名已被使用', 'This username is taken');

export type UserFilter = { limit: number; cursor?: string; departmentId?: number; role?: Role; status?: UserRow['status']; q?: string };

/** Hospital-wide roles list everyone; other users only see their own department. */
export async function listUsers(db: Db, ctx: RequestContext, filter: UserFilter) {
  const after = decodeCursor(filter.cursor);
  const scopedDepartment = orgPolicy.seesWholeHospital(ctx.actor) ? filter.departmentId : ctx.actor.departmentId;
  if (filter.departmentId !== undefined && scopedDepartment !== filter.departmentId) return { items: [], nextCursor: null };
  const q = filter.q ? `%${escapeLike(filter.q)}%` : undefined;
  const conditions: (SQL | undefined)[] = [
    eq(users.hospitalId, ctx.actor.hospitalId),
    after === undefined ? undefined : gt(users.id, after),
    scopedDepartment === undefined ? undefined : eq(users.departmentId, scopedDepartment),
    filter.role ? arrayContains(users.roles, [filter.role]) : undefined,
    filter.status ? eq(users.status, filter.status) : undefined,
    q ? or(ilike(users.username, q), ilike(users.displayName, q)) : undefined,
  ];
  const rows = await db.select().from(users).where(and(...conditions)).orderBy(asc(users.id)).limit(filter.limit + 1);
  return pageOf(rows, filter.limit, toUser);
}

async function userRow(db: DbOrTx, hospitalId: number, id: number, lock = false) {
  const query = db.select().from(users).where(and(eq(users.id, id), eq(users.hospitalId, hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** For other modules: is this an active user of the hospital? */
export async function assertActiveUser(db: DbOrTx, hospitalId: number, id: number, field: string) {
  const row = await userRow(db, hospitalId, id);
  if (!row || row.status !== 'active') throw errors.invalidField(field, '用户不存在或已停用', 'Unknown or disabled user');
}

export async function getUser(db: Db, ctx: RequestContext, id: number) {
  const row = await userRow(db, ctx.actor.hospitalId, id);
  if (!row || !(orgPolicy.canReadUsersOf(ctx.actor, row.departmentId) || row.id === ctx.actor.userId)) throw errors.notFound('user');
  return toUser(row);
}

export type UserInput = {
  username: string;
  displayName: string;
  password: string;
  departmentId: number;
  roles: Role[];
  email?: string | null;
  phone?: string | null;
};

export async function createUser(db: Db, ctx: RequestContext, input: UserInput) {
  assertAdmin(ctx.actor);
  return insertUser(db, ctx, ctx.actor.hospitalId, input);
}

/** Also used at first start and by the CLI, where no user is acting. */
export async function insertUser(db: DbOrTx, ctx: AuditContext, hospitalId: number, input: UserInput, mustChangePassword = false) {
  assertStrongPassword(input.password, input.username, 'password');
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      await assertActiveDepartment(tx, hospitalId, input.departmentId);
      const [row] = await tx
        .insert(users)
        .values({
          hospitalId,
          username: input.username,
          displayName: input.displayName,
          departmentId: input.departmentId,
          roles: [...new Set(input.roles)],
          email: input.email ?? null,
          phone: input.phone ?? null,
          passwordHash,
          mustChangePassword,
        })
        .returning();
      await recordAudit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: row.id, hospitalId, after: toUser(row) });
      return toUser(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'user_username_uq')) throw duplicateUsername();
    throw err;
  }
}

export type UserPatch = { displayName?: string; departmentId?: number; roles?: Role[]; email?: string | null; phone?: string | null };

export async function updateUser(db: Db, ctx: RequestContext, id: number, patch: UserPatch) {
  assertAdmin(ctx.actor);
  if (id === ctx.actor.userId && patch.roles && !patch.roles.includes('admin')) {
    throw errors.invalidField('roles', '不能移除自己的管理员角色', 'You cannot remove your own admin role');
  }
  return changeUser(db, ctx, id, 'user.update', async (tx) => {
    if (patch.departmentId !== undefined) await assertActiveDepartment(tx, ctx.actor.hospitalId, patch.departmentId);
    return { ...patch, roles: patch.roles ? [...new Set(patch.roles)] : undefined };
  });
}

/** Disabling also ends the user's sessions; their API tokens stop working because the user is checked on every request. */
export async function setUserStatus(db: Db, ctx: RequestContext, id: number, status: UserRow['status']) {
  assertAdmin(ctx.actor);
  if (id === ctx.actor.userId && status === 'disabled') throw errors.invalidField('id', '不能停用自己的账号', 'You cannot disable your own account');
  const user = await changeUser(db, ctx, id, status === 'active' ? 'user.enable' : 'user.disable', async (tx) => {
    if (status === 'disabled') await tx.delete(sessions).where(eq(sessions.userId, id));
    return { status };
  });
  if (status === 'disabled') eventBus.publish('user.sessions_revoked', { userId: id });
  return user;
}

/** An administrator sets a temporary password; the user must replace it at next sign-in. */
export async function resetUserPassword(db: Db, ctx: RequestContext, id: number, newPassword: string) {
  assertAdmin(ctx.actor);
  const target = await userRow(db, ctx.actor.hospitalId, id);
  if (!target) throw errors.notFound('user');
  assertStrongPassword(newPassword, target.username, 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  await changeUser(db, ctx, id, 'user.password.reset', async (tx) => {
    await tx.delete(sessions).where(eq(sessions.userId, id));
    return { passwordHash, mustChangePassword: true };
  });
  eventBus.publish('user.sessions_revoked', { userId: id });
}

async function changeUser(db: Db, ctx: RequestContext, id: number, action: string, prepare: (tx: DbOrTx) => Promise<Partial<UserRow>>) {
  return db.transaction(async (tx) => {
    const before = await userRow(tx, ctx.actor.hospitalId, id, true);
    if (!before) throw errors.notFound('user');
    const changes = await prepare(tx);
    const [row] = await tx.update(users).set({ ...changes, updatedAt: sql`now()` }).where(eq(users.id, id)).returning();
    await recordAudit(tx, ctx, { action, entityType: 'user', entityId: id, hospitalId: row.hospitalId, before: toUser(before), after: toUser(row) });
    return toUser(row);
  });
}
