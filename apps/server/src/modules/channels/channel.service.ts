import { and, asc, eq, gt, ilike, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import type { SecretBox } from '../../platform/secret-box.ts';
import { recordAudit } from '../org/audit.service.ts';
import { assertActiveDepartment, escapeLike } from '../org/department.service.ts';
import { assertActiveUser } from '../org/user.service.ts';
import { integrationFields, offlineKinds, type ChannelKind } from './channel-kinds.ts';
import { channelColumns, channels } from './channels.tables.ts';

type ChannelRow = typeof channels.$inferSelect;
type ChannelStatus = ChannelRow['status'];

/** The public shape, and what the audit log keeps: secret settings by name only, never by value. */
export function toChannel(r: ChannelRow, secrets: SecretBox) {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    online: !offlineKinds.includes(r.kind),
    ownerDepartmentId: r.ownerDepartmentId,
    managerUserId: r.managerUserId,
    registration: r.registration,
    settings: r.settings,
    secretsSet: r.secretsCiphertext ? Object.keys(secrets.open(r.secretsCiphertext)).sort() : [],
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function assertCanManageChannels(ctx: RequestContext) {
  if (!ctx.actor.roles.some((r) => r === 'admin' || r === 'editor')) throw errors.forbidden();
}

const duplicateName = () => errors.conflict('name', '同类阵地中已有同名账号', 'A channel of this kind with this name exists');

export type ChannelFilter = { limit: number; cursor?: string; kind?: ChannelKind; status?: ChannelStatus; ownerDepartmentId?: number; q?: string };

/** The registry is open to every member of the hospital: knowing where the hospital speaks is not a secret. */
export async function listChannels(db: Db, secrets: SecretBox, ctx: RequestContext, filter: ChannelFilter) {
  const after = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(channels.hospitalId, ctx.actor.hospitalId),
    after === undefined ? undefined : gt(channels.id, after),
    filter.kind ? eq(channels.kind, filter.kind) : undefined,
    filter.status ? eq(channels.status, filter.status) : undefined,
    filter.ownerDepartmentId === undefined ? undefined : eq(channels.ownerDepartmentId, filter.ownerDepartmentId),
    filter.q ? ilike(channels.name, `%${escapeLike(filter.q)}%`) : undefined,
  ];
  const rows = await db.select().from(channels).where(and(...conditions)).orderBy(asc(channels.id)).limit(filter.limit + 1);
  return pageOf(rows, filter.limit, (r) => toChannel(r, secrets));
}

async function channelRow(db: DbOrTx, ctx: RequestContext, id: number, lock = false) {
  const query = db.select().from(channels).where(and(eq(channels.id, id), eq(channels.hospitalId, ctx.actor.hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('channel');
  return row;
}

export async function getChannel(db: Db, secrets: SecretBox, ctx: RequestContext, id: number) {
  return toChannel(await channelRow(db, ctx, id), secrets);
}

/** Settings and secrets must be fields the kind's integration knows, each in its own place. */
function assertIntegrationKeys(kind: ChannelKind, settings: Record<string, unknown>, secretChanges: Record<string, unknown>) {
  const fields = integrationFields[kind] ?? [];
  for (const key of Object.keys(settings)) {
    if (!fields.some((f) => f.name === key && !f.secret)) {
      throw errors.invalidField(`settings.${key}`, `该类型阵地没有设置项 ${key}`, `No setting ${key} for a ${kind} channel`);
    }
  }
  for (const key of Object.keys(secretChanges)) {
    if (!fields.some((f) => f.name === key && f.secret)) {
      throw errors.invalidField(`secrets.${key}`, `该类型阵地没有密钥项 ${key}`, `No secret ${key} for a ${kind} channel`);
    }
  }
  if (kind === 'webhook' && typeof settings.url === 'string' && !/^https?:\/\//i.test(settings.url)) {
    throw errors.invalidField('settings.url', '地址须以 http:// 或 https:// 开头', 'The URL must start with http:// or https://');
  }
}

/** Secret changes: a value sets that secret, null removes it, an absent key keeps it. */
function mergeSecrets(secrets: SecretBox, sealed: string | null, changes: Record<string, string | null>): string | null {
  const current = sealed ? secrets.open(sealed) : {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete current[key];
    else current[key] = value;
  }
  return Object.keys(current).length ? secrets.seal(current) : null;
}

export type ChannelInput = {
  kind: ChannelKind;
  name: string;
  ownerDepartmentId: number;
  managerUserId?: number | null;
  registration?: Record<string, string>;
  settings?: Record<string, string>;
  secrets?: Record<string, string>;
  status?: ChannelStatus;
};

export async function createChannel(db: Db, secrets: SecretBox, ctx: RequestContext, input: ChannelInput) {
  assertCanManageChannels(ctx);
  assertIntegrationKeys(input.kind, input.settings ?? {}, input.secrets ?? {});
  try {
    return await db.transaction(async (tx) => {
      await assertActiveDepartment(tx, ctx.actor.hospitalId, input.ownerDepartmentId, 'ownerDepartmentId');
      if (input.managerUserId != null) await assertActiveUser(tx, ctx.actor.hospitalId, input.managerUserId, 'managerUserId');
      const [row] = await tx
        .insert(channels)
        .values({
          hospitalId: ctx.actor.hospitalId,
          kind: input.kind,
          name: input.name,
          ownerDepartmentId: input.ownerDepartmentId,
          managerUserId: input.managerUserId ?? null,
          registration: input.registration ?? {},
          settings: input.settings ?? {},
          secretsCiphertext: mergeSecrets(secrets, null, input.secrets ?? {}),
          status: input.status ?? 'active',
        })
        .returning();
      await recordAudit(tx, ctx, { action: 'channel.create', entityType: 'channel', entityId: row.id, hospitalId: row.hospitalId, after: toChannel(row, secrets) });
      return toChannel(row, secrets);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'channel_hospital_kind_name_uq')) throw duplicateName();
    throw err;
  }
}

export type ChannelPatch = Partial<Omit<ChannelInput, 'kind' | 'secrets'>> & { secrets?: Record<string, string | null> };

export async function updateChannel(db: Db, secrets: SecretBox, ctx: RequestContext, id: number, patch: ChannelPatch) {
  assertCanManageChannels(ctx);
  try {
    return await db.transaction(async (tx) => {
      const before = await channelRow(tx, ctx, id, true);
      assertIntegrationKeys(before.kind, patch.settings ?? {}, patch.secrets ?? {});
      if (patch.ownerDepartmentId !== undefined) await assertActiveDepartment(tx, ctx.actor.hospitalId, patch.ownerDepartmentId, 'ownerDepartmentId');
      if (patch.managerUserId != null) await assertActiveUser(tx, ctx.actor.hospitalId, patch.managerUserId, 'managerUserId');
      const { secrets: secretChanges, ...plain } = patch;
      const [row] = await tx
        .update(channels)
        .set({
          ...plain,
          secretsCiphertext: secretChanges ? mergeSecrets(secrets, before.secretsCiphertext, secretChanges) : before.secretsCiphertext,
          updatedAt: sql`now()`,
        })
        .where(eq(channels.id, id))
        .returning();
      await recordAudit(tx, ctx, {
        action: 'channel.update', entityType: 'channel', entityId: id, hospitalId: row.hospitalId,
        before: toChannel(before, secrets), after: toChannel(row, secrets),
      });
      return toChannel(row, secrets);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'channel_hospital_kind_name_uq')) throw duplicateName();
    throw err;
  }
}

type ColumnRow = typeof channelColumns.$inferSelect;

export function toChannelColumn(r: ColumnRow) {
  return { id: r.id, channelId: r.channelId, name: r.name, description: r.description, status: r.status, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

const duplicateColumn = () => errors.conflict('name', '该阵地已有同名栏目', 'This channel already has a column with this name');

export async function listChannelColumns(db: Db, ctx: RequestContext, channelId: number) {
  await channelRow(db, ctx, channelId);
  const rows = await db.select().from(channelColumns).where(eq(channelColumns.channelId, channelId)).orderBy(asc(channelColumns.id));
  return { items: rows.map(toChannelColumn), nextCursor: null };
}

export async function createChannelColumn(db: Db, ctx: RequestContext, channelId: number, input: { name: string; description?: string | null }) {
  assertCanManageChannels(ctx);
  try {
    return await db.transaction(async (tx) => {
      await channelRow(tx, ctx, channelId, true);
      const [row] = await tx.insert(channelColumns).values({ channelId, name: input.name, description: input.description ?? null }).returning();
      await recordAudit(tx, ctx, { action: 'channel_column.create', entityType: 'channel_column', entityId: row.id, hospitalId: ctx.actor.hospitalId, after: toChannelColumn(row) });
      return toChannelColumn(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'channel_column_name_uq')) throw duplicateColumn();
    throw err;
  }
}

export async function updateChannelColumn(
  db: Db,
  ctx: RequestContext,
  channelId: number,
  columnId: number,
  patch: { name?: string; description?: string | null; status?: ColumnRow['status'] },
) {
  assertCanManageChannels(ctx);
  try {
    return await db.transaction(async (tx) => {
      await channelRow(tx, ctx, channelId, true);
      const [before] = await tx.select().from(channelColumns).where(and(eq(channelColumns.id, columnId), eq(channelColumns.channelId, channelId)));
      if (!before) throw errors.notFound('channel_column');
      const [row] = await tx.update(channelColumns).set({ ...patch, updatedAt: sql`now()` }).where(eq(channelColumns.id, columnId)).returning();
      await recordAudit(tx, ctx, { action: 'channel_column.update', entityType: 'channel_column', entityId: columnId, hospitalId: ctx.actor.hospitalId, before: toChannelColumn(before), after: toChannelColumn(row) });
      return toChannelColumn(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'channel_column_name_uq')) throw duplicateColumn();
    throw err;
  }
}
