import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { errors } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import type { FileStorage } from '../../platform/storage.ts';
import { recordAudit } from './audit.service.ts';
import { assertAdmin } from './org.policy.ts';
import { hospitals } from './org.tables.ts';

type HospitalRow = typeof hospitals.$inferSelect;

export function toHospital(row: HospitalRow) {
  return {
    id: row.id,
    fullName: row.fullName,
    shortNames: row.shortNames,
    formerNames: row.formerNames,
    publicPhones: row.publicPhones,
    logoUrl: row.logoFile ? `/api/hospital/logo?v=${encodeURIComponent(row.logoFile)}` : null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function hospitalRow(db: Db, id: number) {
  const [row] = await db.select().from(hospitals).where(eq(hospitals.id, id));
  if (!row) throw errors.notFound('hospital');
  return row;
}

export async function getHospital(db: Db, ctx: RequestContext) {
  return toHospital(await hospitalRow(db, ctx.actor.hospitalId));
}

export type HospitalPatch = { fullName?: string; shortNames?: string[]; formerNames?: string[]; publicPhones?: string[] };

export async function updateHospital(db: Db, ctx: RequestContext, patch: HospitalPatch) {
  assertAdmin(ctx.actor);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(hospitals).where(eq(hospitals.id, ctx.actor.hospitalId)).for('update');
    const [after] = await tx
      .update(hospitals)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(hospitals.id, ctx.actor.hospitalId))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'hospital.update', entityType: 'hospital', entityId: after.id, hospitalId: after.id,
      before: toHospital(before), after: toHospital(after),
    });
    return toHospital(after);
  });
}

export const logoTypes: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** Magic numbers: a logo must really be the image type it claims (no SVG: it can carry script). */
export function sniffImageType(content: Buffer): string | null {
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.subarray(0, 4).toString('latin1') === 'RIFF' && content.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

export async function setHospitalLogo(db: Db, storage: FileStorage, ctx: RequestContext, content: Buffer) {
  assertAdmin(ctx.actor);
  const type = sniffImageType(content);
  if (!type) throw errors.unsupportedMediaType(['PNG', 'JPEG', 'WebP']);
  const stored = await storage.save(`logo-${ctx.actor.hospitalId}`, logoTypes[type], content);
  const { result, replaced } = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(hospitals).where(eq(hospitals.id, ctx.actor.hospitalId)).for('update');
    const [after] = await tx
      .update(hospitals)
      .set({ logoFile: stored, logoContentType: type, updatedAt: sql`now()` })
      .where(eq(hospitals.id, ctx.actor.hospitalId))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'hospital.logo.set', entityType: 'hospital', entityId: after.id, hospitalId: after.id,
      before: { logoFile: before.logoFile }, after: { logoFile: after.logoFile, bytes: content.length, type },
    });
    return { result: toHospital(after), replaced: before.logoFile };
  }).catch(async (err) => {
    await storage.remove(stored);
    throw err;
  });
  if (replaced) await storage.remove(replaced);
  return result;
}

export async function clearHospitalLogo(db: Db, storage: FileStorage, ctx: RequestContext) {
  assertAdmin(ctx.actor);
  const { result, removed } = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(hospitals).where(eq(hospitals.id, ctx.actor.hospitalId)).for('update');
    const [after] = await tx
      .update(hospitals)
      .set({ logoFile: null, logoContentType: null, updatedAt: sql`now()` })
      .where(eq(hospitals.id, ctx.actor.hospitalId))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'hospital.logo.clear', entityType: 'hospital', entityId: after.id, hospitalId: after.id,
      before: { logoFile: before.logoFile }, after: { logoFile: null },
    });
    return { result: toHospital(after), removed: before.logoFile };
  });
  if (removed) await storage.remove(removed);
  return result;
}

/** The logo's bytes, or null when the hospital has none (a publication's default cover). */
export async function hospitalLogoOf(db: Db, storage: FileStorage, hospitalId: number) {
  const row = await hospitalRow(db, hospitalId);
  if (!row.logoFile || !row.logoContentType) return null;
  return { content: await storage.read(row.logoFile), contentType: row.logoContentType, file: row.logoFile };
}

export async function readHospitalLogo(db: Db, storage: FileStorage, ctx: RequestContext) {
  const logo = await hospitalLogoOf(db, storage, ctx.actor.hospitalId);
  if (!logo) throw errors.notFound('logo');
  return logo;
}
