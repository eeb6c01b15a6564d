import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { campuses, departments, hospitals } from './org.tables.ts';

/** Every name the hospital goes by; the messaging module protects them from false findings and retires the former ones. */
export type HospitalNameBook = {
  fullName: string;
  shortNames: string[];
  formerNames: string[];
  publicPhones: string[];
  campusNames: string[];
  departmentNames: string[];
};

/** Changes whenever the hospital profile, a campus or a department changes: a cheap key for caches built from the name book. */
export async function hospitalNameStamp(db: DbOrTx, hospitalId: number): Promise<string> {
  const { rows } = await db.execute<{ stamp: string }>(sql`
    select concat_ws('|',
      (select updated_at from ${hospitals} where id = ${hospitalId}),
      (select concat(max(updated_at), ':', count(*)) from ${campuses} where hospital_id = ${hospitalId}),
      (select concat(max(updated_at), ':', count(*)) from ${departments} where hospital_id = ${hospitalId})
    ) as stamp`);
  return rows[0]?.stamp ?? '';
}

export async function hospitalNameBook(db: DbOrTx, hospitalId: number): Promise<HospitalNameBook> {
  const [hospital] = await db.select().from(hospitals).where(eq(hospitals.id, hospitalId));
  const campusRows = await db.select({ name: campuses.name }).from(campuses).where(eq(campuses.hospitalId, hospitalId));
  const departmentRows = await db
    .select({ name: departments.name })
    .from(departments)
    .where(and(eq(departments.hospitalId, hospitalId), eq(departments.status, 'active')));
  return {
    fullName: hospital?.fullName ?? '',
    shortNames: hospital?.shortNames ?? [],
    formerNames: hospital?.formerNames ?? [],
    publicPhones: hospital?.publicPhones ?? [],
    campusNames: campusRows.map((r) => r.name),
    departmentNames: departmentRows.map((r) => r.name),
  };
}

/** The hospital the built-in website speaks for: the first one of the deployment (multi-hospital sites come with host routing). */
export async function siteHospital(db: DbOrTx) {
  const [row] = await db.select({ id: hospitals.id, fullName: hospitals.fullName, shortNames: hospitals.shortNames }).from(hospitals).orderBy(hospitals.id).limit(1);
  return row;
}
