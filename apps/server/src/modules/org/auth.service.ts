import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, count, eq, gt, lt, min, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { errors } from '../../platform/http/errors.ts';
import type { Actor, RequestContext } from '../../platform/http/request-context.ts';
import { eventBus } from '../../platform/events.ts';
import { recordAudit } from './audit.service.ts';
import { apiTokens, departments, loginFailures, sessions, systemSettings, users } from './org.tables.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password.ts';
import type { Role } from './roles.ts';
import { assertStrongPassword, toUser } from './user.service.ts';

export const loginLimits = {
  windowMinutes: 15,
  failuresPerUsername: 5,
  failuresPerIp: 50,
};

/** Sessions slide with use but never outlive this. */
const absoluteSessionDays = 7;
/** Touch last-seen at most this often, so reads do not turn into a write per request. */
const touchEverySeconds = 60;
/**
 * A resolved session is reused for this long without asking the database. Revocations on this instance clear it at once
 * (domain event); other instances notice within this window.
 */
const sessionCacheMs = 5_000;
const sessionCacheMax = 10_000;

export type SessionSettings = { secret: string; idleMinutes: number };

export type ResolvedSession = { actor: Actor; csrfToken: string; mustChangePassword: boolean };

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function constantTimeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** SESSION_SECRET when configured; otherwise one generated at first start and kept in the database for every instance. */
export async function resolveSessionSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db.insert(systemSettings).values({ key: 'session_secret', value: randomBytes(32).toString('base64url') }).onConflictDoNothing();
  const [row] = await db.select().from(systemSettings).where(eq(systemSettings.key, 'session_secret'));
  return row.value;
}

function actorOf(row: { user: typeof users.$inferSelect }, via: Actor['via'], scopes: string[] | null): Actor {
  return {
    userId: row.user.id,
    username: row.user.username,
    displayName: row.user.displayName,
    hospitalId: row.user.hospitalId,
    departmentId: row.user.departmentId,
    roles: row.user.roles as Role[],
    via,
    scopes,
  };
}

function prepareSessionLookup(db: Db) {
  return db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql`now()`)))
    .prepare('session_lookup');
}

export class AuthService {
  /** Runs on every cookie request: a named prepared statement, so each connection plans it once. */
  private readonly sessionLookup: ReturnType<typeof prepareSessionLookup>;
  private readonly recent = new Map<string, { session: ResolvedSession; until: number }>();
  readonly stopListening: () => void;

  constructor(
    private readonly db: Db,
    private readonly settings: SessionSettings,
  ) {
    this.sessionLookup = prepareSessionLookup(db);
    this.stopListening = eventBus.subscribe('user.sessions_revoked', ({ userId }) => this.forgetUser(userId));
  }

  private forgetUser(userId: number) {
    for (const [hash, entry] of this.recent) if (entry.session.actor.userId === userId) this.recent.delete(hash);
  }

  private remember(tokenHash: string, session: ResolvedSession, expiresAt: Date) {
    if (this.recent.size >= sessionCacheMax) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(tokenHash, { session, until: Math.min(Date.now() + sessionCacheMs, expiresAt.getTime()) });
  }

  private hashSessionToken(token: string) {
    return createHmac('sha256', this.settings.secret).update(token).digest('hex');
  }

