import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf } from '../http/auth-hooks.ts';
import { listMyNotices, markAllRead, markRead, unreadCount } from './notice.service.ts';
import * as s from './notices.schemas.ts';

const tags = ['notices'];

/** The signed-in user's console inbox: every route reads or changes only the caller's own notices. */
export function registerNoticeRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  api.get('/api/notices', { schema: { tags, summary: 'My notices (站内消息), newest first', querystring: s.noticeQuery, response: { 200: s.noticeListSchema } } },
    async (request) => listMyNotices(db, contextOf(request), request.query));
  api.get('/api/notices/unread-count', { schema: { tags, summary: 'How many of my notices are unread', response: { 200: s.countSchema } } },
    async (request) => unreadCount(db, contextOf(request)));
  api.post('/api/notices/read-all', { schema: { tags, summary: 'Mark all my notices read', response: { 200: s.countSchema } } },
    async (request) => markAllRead(db, contextOf(request)));
  api.post('/api/notices/:id/read', { schema: { tags, summary: 'Mark one of my notices read', params: s.noticeParams, response: { 200: s.noticeSchema } } },
    async (request) => markRead(db, contextOf(request), request.params.id));
}
