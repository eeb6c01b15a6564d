import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/auth-hooks.ts';
import { localeOf } from '../../platform/http/errors.ts';
import { idParams, listOf } from '../org/org.schemas.ts';
import { createArticle, getArticle, listArticles, reviewArticle, reviseArticle, submitArticle, updateArticle } from './article.service.ts';
import { getArticleVersion, listArticleVersions } from './article-version.service.ts';
import { registerArticleCommentRoutes } from './article-comments.routes.ts';
import * as s from './content.schemas.ts';
import { registerAssetRoutes } from './assets.routes.ts';
import { registerLeadRoutes } from './leads.routes.ts';
import { registerReviewChainRoutes } from './review-chain.routes.ts';

const tags = ['content'];
const bodyLimit = 8 * 1024 * 1024;

/** HTTP layer of the content pipeline: validate, take the caller's context, call the service. */
export function registerContentRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  api.get('/api/articles', { schema: { tags, summary: 'Articles (own department unless hospital-wide); awaitingMyReview=true is the review inbox', querystring: s.articleQuery, response: { 200: listOf(s.articleListItemSchema) } } },
    async (request) => listArticles(db, contextOf(request), request.query));
  api.post('/api/articles', { bodyLimit, schema: { tags, summary: 'Write a draft (HTML body, sanitised)', body: s.articleBody, response: { 201: s.articleSchema } } },
    async (request, reply) => reply.status(201).send(await createArticle(db, contextOf(request), request.body)));
  api.get('/api/articles/:id', { schema: { tags, summary: 'Read an article with its current review chain', params: idParams, response: { 200: s.articleSchema } } },
    async (request) => getArticle(db, contextOf(request), request.params.id));
  api.patch('/api/articles/:id', { bodyLimit, schema: { tags, summary: 'Edit a draft or a returned article (a new version)', params: idParams, body: s.articlePatch, response: { 200: s.articleSchema } } },
    async (request) => updateArticle(db, contextOf(request), request.params.id, request.body));
  api.get('/api/articles/:id/versions', { schema: { tags, summary: 'Saved versions, newest first: number, who saved it and when', params: idParams, querystring: s.articleVersionQuery, response: { 200: listOf(s.articleVersionSummary) } } },
    async (request) => listArticleVersions(db, contextOf(request), request.params.id, request.query));
  api.get('/api/articles/:id/versions/:version', { schema: { tags, summary: 'One version as saved, with the body’s visible text', params: s.articleVersionParams, response: { 200: s.articleVersionSchema } } },
    async (request) => getArticleVersion(db, contextOf(request), request.params.id, request.params.version));
  api.post('/api/articles/:id/submit', { schema: { tags, summary: 'Submit for review: block findings stop it (422), warn findings need an acknowledgement', params: idParams, body: s.submitBody, response: { 200: s.articleSchema } } },
    async (request) => submitArticle(db, contextOf(request), request.params.id, request.body, localeOf(request.headers['accept-language'])));
  api.post('/api/articles/:id/revise', { schema: { tags, summary: 'Send an approved article back to draft to change and submit again (修改重发); every publication of it must be withdrawn first (409)', params: idParams, body: s.reviseBody, response: { 200: s.articleSchema } } },
    async (request) => reviseArticle(db, contextOf(request), request.params.id, request.body));
  api.post('/api/articles/:id/review', { schema: { tags, summary: 'Decide the current review step: approve, return (with comment) or reject', params: idParams, body: s.reviewBody, response: { 200: s.articleSchema } } },
    async (request) => reviewArticle(db, contextOf(request), request.params.id, request.body));
  registerArticleCommentRoutes(app);
  registerLeadRoutes(app);
  registerAssetRoutes(app);
  registerReviewChainRoutes(app);
}