  async login(input: { username: string; password: string; ip: string | null; userAgent: string | null; requestId: string }) {
    const username = input.username.trim().toLowerCase();
    await this.assertNotThrottled(username, input.ip);
    const [user] = await this.db.select().from(users).where(sql`lower(${users.username}) = ${username}`);
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash), input.password);
    const systemCtx = { actor: null, ip: input.ip, requestId: input.requestId };
    if (!user || !valid) {
      await this.db.transaction(async (tx) => {
        await tx.insert(loginFailures).values({ username, ip: input.ip });
        await recordAudit(tx, systemCtx, {
          action: 'auth.login.failed', entityType: 'user', entityId: user?.id ?? null, hospitalId: user?.hospitalId ?? null,
          after: { username },
        });
      });
      throw errors.invalidCredentials();
    }
    if (user.status !== 'active') throw errors.accountDisabled();
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const ctx: RequestContext = { actor: actorOf({ user }, 'session', null), ip: input.ip, requestId: input.requestId };
    await this.db.transaction(async (tx) => {
      await tx.delete(loginFailures).where(eq(loginFailures.username, username));
      await tx.insert(sessions).values({
        tokenHash: this.hashSessionToken(token),
        userId: user.id,
        csrfToken,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 400) ?? null,
        expiresAt: sql`now() + make_interval(mins => ${this.settings.idleMinutes})`,
      });
      await tx.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
      await recordAudit(tx, ctx, { action: 'auth.login', entityType: 'user', entityId: user.id, hospitalId: user.hospitalId });
    });
    return { token, csrfToken, user: toUser(user) };
  }

  /** Too many recent failures for this username, or from this address, refuse before checking the password. */
  private async assertNotThrottled(username: string, ip: string | null) {
    const since = sql`now() - make_interval(mins => ${loginLimits.windowMinutes})`;
    const [byName] = await this.db
      .select({ n: count(), oldest: min(loginFailures.at) })
      .from(loginFailures)
      .where(and(eq(loginFailures.username, username), gt(loginFailures.at, since)));
    const [byIp] = ip
      ? await this.db.select({ n: count(), oldest: min(loginFailures.at) }).from(loginFailures).where(and(eq(loginFailures.ip, ip), gt(loginFailures.at, since)))
      : [{ n: 0, oldest: null }];
    const blocked = byName.n >= loginLimits.failuresPerUsername ? byName : byIp.n >= loginLimits.failuresPerIp ? byIp : null;
    if (!blocked) return;
    const oldest = blocked.oldest ? new Date(blocked.oldest).getTime() : Date.now();
    const retryAfter = Math.max(1, Math.ceil((oldest + loginLimits.windowMinutes * 60_000 - Date.now()) / 1000));
    throw errors.tooManyAttempts(retryAfter);
  }

  async resolveSession(token: string): Promise<ResolvedSession | null> {
    const tokenHash = this.hashSessionToken(token);
    const cached = this.recent.get(tokenHash);
    if (cached && cached.until > Date.now()) return cached.session;
    this.recent.delete(tokenHash);
    const [row] = await this.sessionLookup.execute({ tokenHash });
    if (!row || row.user.status !== 'active') return null;
    if (Date.now() - row.session.lastSeenAt.getTime() > touchEverySeconds * 1000) {
      await this.db
        .update(sessions)
        .set({
          lastSeenAt: sql`now()`,
          expiresAt: sql`least(${sessions.createdAt} + make_interval(days => ${absoluteSessionDays}), now() + make_interval(mins => ${this.settings.idleMinutes}))`,
        })
        .where(eq(sessions.tokenHash, tokenHash));
    }
    const session = { actor: actorOf(row, 'session', null), csrfToken: row.session.csrfToken, mustChangePassword: row.user.mustChangePassword };
    this.remember(tokenHash, session, row.session.expiresAt);
    return session;
  }

  async resolveApiToken(token: string): Promise<Actor | null> {
    const [row] = await this.db
      .select({ token: apiTokens, user: users })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, sha256(token)), sql`${apiTokens.revokedAt} is null`, gt(apiTokens.expiresAt, sql`now()`)));
    if (!row || row.user.status !== 'active') return null;
    if (!row.token.lastUsedAt || Date.now() - row.token.lastUsedAt.getTime() > touchEverySeconds * 1000) {
      await this.db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, row.token.id));
    }
    return actorOf(row, 'api_token', row.token.scopes);
  }

  async logout(ctx: RequestContext, token: string) {
    this.recent.delete(this.hashSessionToken(token));
    await this.db.transaction(async (tx) => {
      await tx.delete(sessions).where(eq(sessions.tokenHash, this.hashSessionToken(token)));
      await recordAudit(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor.userId, hospitalId: ctx.actor.hospitalId });
    });
  }

  /** Changing one's own password ends every other session of the user. */
  async changePassword(ctx: RequestContext, currentToken: string | null, input: { currentPassword: string; newPassword: string }) {
    const [user] = await this.db.select().from(users).where(eq(users.id, ctx.actor.userId));
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw errors.invalidField('currentPassword', '当前密码不正确', 'The current password is wrong');
    }
    if (input.currentPassword === input.newPassword) {
      throw errors.invalidField('newPassword', '新密码不能与当前密码相同', 'The new password must differ from the current one');
    }
    assertStrongPassword(input.newPassword, user.username, 'newPassword');
    const passwordHash = await hashPassword(input.newPassword);
    const keep = currentToken ? this.hashSessionToken(currentToken) : '';
    await this.db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: sql`now()` }).where(eq(users.id, user.id));
      await tx.delete(sessions).where(and(eq(sessions.userId, user.id), sql`${sessions.tokenHash} <> ${keep}`));
      await recordAudit(tx, ctx, { action: 'user.password.change', entityType: 'user', entityId: user.id, hospitalId: user.hospitalId });
    });
    eventBus.publish('user.sessions_revoked', { userId: user.id });
  }

  async me(ctx: RequestContext, csrfToken: string | null) {
    const [row] = await this.db
      .select({ user: users, departmentName: departments.name })
      .from(users)
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(eq(users.id, ctx.actor.userId));
    const user = toUser(row.user);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      departmentId: user.departmentId,
      departmentName: row.departmentName,
      hospitalId: row.user.hospitalId,
      roles: user.roles,
      mustChangePassword: user.mustChangePassword,
      via: ctx.actor.via,
      csrfToken,
    };
  }

  /** Housekeeping run at start and hourly: expired sessions and old login failures. */
  async purgeExpired() {
    await this.db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
    await this.db.delete(loginFailures).where(lt(loginFailures.at, sql`now() - interval '1 day'`));
  }
}

export { sha256 as hashApiToken };
