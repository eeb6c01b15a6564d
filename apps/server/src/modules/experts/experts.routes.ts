import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/auth-hooks.ts';
import { errors } from '../../platform/http/errors.ts';
import { uploadedBytes } from '../../platform/http/uploads.ts';
import { idParams, listOf } from '../org/org.schemas.ts';
import { clearExpertPhoto, createExpert, getExpert, listExperts, readExpertPhoto, setExpertPhoto, updateExpert } from './expert.service.ts';
import * as s from './experts.schemas.ts';

const tags = ['experts'];

/** HTTP layer of the expert registry: validate, take the caller's context, call the service. */
export function registerExpertRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { database, storage } = app.deps;
  const db = database.db;

  api.get('/api/experts', { schema: { tags, summary: 'The expert registry (专家库)', querystring: s.expertQuery, response: { 200: listOf(s.expertSchema) } } },
    async (request) => listExperts(db, contextOf(request), request.query));
  api.post('/api/experts', { schema: { tags, summary: 'Add an expert (editors and administrators)', body: s.expertBody, response: { 201: s.expertSchema } } },
    async (request, reply) => reply.status(201).send(await createExpert(db, contextOf(request), request.body)));
  api.get('/api/experts/:id', { schema: { tags, summary: 'Read an expert', params: idParams, response: { 200: s.expertSchema } } },
    async (request) => getExpert(db, contextOf(request), request.params.id));
  api.patch('/api/experts/:id', { schema: { tags, summary: 'Edit an expert, or disable one (status)', params: idParams, body: s.expertPatch, response: { 200: s.expertSchema } } },
    async (request) => updateExpert(db, contextOf(request), request.params.id, request.body));

  api.put('/api/experts/:id/photo', { schema: { tags, summary: 'Upload the expert’s photo (multipart field "file": PNG, JPEG or WebP, ≤ 2 MB)', params: idParams, response: { 200: s.expertSchema } } },
    async (request) => {
      const ctx = contextOf(request);
      if (!request.isMultipart()) throw errors.unsupportedMediaType(['multipart/form-data']);
      const file = await request.file();
      if (!file) throw errors.invalidField('file', '请选择图片文件', 'A file is required');
      return setExpertPhoto(db, storage, ctx, request.params.id, await uploadedBytes(file));
    });
  api.delete('/api/experts/:id/photo', { schema: { tags, summary: 'Remove the expert’s photo', params: idParams, response: { 200: s.expertSchema } } },
    async (request) => clearExpertPhoto(db, storage, contextOf(request), request.params.id));
  api.get('/api/experts/:id/photo', { schema: { tags, summary: 'The expert’s photo', params: idParams } }, async (request, reply) => {
    const photo = await readExpertPhoto(db, storage, contextOf(request), request.params.id);
    return reply.type(photo.contentType).header('cache-control', 'private, max-age=86400').send(photo.content);
  });
}
