import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/auth-hooks.ts';
import { idParams, listOf } from '../org/org.schemas.ts';
import * as s from './classifier.schemas.ts';
import {
  activateClassifier,
  classifierStatus,
  deactivateClassifier,
  getClassifierModel,
  listClassifierModels,
  rejectClassifier,
  trainClassifier,
} from './classifier.service.ts';

const tags = ['opinion'];

/** HTTP layer of the per-hospital polarity classifier: validate, take the caller's context, call the service. */
export function registerClassifierRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  api.get('/api/opinion/classifier', { schema: { tags, summary: 'The classifier: the active model, the candidate waiting for a decision, corrections since the last model', response: { 200: s.classifierStatusSchema } } },
    async (request) => classifierStatus(db, contextOf(request)));
  api.get('/api/opinion/classifier/models', { schema: { tags, summary: 'Every trained model with its report (before vs after), newest first', querystring: s.classifierModelQuery, response: { 200: listOf(s.classifierModelSchema) } } },
    async (request) => listClassifierModels(db, contextOf(request), request.query));
  api.get('/api/opinion/classifier/models/:id', { schema: { tags, summary: 'A model with its report', params: idParams, response: { 200: s.classifierModelSchema } } },
    async (request) => getClassifierModel(db, contextOf(request), request.params.id));
  api.post('/api/opinion/classifier/train', {
    schema: { tags, summary: 'Retrain now: a candidate from the corrections, cross-validated against the lexicon alone; it is not switched on (409 not_enough_corrections below the minimum)', response: { 201: s.classifierModelSchema } },
  }, async (request, reply) => reply.status(201).send(await trainClassifier(db, contextOf(request))));
  api.post('/api/opinion/classifier/models/:id/activate', { schema: { tags, summary: 'Switch a candidate (or a retired model) on; the active one is retired. Idempotent', params: idParams, response: { 200: s.classifierModelSchema } } },
    async (request) => activateClassifier(db, contextOf(request), request.params.id));
  api.post('/api/opinion/classifier/models/:id/reject', { schema: { tags, summary: 'Reject a candidate, with an optional reason. Idempotent', params: idParams, body: s.rejectClassifierBody, response: { 200: s.classifierModelSchema } } },
    async (request) => rejectClassifier(db, contextOf(request), request.params.id, request.body ?? {}));
  api.post('/api/opinion/classifier/deactivate', { schema: { tags, summary: 'Switch the active model off: the analysis goes back to the lexicon alone. Idempotent', response: { 200: s.classifierStatusSchema } } },
    async (request) => deactivateClassifier(db, contextOf(request)));
}
