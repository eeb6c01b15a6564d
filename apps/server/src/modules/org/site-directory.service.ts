import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { departments } from './org.tables.ts';

/** The departments patients look for on the website (科室导航): active clinical and medical-technical ones. */
const siteKinds = ['clinical', 'medical_tech'] as const;

const siteColumns = { id: departments.id, name: departments.name, kind: departments.kind, updatedAt: departments.updatedAt };
const shownOnSite = (hospitalId: number) => and(eq(departments.hospitalId, hospitalId), eq(departments.status, 'active'), inArray(departments.kind, [...siteKinds]));

/** For the portal, in the hospital's order; a hospital has a few hundred departments at most. */
export async function siteDepartments(db: Db, hospitalId: number) {
  return db.select(siteColumns).from(departments).where(shownOnSite(hospitalId)).orderBy(asc(departments.kind), asc(departments.sortOrder), asc(departments.name));
}

export async function siteDepartment(db: Db, hospitalId: number, id: number) {
  const [row] = await db.select(siteColumns).from(departments).where(and(shownOnSite(hospitalId), eq(departments.id, id)));
  return row;
}
