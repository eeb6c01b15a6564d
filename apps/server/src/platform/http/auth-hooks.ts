import type { FastifyInstance, FastifyRequest } from 'fastify';
import { constantTimeEqual } from '../../modules/org/auth.service.ts';
import { AppError, errors } from './errors.ts';
import type { RequestContext } from './request-context.ts';

export const sessionCookie = 'rongmei_session';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext | null;
    sessionToken: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** 'public' routes need no sign-in; every other /api route does. */
    auth?: 'public' | 'user';
    /** A user who must change a temporary password may still call these. */
    allowPendingPasswordChange?: boolean;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const passwordChangeRequired = () =>
  new AppError(403, 'password_change_required', { 'zh-CN': '请先修改初始密码', en: 'Change your temporary password first' });

/**
 * Who is calling, on every /api request: an API token (Authorization: Bearer) or a session cookie.
 * Cookie-authenticated writes must echo the session's CSRF token in x-csrf-token.
 */
export function registerAuthHooks(app: FastifyInstance) {
  app.decorateRequest('ctx', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') || request.is404 || request.url.startsWith('/api/docs')) return;
    if (request.routeOptions.config.auth === 'public') return;
    const ip = request.ip ?? null;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      const actor = token ? await app.deps.auth.resolveApiToken(token) : null;
      if (!actor) throw errors.unauthenticated();
      const needed = safeMethods.has(request.method) ? ['read', 'write'] : ['write'];
      if (!actor.scopes?.some((s) => needed.includes(s))) throw errors.insufficientScope(needed.at(-1)!);
      request.ctx = { actor, ip, requestId: request.id };
      return;
    }
    const token = request.cookies[sessionCookie];
    const session = token ? await app.deps.auth.resolveSession(token) : null;
    if (!session) {
      if (token) reply.clearCookie(sessionCookie, { path: '/' });
      throw errors.unauthenticated();
    }
    if (!safeMethods.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !constantTimeEqual(sent, session.csrfToken)) throw errors.csrf();
    }
    if (session.mustChangePassword && !request.routeOptions.config.allowPendingPasswordChange) throw passwordChangeRequired();
    request.ctx = { actor: session.actor, ip, requestId: request.id };
    request.sessionToken = token!;
    request.csrfToken = session.csrfToken;
  });
}

/** The caller's context in a route that the hook has already authenticated. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.ctx) throw errors.unauthenticated();
  return request.ctx;
}
