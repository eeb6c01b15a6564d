import { and, arrayOverlaps, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { departments, users } from './org.tables.ts';
import type { Role } from './roles.ts';

/** For other modules: names of departments and people by id or by the name a spreadsheet writes, without a request context. */

export type DepartmentEntry = { id: number; name: string; status: 'active' | 'disabled' };
export type PersonEntry = { id: number; username: string; displayName: string; departmentId: number; status: 'active' | 'disabled' };

const departmentColumns = { id: departments.id, name: departments.name, status: departments.status };
const personColumns = { id: users.id, username: users.username, displayName: users.displayName, departmentId: users.departmentId, status: users.status };

/** Spreadsheets break cells over lines (党\n办) and pad them: names compare with all whitespace removed. */
export const withoutWhitespace = (name: string) => name.replace(/\s+/g, '');

export async function departmentsByIds(db: DbOrTx, hospitalId: number, ids: number[]): Promise<DepartmentEntry[]> {
  if (ids.length === 0) return [];
  return db.select(departmentColumns).from(departments).where(and(eq(departments.hospitalId, hospitalId), inArray(departments.id, ids)));
}

/** Departments whose name, whitespace removed, is one of `names` (given whitespace-free). */
export async function departmentsByNames(db: DbOrTx, hospitalId: number, names: string[]): Promise<DepartmentEntry[]> {
  if (names.length === 0) return [];
  return db
    .select(departmentColumns)
    .from(departments)
    .where(and(eq(departments.hospitalId, hospitalId), inArray(sql<string>`regexp_replace(${departments.name}, '\\s+', '', 'g')`, names)));
}

export async function usersByIds(db: DbOrTx, hospitalId: number, ids: number[]): Promise<PersonEntry[]> {
  if (ids.length === 0) return [];
  return db.select(personColumns).from(users).where(and(eq(users.hospitalId, hospitalId), inArray(users.id, ids)));
}

/** Users whose username (any case) or display name is one of `names`; the caller decides what an ambiguous name means. */
export async function usersByNames(db: DbOrTx, hospitalId: number, names: string[]): Promise<PersonEntry[]> {
  if (names.length === 0) return [];
  return db
    .select(personColumns)
    .from(users)
    .where(
      and(
        eq(users.hospitalId, hospitalId),
        or(inArray(sql<string>`lower(${users.username})`, names.map((n) => n.toLowerCase())), inArray(users.displayName, names)),
      ),
    );
}

export type RoleHolder = { id: number; departmentId: number; roles: Role[] };

/**
 * For reminders: the active users holding any of `roles` (all of them, or only those whose home department is one of
 * `departmentIds`), with their roles and department, so the caller can apply its own rule of who may act.
 */
export async function activeUsersWithRoles(db: DbOrTx, hospitalId: number, roles: Role[], departmentIds?: number[]): Promise<RoleHolder[]> {
  if (roles.length === 0 || departmentIds?.length === 0) return [];
  const rows = await db
    .select({ id: users.id, departmentId: users.departmentId, roles: users.roles })
    .from(users)
    .where(
      and(
        eq(users.hospitalId, hospitalId),
        eq(users.status, 'active'),
        arrayOverlaps(users.roles, roles),
        departmentIds === undefined ? undefined : inArray(users.departmentId, departmentIds),
      ),
    );
  return rows.map((r) => ({ ...r, roles: r.roles as Role[] }));
}
