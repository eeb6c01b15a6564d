import { z } from 'zod';
import { bilingual } from '../../platform/http/field-messages.ts';
import { pageQuery } from '../../platform/http/pagination.ts';
import { departmentKinds } from './department.service.ts';
import { apiTokenScopes, roles } from './roles.ts';

/** Request and response contracts of the org module; the web console imports the types. */

const id = z.coerce.number().int().positive();
export const idParams = z.object({ id });

const name = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const status = z.enum(['active', 'disabled']);
const phoneMessage = bilingual('只能包含数字、空格、+、- 和括号', 'digits, spaces, +, - and parentheses');
const isoTime = z.string();

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const loginBody = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });
export const changePasswordBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) });

export const role = z.enum(roles);

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  departmentId: z.number(),
  roles: z.array(role),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  status,
  mustChangePassword: z.boolean(),
  lastLoginAt: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  hospitalId: z.number(),
  roles: z.array(role),
  mustChangePassword: z.boolean(),
  via: z.enum(['session', 'api_token']),
  csrfToken: z.string().nullable(),
});

export const loginResponse = z.object({ user: userSchema, csrfToken: z.string() });

export const hospitalSchema = z.object({
  id: z.number(),
  fullName: z.string(),
  shortNames: z.array(z.string()),
  formerNames: z.array(z.string()),
  publicPhones: z.array(z.string()),
  logoUrl: z.string().nullable(),
  updatedAt: isoTime,
});

const nameList = z.array(name(100)).max(20);
const phoneList = z.array(z.string().trim().regex(/^[0-9+\-() ]{3,30}$/, phoneMessage)).max(20);
export const hospitalPatch = z
  .object({ fullName: name(100).optional(), shortNames: nameList.optional(), formerNames: nameList.optional(), publicPhones: phoneList.optional() })
  .strict();

export const campusSchema = z.object({ id: z.number(), name: z.string(), address: z.string().nullable(), status, createdAt: isoTime, updatedAt: isoTime });
export const campusBody = z.object({ name: name(60), address: optionalText(200) }).strict();
export const campusPatch = z.object({ name: name(60).optional(), address: optionalText(200), status: status.optional() }).strict();
export const campusQuery = z.object({ ...pageQuery, status: status.optional() });

export const departmentKind = z.enum(departmentKinds);
export const departmentSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: departmentKind,
  campusId: z.number().nullable(),
  parentId: z.number().nullable(),
  code: z.string().nullable(),
  sortOrder: z.number(),
  status,
  createdAt: isoTime,
  updatedAt: isoTime,
});
export const departmentBody = z
  .object({
    name: name(60),
    kind: departmentKind,
    campusId: id.nullable().optional(),
    parentId: id.nullable().optional(),
    code: optionalText(30),
    sortOrder: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();
export const departmentPatch = departmentBody.partial().strict();
export const departmentQuery = z.object({
  ...pageQuery,
  kind: departmentKind.optional(),
  campusId: id.optional(),
  parentId: id.optional(),
  status: status.optional(),
  q: z.string().trim().min(1).max(60).optional(),
});

const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$/, bilingual('3–32 位字母、数字、点、横线或下划线，以字母或数字开头', '3–32 letters, digits, dot, dash or underscore, starting with a letter or digit'));
const email = z.string().trim().email().max(200).nullable().optional();
const phone = z.string().trim().regex(/^[0-9+\-() ]{5,30}$/, phoneMessage).nullable().optional();
const roleList = z.array(role).min(1).max(roles.length);

export const userBody = z
  .object({ username, displayName: name(60), password: z.string().min(1).max(256), departmentId: id, roles: roleList, email, phone })
  .strict();
export const userPatch = z.object({ displayName: name(60).optional(), departmentId: id.optional(), roles: roleList.optional(), email, phone }).strict();
export const userQuery = z.object({
  ...pageQuery,
  departmentId: id.optional(),
  role: role.optional(),
  status: status.optional(),
  q: z.string().trim().min(1).max(60).optional(),
});
export const resetPasswordBody = z.object({ newPassword: z.string().min(1).max(256) }).strict();

export const apiTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  userId: z.number(),
  expiresAt: isoTime,
  lastUsedAt: isoTime.nullable(),
  revokedAt: isoTime.nullable(),
  createdAt: isoTime,
});
export const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });
export const apiTokenBody = z
  .object({
    name: name(60),
    scopes: z.array(z.enum(apiTokenScopes)).min(1),
    expiresAt: z.coerce.date(),
    userId: id.optional(),
  })
  .strict();

export const auditEntrySchema = z.object({
  id: z.number(),
  at: isoTime,
  actorId: z.number().nullable(),
  actorUsername: z.string().nullable(),
  via: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export const auditQuery = z.object({
  ...pageQuery,
  actorId: id.optional(),
  action: z.string().trim().min(1).max(80).optional(),
  entityType: z.string().trim().min(1).max(80).optional(),
  entityId: z.string().trim().min(1).max(80).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

export const roleListSchema = z.object({
  items: z.array(z.object({ code: role, name: z.object({ 'zh-CN': z.string(), en: z.string() }), hospitalWide: z.boolean() })),
});
