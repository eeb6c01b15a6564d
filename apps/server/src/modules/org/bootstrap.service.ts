import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { SystemContext } from '../../platform/http/request-context.ts';
import { recordAudit } from './audit.service.ts';
import { insertDepartment } from './department.service.ts';
import { hospitals } from './org.tables.ts';
import { insertUser } from './user.service.ts';
import { checkPasswordStrength } from './password.ts';
import { ConfigError } from '../../platform/config.ts';

export type BootstrapResult = { created: false } | { created: true; username: string; generatedPassword: string | null };

/** A readable random password that passes the strength rules: 4 groups of 4 from an unambiguous alphabet. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8, 12).join('')}-${chars.slice(12).join('')}7`;
}

/**
 * On an empty database: the hospital, its publicity department and the first administrator.
 * An advisory lock makes concurrent first starts of several instances create them once.
 */
export async function bootstrapOrganisation(db: Db, adminPassword: string | undefined): Promise<BootstrapResult> {
  const ctx: SystemContext = { actor: null, ip: null, requestId: 'bootstrap' };
  const weakness = adminPassword === undefined ? null : checkPasswordStrength(adminPassword, 'admin');
  if (weakness) throw new ConfigError(`RONGMEI_ADMIN_PASSWORD is too weak: ${weakness.en}`);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7263440102)`);
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(hospitals);
    if (n > 0) return { created: false } as const;
    const [hospital] = await tx.insert(hospitals).values({ fullName: '未命名医院', shortNames: [] }).returning();
    await recordAudit(tx, ctx, { action: 'hospital.create', entityType: 'hospital', entityId: hospital.id, hospitalId: hospital.id, after: { fullName: hospital.fullName } });
    const department = await insertDepartment(tx, ctx, hospital.id, { name: '党委宣传部', kind: 'functional' });
    const password = adminPassword ?? generatePassword();
    await insertUser(tx, ctx, hospital.id, {
      username: 'admin',
      displayName: '系统管理员',
      password,
      departmentId: department.id,
      roles: ['admin', 'editor'],
    });
    return { created: true, username: 'admin', generatedPassword: adminPassword ? null : password } as const;
  });
}
