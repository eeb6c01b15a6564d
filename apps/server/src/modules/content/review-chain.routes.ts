import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth-hooks.ts';
import { articleCategories } from './content.tables.ts';
import { listReviewChains, resetReviewChain, setReviewChain } from './review-chain.service.ts';

const tags = ['content'];
/** Roles that can decide a review step. */
const reviewerRole = z.enum(['dept_reviewer', 'editor', 'leader', 'admin']);
const stepRule = z
  .object({ name: z.string().trim().min(1).max(20), role: reviewerRole, scope: z.enum(['department', 'hospital']), dueHours: z.number().int().min(1).max(720) })
  .strict();
const chainSchema = z.object({
  category: z.enum(articleCategories),
  sensitivity: z.enum(['normal', 'major']),
  configured: z.boolean(),
  steps: z.array(z.object({ name: z.string(), role: z.string(), scope: z.enum(['department', 'hospital']), dueHours: z.number() })),
  updatedAt: z.string().nullable(),
});
const chainParams = z.object({ category: z.enum(articleCategories), sensitivity: z.enum(['normal', 'major']) });

/** 审核流程 configuration: which steps each category and sensitivity goes through (administrators). */
export function registerReviewChainRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  api.get('/api/review-chains', { schema: { tags, summary: 'The review chain of every category and sensitivity', response: { 200: z.object({ items: z.array(chainSchema), nextCursor: z.null() }) } } },
    async (request) => listReviewChains(db, contextOf(request)));
  api.put('/api/review-chains/:category/:sensitivity', { schema: { tags, summary: "Set a chain (applies to submissions from now on; rounds under way keep theirs)", params: chainParams, body: z.object({ steps: z.array(stepRule).min(1).max(6) }).strict(), response: { 200: chainSchema } } },
    async (request) => setReviewChain(db, contextOf(request), request.params.category, request.params.sensitivity, request.body.steps));
  api.delete('/api/review-chains/:category/:sensitivity', { schema: { tags, summary: 'Back to the default chain', params: chainParams, response: { 200: chainSchema } } },
    async (request) => resetReviewChain(db, contextOf(request), request.params.category, request.params.sensitivity));
}
