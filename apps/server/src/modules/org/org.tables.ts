import { sql } from 'drizzle-orm';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import { type AnyPgColumn, bigint, boolean, index, inet, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';


export const hospitals = pgTable('hospital', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  fullName: text('full_name').notNull(),
  shortNames: text('short_names').array().notNull().default(sql`'{}'::text[]`),
  formerNames: text('former_names').array().notNull().default(sql`'{}'::text[]`),
  /** Hotlines and switchboard numbers the hospital publishes: never a privacy finding. */
  publicPhones: text('public_phones').array().notNull().default(sql`'{}'::text[]`),
  logoFile: text('logo_file'),
  logoContentType: text('logo_content_type'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const campuses = pgTable(
  'campus',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull().references(() => hospitals.id),
    name: text('name').notNull(),
    address: text('address'),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('campus_hospital_name_uq').on(t.hospitalId, t.name)],
);

export const departments = pgTable(
  'department',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull().references(() => hospitals.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['clinical', 'medical_tech', 'functional', 'party_branch'] }).notNull(),
    campusId: integer('campus_id').references(() => campuses.id),
    parentId: integer('parent_id').references((): AnyPgColumn => departments.id),
    code: text('code'),
    sortOrder: integer('sort_order').notNull().default(0),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('department_hospital_name_uq').on(t.hospitalId, t.name),
    index('department_parent_idx').on(t.parentId),
  ],
);

export const users = pgTable(
  'user',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull().references(() => hospitals.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    departmentId: integer('department_id').notNull().references(() => departments.id),
    roles: text('roles').array().notNull(),
    email: text('email'),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('user_username_uq').on(sql`lower(${t.username})`),
    index('user_department_idx').on(t.departmentId),
  ],
);

export const sessions = pgTable(
  'session',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('session_user_idx').on(t.userId), index('session_expires_idx').on(t.expiresAt)],
);

export const apiTokens = pgTable(
  'api_token',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    scopes: text('scopes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdBy: integer('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('api_token_user_idx').on(t.userId)],
);

export const loginFailures = pgTable(
  'login_failure',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull(),
    ip: inet('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_failure_username_idx').on(t.username, t.at), index('login_failure_ip_idx').on(t.ip, t.at)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: integer('actor_id'),
    actorUsername: text('actor_username'),
    via: text('via'),
    ip: inet('ip'),
    requestId: text('request_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    index('audit_log_hospital_id_idx').on(t.hospitalId, t.id),
    index('audit_log_actor_idx').on(t.actorId, t.id),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
  ],
);

/** Platform-wide secrets generated at first start and shared by every instance (e.g. the session pepper). */
export const systemSettings = pgTable('system_setting', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});
