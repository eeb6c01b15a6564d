import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, sessionCookie } from '../../platform/http/auth-hooks.ts';
import { errors } from '../../platform/http/errors.ts';
import { appVersion } from '../../platform/http/version.ts';
import { uploadedBytes } from '../../platform/http/uploads.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-token.service.ts';
import { listAudit } from './audit.service.ts';
import { createCampus, getCampus, listCampuses, updateCampus } from './campus.service.ts';
import { createDepartment, getDepartment, listDepartments, setDepartmentStatus, updateDepartment } from './department.service.ts';
import { clearHospitalLogo, getHospital, readHospitalLogo, setHospitalLogo, updateHospital } from './hospital.service.ts';
import * as s from './org.schemas.ts';
import { hospitalWideRoles, roleNames, roles } from './roles.ts';
import { createUser, getUser, listUsers, resetUserPassword, setUserStatus, updateUser } from './user.service.ts';

const noContent = { 204: z.null() };

/** Thin HTTP layer of the org module: validate, take the caller's context, call the service. */
export function registerOrgRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { database, auth, storage } = app.deps;
  const db = database.db;

  api.get('/api/health', {
    config: { auth: 'public' },
    schema: {
      tags: ['system'],
      summary: 'Health of the server and its database',
      response: { 200: z.object({ status: z.literal('ok'), database: z.object({ mode: z.enum(['embedded', 'external']), version: z.string() }), version: z.string() }) },
    },
  }, async () => {
    await database.pool.query('select 1');
    return { status: 'ok' as const, database: { mode: database.mode, version: database.serverVersion }, version: appVersion };
  });

  // ── auth ──────────────────────────────────────────────────────────────
  api.post('/api/auth/login', {
    config: { auth: 'public' },
    schema: { tags: ['auth'], summary: 'Sign in', body: s.loginBody, response: { 200: s.loginResponse } },
  }, async (request, reply) => {
    const result = await auth.login({
      ...request.body,
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
      requestId: request.id,
    });
    reply.setCookie(sessionCookie, result.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
    });
    return { user: result.user, csrfToken: result.csrfToken };
  });

  api.get('/api/auth/me', {
    config: { allowPendingPasswordChange: true },
    schema: { tags: ['auth'], summary: 'The signed-in user and the CSRF token for writes', response: { 200: s.meSchema } },
  }, async (request) => auth.me(contextOf(request), request.csrfToken));

  api.post('/api/auth/logout', {
    config: { allowPendingPasswordChange: true },
    schema: { tags: ['auth'], summary: 'Sign out', response: noContent },
  }, async (request, reply) => {
    if (request.sessionToken) await auth.logout(contextOf(request), request.sessionToken);
    reply.clearCookie(sessionCookie, { path: '/' });
    return reply.status(204).send(null);
  });

  api.post('/api/auth/password', {
    config: { allowPendingPasswordChange: true },
    schema: { tags: ['auth'], summary: 'Change my password', body: s.changePasswordBody, response: noContent },
  }, async (request, reply) => {
    await auth.changePassword(contextOf(request), request.sessionToken, request.body);
    return reply.status(204).send(null);
  });

  api.get('/api/roles', {
    schema: { tags: ['org'], summary: 'The roles of the platform', response: { 200: s.roleListSchema } },
  }, async () => ({ items: roles.map((code) => ({ code, name: roleNames[code], hospitalWide: hospitalWideRoles.includes(code) })) }));

  // ── hospital ──────────────────────────────────────────────────────────
  api.get('/api/hospital', { schema: { tags: ['org'], summary: 'Hospital profile', response: { 200: s.hospitalSchema } } },
    async (request) => getHospital(db, contextOf(request)));

  api.patch('/api/hospital', { schema: { tags: ['org'], summary: 'Update the hospital profile', body: s.hospitalPatch, response: { 200: s.hospitalSchema } } },
    async (request) => updateHospital(db, contextOf(request), request.body));

  api.put('/api/hospital/logo', { schema: { tags: ['org'], summary: 'Upload the hospital logo (multipart field "file": PNG, JPEG or WebP, ≤ 2 MB)', response: { 200: s.hospitalSchema } } },
    async (request) => {
      const ctx = contextOf(request);
      if (!request.isMultipart()) throw errors.unsupportedMediaType(['multipart/form-data']);
      const file = await request.file();
      if (!file) throw errors.invalidField('file', '请选择图片文件', 'A file is required');
      const content = await uploadedBytes(file);
      return setHospitalLogo(db, storage, ctx, content);
    });

  api.delete('/api/hospital/logo', { schema: { tags: ['org'], summary: 'Remove the hospital logo', response: { 200: s.hospitalSchema } } },
    async (request) => clearHospitalLogo(db, storage, contextOf(request)));

  api.get('/api/hospital/logo', { schema: { tags: ['org'], summary: 'The hospital logo image' } }, async (request, reply) => {
    const logo = await readHospitalLogo(db, storage, contextOf(request));
    return reply.type(logo.contentType).header('cache-control', 'private, max-age=86400').send(logo.content);
  });

  // ── campuses ──────────────────────────────────────────────────────────
  api.get('/api/campuses', { schema: { tags: ['org'], summary: 'List campuses', querystring: s.campusQuery, response: { 200: s.listOf(s.campusSchema) } } },
    async (request) => listCampuses(db, contextOf(request), request.query));
  api.post('/api/campuses', { schema: { tags: ['org'], summary: 'Create a campus', body: s.campusBody, response: { 201: s.campusSchema } } },
    async (request, reply) => reply.status(201).send(await createCampus(db, contextOf(request), request.body)));
  api.get('/api/campuses/:id', { schema: { tags: ['org'], summary: 'Read a campus', params: s.idParams, response: { 200: s.campusSchema } } },
    async (request) => getCampus(db, contextOf(request), request.params.id));
  api.patch('/api/campuses/:id', { schema: { tags: ['org'], summary: 'Update or disable a campus', params: s.idParams, body: s.campusPatch, response: { 200: s.campusSchema } } },
    async (request) => updateCampus(db, contextOf(request), request.params.id, request.body));

  // ── departments ───────────────────────────────────────────────────────
  api.get('/api/departments', { schema: { tags: ['org'], summary: 'List departments', querystring: s.departmentQuery, response: { 200: s.listOf(s.departmentSchema) } } },
    async (request) => listDepartments(db, contextOf(request), request.query));
  api.post('/api/departments', { schema: { tags: ['org'], summary: 'Create a department', body: s.departmentBody, response: { 201: s.departmentSchema } } },
    async (request, reply) => reply.status(201).send(await createDepartment(db, contextOf(request), request.body)));
  api.get('/api/departments/:id', { schema: { tags: ['org'], summary: 'Read a department', params: s.idParams, response: { 200: s.departmentSchema } } },
    async (request) => getDepartment(db, contextOf(request), request.params.id));
  api.patch('/api/departments/:id', { schema: { tags: ['org'], summary: 'Update a department', params: s.idParams, body: s.departmentPatch, response: { 200: s.departmentSchema } } },
    async (request) => updateDepartment(db, contextOf(request), request.params.id, request.body));
  api.post('/api/departments/:id/disable', { schema: { tags: ['org'], summary: 'Disable a department', params: s.idParams, response: { 200: s.departmentSchema } } },
    async (request) => setDepartmentStatus(db, contextOf(request), request.params.id, 'disabled'));
  api.post('/api/departments/:id/enable', { schema: { tags: ['org'], summary: 'Enable a department', params: s.idParams, response: { 200: s.departmentSchema } } },
    async (request) => setDepartmentStatus(db, contextOf(request), request.params.id, 'active'));

  // ── users ─────────────────────────────────────────────────────────────
  api.get('/api/users', { schema: { tags: ['org'], summary: 'List users (own department unless hospital-wide role)', querystring: s.userQuery, response: { 200: s.listOf(s.userSchema) } } },
    async (request) => listUsers(db, contextOf(request), request.query));
  api.post('/api/users', { schema: { tags: ['org'], summary: 'Create a user', body: s.userBody, response: { 201: s.userSchema } } },
    async (request, reply) => reply.status(201).send(await createUser(db, contextOf(request), request.body)));
  api.get('/api/users/:id', { schema: { tags: ['org'], summary: 'Read a user', params: s.idParams, response: { 200: s.userSchema } } },
    async (request) => getUser(db, contextOf(request), request.params.id));
  api.patch('/api/users/:id', { schema: { tags: ['org'], summary: 'Update a user', params: s.idParams, body: s.userPatch, response: { 200: s.userSchema } } },
    async (request) => updateUser(db, contextOf(request), request.params.id, request.body));
  api.post('/api/users/:id/disable', { schema: { tags: ['org'], summary: 'Disable a user and end their sessions', params: s.idParams, response: { 200: s.userSchema } } },
    async (request) => setUserStatus(db, contextOf(request), request.params.id, 'disabled'));
  api.post('/api/users/:id/enable', { schema: { tags: ['org'], summary: 'Enable a user', params: s.idParams, response: { 200: s.userSchema } } },
    async (request) => setUserStatus(db, contextOf(request), request.params.id, 'active'));
  api.post('/api/users/:id/reset-password', { schema: { tags: ['org'], summary: 'Set a temporary password', params: s.idParams, body: s.resetPasswordBody, response: noContent } },
    async (request, reply) => {
      await resetUserPassword(db, contextOf(request), request.params.id, request.body.newPassword);
      return reply.status(204).send(null);
    });

  // ── API tokens ────────────────────────────────────────────────────────
  api.get('/api/api-tokens', { schema: { tags: ['org'], summary: 'List API tokens', querystring: z.object({ limit: s.auditQuery.shape.limit, cursor: s.auditQuery.shape.cursor }), response: { 200: s.listOf(s.apiTokenSchema) } } },
    async (request) => listApiTokens(db, contextOf(request), request.query));
  api.post('/api/api-tokens', { schema: { tags: ['org'], summary: 'Create an API token (the secret is returned once)', body: s.apiTokenBody, response: { 201: s.createdApiTokenSchema } } },
    async (request, reply) => reply.status(201).send(await createApiToken(db, contextOf(request), request.body)));
  api.delete('/api/api-tokens/:id', { schema: { tags: ['org'], summary: 'Revoke an API token', params: s.idParams, response: noContent } },
    async (request, reply) => {
      await revokeApiToken(db, contextOf(request), request.params.id);
      return reply.status(204).send(null);
    });

  // ── audit ─────────────────────────────────────────────────────────────
  api.get('/api/audit', { schema: { tags: ['org'], summary: 'The audit log, newest first', querystring: s.auditQuery, response: { 200: s.listOf(s.auditEntrySchema) } } },
    async (request) => listAudit(db, contextOf(request), request.query));
}
