import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/auth-hooks.ts';
import { idParams, listOf } from '../org/org.schemas.ts';
import { addArticleComment, listArticleComments, resolveArticleComment } from './article-comment.service.ts';
import * as s from './article-comments.schemas.ts';

const tags = ['content'];

/** HTTP layer of comments anchored to an article's text (批注): validate, take the caller's context, call the service. */
export function registerArticleCommentRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  api.get('/api/articles/:id/comments', { schema: { tags, summary: 'Comments on an article, oldest first (whoever may read the article)', params: idParams, querystring: s.commentQuery, response: { 200: listOf(s.commentSchema) } } },
    async (request) => listArticleComments(db, contextOf(request), request.params.id, request.query));
  api.post('/api/articles/:id/comments', { schema: { tags, summary: 'Comment on a quoted passage (reviewers of the current round, editors) or reply to a thread (they and the author)', params: idParams, body: s.commentBody, response: { 201: s.commentSchema } } },
    async (request, reply) => reply.status(201).send(await addArticleComment(db, contextOf(request), request.params.id, request.body)));
  api.post('/api/articles/:id/comments/:commentId/resolve', { schema: { tags, summary: 'Mark a thread resolved (the article’s author)', params: s.commentParams, response: { 200: s.commentSchema } } },
    async (request) => resolveArticleComment(db, contextOf(request), request.params.id, request.params.commentId));
}
