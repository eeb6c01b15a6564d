import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/auth-hooks.ts';
import { errors } from '../../platform/http/errors.ts';
import { uploadedBytes } from '../../platform/http/uploads.ts';
import { idParams, listOf } from '../org/org.schemas.ts';
import { articleSchema } from './content.schemas.ts';
import { acceptLead, addLeadPhoto, createLead, declineLead, getLead, listLeads, maxPhotoBytes, readLeadPhoto, updateLead } from './lead.service.ts';
import * as s from './leads.schemas.ts';
import { createArticleFromTopic, createTopic, getTopic, listTopics, transitionTopic, updateTopic } from './topic.service.ts';

const tags = ['content'];

/** HTTP layer of leads (线索) and topics (选题): validate, take the caller's context, call the service. */
export function registerLeadRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { database, storage, secrets } = app.deps;
  const db = database.db;

  // ── leads ─────────────────────────────────────────────────────────────
  api.get('/api/leads', { schema: { tags, summary: 'Leads (own department unless hospital-wide), newest first', querystring: s.leadQuery, response: { 200: listOf(s.leadSchema) } } },
    async (request) => listLeads(db, contextOf(request), request.query));
  api.post('/api/leads', { schema: { tags, summary: 'Submit a lead for one’s own department (any staff member)', body: s.leadBody, response: { 201: s.leadSchema } } },
    async (request, reply) => reply.status(201).send(await createLead(db, contextOf(request), request.body)));
  api.get('/api/leads/:id', { schema: { tags, summary: 'Read a lead with its photos', params: idParams, response: { 200: s.leadSchema } } },
    async (request) => getLead(db, contextOf(request), request.params.id));
  api.patch('/api/leads/:id', { schema: { tags, summary: 'Edit a lead that is not yet decided (its submitter or an editor)', params: idParams, body: s.leadPatch, response: { 200: s.leadSchema } } },
    async (request) => updateLead(db, contextOf(request), request.params.id, request.body));
  api.post('/api/leads/:id/photos', {
    schema: { tags, summary: `Add a photo (multipart field "file": JPEG, PNG or WebP, ≤ ${maxPhotoBytes / 1024 / 1024} MB)`, params: idParams, response: { 201: s.leadPhotoSchema } },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    if (!request.isMultipart()) throw errors.unsupportedMediaType(['multipart/form-data']);
    const file = await request.file({ limits: { fileSize: maxPhotoBytes } });
    if (!file) throw errors.invalidField('file', '请选择照片', 'A file is required');
    return reply.status(201).send(await addLeadPhoto(db, storage, ctx, request.params.id, await uploadedBytes(file)));
  });
  api.get('/api/leads/:id/photos/:photoId', { schema: { tags, summary: 'A photo of a lead (to those who may read the lead)', params: s.photoParams } }, async (request, reply) => {
    const photo = await readLeadPhoto(db, storage, contextOf(request), request.params.id, request.params.photoId);
    return reply.type(photo.contentType).send(photo.content);
  });
  api.post('/api/leads/:id/accept', { schema: { tags, summary: 'Accept a lead into a topic (editors); accepting twice is a conflict', params: idParams, body: s.acceptBody, response: { 201: s.topicSchema } } },
    async (request, reply) => reply.status(201).send(await acceptLead(db, secrets, contextOf(request), request.params.id, request.body)));
  api.post('/api/leads/:id/decline', { schema: { tags, summary: 'Decline a lead with a reason (editors)', params: idParams, body: s.declineBody, response: { 200: s.leadSchema } } },
    async (request) => declineLead(db, contextOf(request), request.params.id, request.body));

  // ── topics ────────────────────────────────────────────────────────────
  api.get('/api/topics', { schema: { tags, summary: 'Topics (own department and own assignments unless hospital-wide)', querystring: s.topicQuery, response: { 200: listOf(s.topicSchema) } } },
    async (request) => listTopics(db, contextOf(request), request.query));
  api.post('/api/topics', { schema: { tags, summary: 'Plan a topic (editors)', body: s.topicBody, response: { 201: s.topicSchema } } },
    async (request, reply) => reply.status(201).send(await createTopic(db, secrets, contextOf(request), request.body)));
  api.get('/api/topics/:id', { schema: { tags, summary: 'Read a topic, with the moves the caller may make', params: idParams, response: { 200: s.topicSchema } } },
    async (request) => getTopic(db, contextOf(request), request.params.id));
  api.patch('/api/topics/:id', { schema: { tags, summary: 'Change a topic’s plan (editors)', params: idParams, body: s.topicPatch, response: { 200: s.topicSchema } } },
    async (request) => updateTopic(db, secrets, contextOf(request), request.params.id, request.body));
  api.post('/api/topics/:id/transition', { schema: { tags, summary: 'Move a topic along its allowed transitions (dropping needs a reason)', params: idParams, body: s.transitionBody, response: { 200: s.topicSchema } } },
    async (request) => transitionTopic(db, contextOf(request), request.params.id, request.body));
  api.post('/api/topics/:id/article', { schema: { tags, summary: '写稿: create the topic’s draft article and link it (the topic moves to in_progress)', params: idParams, body: s.topicArticleBody, response: { 201: articleSchema } } },
    async (request, reply) => reply.status(201).send(await createArticleFromTopic(db, contextOf(request), request.params.id, request.body ?? {})));
}
