import { and, arrayContains, asc, count, eq, gt, ilike, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import type { FileStorage } from '../../platform/storage.ts';
import { recordAudit } from '../org/audit.service.ts';
import { assertActiveDepartment, escapeLike } from '../org/department.service.ts';
import { logoTypes, sniffImageType } from '../org/hospital.service.ts';
import { assertActiveUser } from '../org/user.service.ts';
import { experts, type ExpertGridRole } from './experts.tables.ts';

type ExpertRow = typeof experts.$inferSelect;
type ExpertStatus = ExpertRow['status'];

export function toExpert(r: ExpertRow) {
  return {
    id: r.id,
    name: r.name,
    title: r.title,
    departmentId: r.departmentId,
    specialties: r.specialties,
    bio: r.bio,
    clinicHours: r.clinicHours,
    photoUrl: r.photoFile ? `/api/experts/${r.id}/photo?v=${encodeURIComponent(r.photoFile)}` : null,
    userId: r.userId,
    gridRoles: r.gridRoles,
    publicOnSite: r.publicOnSite,
    sortOrder: r.sortOrder,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The publicity department (editors) and administrators keep the expert registry; every signed-in member reads it. */
export function assertCanManageExperts(ctx: RequestContext) {
  if (!ctx.actor.roles.some((r) => r === 'admin' || r === 'editor')) throw errors.forbidden();
}

const duplicateUser = () => errors.conflict('userId', '该用户已有专家档案', 'This user already has an expert profile');

export type ExpertFilter = {
  limit: number;
  cursor?: string;
  departmentId?: number;
  status?: ExpertStatus;
  gridRole?: ExpertGridRole;
  publicOnSite?: boolean;
  q?: string;
};

export async function listExperts(db: Db, ctx: RequestContext, filter: ExpertFilter) {
  const after = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(experts.hospitalId, ctx.actor.hospitalId),
    after === undefined ? undefined : gt(experts.id, after),
    filter.departmentId === undefined ? undefined : eq(experts.departmentId, filter.departmentId),
    filter.status ? eq(experts.status, filter.status) : undefined,
    filter.gridRole ? arrayContains(experts.gridRoles, [filter.gridRole]) : undefined,
    filter.publicOnSite === undefined ? undefined : eq(experts.publicOnSite, filter.publicOnSite),
    filter.q ? ilike(experts.name, `%${escapeLike(filter.q)}%`) : undefined,
  ];
  const rows = await db.select().from(experts).where(and(...conditions)).orderBy(asc(experts.id)).limit(filter.limit + 1);
  return pageOf(rows, filter.limit, toExpert);
}

async function expertRow(db: DbOrTx, hospitalId: number, id: number, lock = false) {
  const query = db.select().from(experts).where(and(eq(experts.id, id), eq(experts.hospitalId, hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('expert');
  return row;
}

export async function getExpert(db: Db, ctx: RequestContext, id: number) {
  return toExpert(await expertRow(db, ctx.actor.hospitalId, id));
}

export type ExpertInput = {
  name: string;
  title: string;
  departmentId: number;
  specialties?: string | null;
  bio?: string | null;
  clinicHours?: string | null;
  userId?: number | null;
  gridRoles?: ExpertGridRole[];
  publicOnSite?: boolean;
  sortOrder?: number;
  status?: ExpertStatus;
};

export async function createExpert(db: Db, ctx: RequestContext, input: ExpertInput) {
  assertCanManageExperts(ctx);
  try {
    return await db.transaction(async (tx) => {
      await assertActiveDepartment(tx, ctx.actor.hospitalId, input.departmentId);
      if (input.userId != null) await assertActiveUser(tx, ctx.actor.hospitalId, input.userId, 'userId');
      const [row] = await tx
        .insert(experts)
        .values({
          hospitalId: ctx.actor.hospitalId,
          name: input.name,
          title: input.title,
          departmentId: input.departmentId,
          specialties: input.specialties ?? null,
          bio: input.bio ?? null,
          clinicHours: input.clinicHours ?? null,
          userId: input.userId ?? null,
          gridRoles: [...new Set(input.gridRoles ?? [])],
          publicOnSite: input.publicOnSite ?? false,
          sortOrder: input.sortOrder ?? 0,
          status: input.status ?? 'active',
        })
        .returning();
      await recordAudit(tx, ctx, { action: 'expert.create', entityType: 'expert', entityId: row.id, hospitalId: row.hospitalId, after: toExpert(row) });
      return toExpert(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'expert_user_uq')) throw duplicateUser();
    throw err;
  }
}

export type ExpertPatch = Partial<ExpertInput>;

export async function updateExpert(db: Db, ctx: RequestContext, id: number, patch: ExpertPatch) {
  assertCanManageExperts(ctx);
  try {
    return await db.transaction(async (tx) => {
      const before = await expertRow(tx, ctx.actor.hospitalId, id, true);
      // A department or account disabled since does not block other edits; only a change to one must be valid.
      if (patch.departmentId !== undefined && patch.departmentId !== before.departmentId) await assertActiveDepartment(tx, ctx.actor.hospitalId, patch.departmentId);
      if (patch.userId != null && patch.userId !== before.userId) await assertActiveUser(tx, ctx.actor.hospitalId, patch.userId, 'userId');
      const { gridRoles, ...rest } = patch;
      const [row] = await tx
        .update(experts)
        .set({ ...rest, ...(gridRoles === undefined ? {} : { gridRoles: [...new Set(gridRoles)] }), updatedAt: sql`now()` })
        .where(eq(experts.id, id))
        .returning();
      await recordAudit(tx, ctx, { action: 'expert.update', entityType: 'expert', entityId: id, hospitalId: row.hospitalId, before: toExpert(before), after: toExpert(row) });
      return toExpert(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'expert_user_uq')) throw duplicateUser();
    throw err;
  }
}

/** A portrait for the website and press kits; sniffed by magic number like the hospital logo (never SVG). */
export async function setExpertPhoto(db: Db, storage: FileStorage, ctx: RequestContext, id: number, content: Buffer) {
  assertCanManageExperts(ctx);
  await expertRow(db, ctx.actor.hospitalId, id);
  const type = sniffImageType(content);
  if (!type) throw errors.unsupportedMediaType(['PNG', 'JPEG', 'WebP']);
  const stored = await storage.save(`expert-${id}`, logoTypes[type], content);
  const { result, replaced } = await db
    .transaction(async (tx) => {
      const before = await expertRow(tx, ctx.actor.hospitalId, id, true);
      const [after] = await tx.update(experts).set({ photoFile: stored, photoContentType: type, updatedAt: sql`now()` }).where(eq(experts.id, id)).returning();
      await recordAudit(tx, ctx, {
        action: 'expert.photo.set', entityType: 'expert', entityId: id, hospitalId: after.hospitalId,
        before: { photoFile: before.photoFile }, after: { photoFile: after.photoFile, bytes: content.length, type },
      });
      return { result: toExpert(after), replaced: before.photoFile };
    })
    .catch(async (err) => {
      await storage.remove(stored);
      throw err;
    });
  if (replaced) await storage.remove(replaced);
  return result;
}

export async function clearExpertPhoto(db: Db, storage: FileStorage, ctx: RequestContext, id: number) {
  assertCanManageExperts(ctx);
  const { result, removed } = await db.transaction(async (tx) => {
    const before = await expertRow(tx, ctx.actor.hospitalId, id, true);
    const [after] = await tx.update(experts).set({ photoFile: null, photoContentType: null, updatedAt: sql`now()` }).where(eq(experts.id, id)).returning();
    await recordAudit(tx, ctx, {
      action: 'expert.photo.clear', entityType: 'expert', entityId: id, hospitalId: after.hospitalId,
      before: { photoFile: before.photoFile }, after: { photoFile: null },
    });
    return { result: toExpert(after), removed: before.photoFile };
  });
  if (removed) await storage.remove(removed);
  return result;
}

async function photoOf(storage: FileStorage, row: ExpertRow) {
  if (!row.photoFile || !row.photoContentType) return null;
  return { content: await storage.read(row.photoFile), contentType: row.photoContentType };
}

export async function readExpertPhoto(db: Db, storage: FileStorage, ctx: RequestContext, id: number) {
  const photo = await photoOf(storage, await expertRow(db, ctx.actor.hospitalId, id));
  if (!photo) throw errors.notFound('photo');
  return photo;
}

// ── for the portal: the experts the website shows (active, marked public), without a request context ──

const shownOnSite = (hospitalId: number) => and(eq(experts.hospitalId, hospitalId), eq(experts.publicOnSite, true), eq(experts.status, 'active'));

export type SiteExpert = Pick<ExpertRow, 'id' | 'name' | 'title' | 'departmentId' | 'specialties' | 'bio' | 'clinicHours' | 'updatedAt'> & { photoVersion: string | null };

const siteColumns = {
  id: experts.id,
  name: experts.name,
  title: experts.title,
  departmentId: experts.departmentId,
  specialties: experts.specialties,
  bio: experts.bio,
  clinicHours: experts.clinicHours,
  updatedAt: experts.updatedAt,
  photoVersion: experts.photoFile,
};

/** In the site's order (sort order, then first registered); one department's when given. */
export async function siteExperts(db: Db, hospitalId: number, page: { limit: number; offset: number; departmentId?: number }): Promise<SiteExpert[]> {
  return db
    .select(siteColumns)
    .from(experts)
    .where(and(shownOnSite(hospitalId), page.departmentId === undefined ? undefined : eq(experts.departmentId, page.departmentId)))
    .orderBy(asc(experts.sortOrder), asc(experts.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function siteExpertCount(db: Db, hospitalId: number) {
  const [row] = await db.select({ n: count() }).from(experts).where(shownOnSite(hospitalId));
  return row.n;
}

export async function siteExpert(db: Db, hospitalId: number, id: number): Promise<SiteExpert | undefined> {
  const [row] = await db.select(siteColumns).from(experts).where(and(shownOnSite(hospitalId), eq(experts.id, id)));
  return row;
}

export async function siteExpertPhoto(db: Db, storage: FileStorage, hospitalId: number, id: number) {
  const [row] = await db.select().from(experts).where(and(shownOnSite(hospitalId), eq(experts.id, id)));
  return row ? photoOf(storage, row) : null;
}
