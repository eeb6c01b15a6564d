import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth-hooks.ts';
import { idParams, listOf } from '../org/org.schemas.ts';
import { channelKinds, integrationFields, offlineKinds } from './channel-kinds.ts';
import {
  createChannel, createChannelColumn, getChannel, listChannelColumns, listChannels, updateChannel, updateChannelColumn,
} from './channel.service.ts';
import * as s from './channels.schemas.ts';
import {
  createPublication, getPublication, listPublications, previewPublication, retryPublication, withdrawPublication,
} from './publication.service.ts';
import { receiveWeChatEvent, verifyWeChatCallback } from './wechat-events.service.ts';

const tags = ['channels'];

/** HTTP layer of the channel registry: validate, take the caller's context, call the service. */
export function registerChannelRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { database, secrets, publishing } = app.deps;
  const db = database.db;

  api.get('/api/channel-kinds', { schema: { tags, summary: 'Channel kinds and the integration fields each needs', response: { 200: s.channelKindList } } },
    async () => ({
      items: channelKinds.map((kind) => ({
        kind,
        online: !offlineKinds.includes(kind),
        // Recorded at once (website, offline) or delivered by an adapter: the kinds a publication can go to.
        publishable: kind === 'website' || offlineKinds.includes(kind) || publishing.adapters.has(kind),
        integrationFields: integrationFields[kind] ?? [],
      })),
    }));

  api.get('/api/channels', { schema: { tags, summary: 'The registry of every channel', querystring: s.channelQuery, response: { 200: listOf(s.channelSchema) } } },
    async (request) => listChannels(db, secrets, contextOf(request), request.query));
  api.post('/api/channels', { schema: { tags, summary: 'Register a channel (secrets are encrypted at rest and never returned)', body: s.channelBody, response: { 201: s.channelSchema } } },
    async (request, reply) => reply.status(201).send(await createChannel(db, secrets, contextOf(request), request.body)));
  api.get('/api/channels/:id', { schema: { tags, summary: 'Read a channel', params: idParams, response: { 200: s.channelSchema } } },
    async (request) => getChannel(db, secrets, contextOf(request), request.params.id));
  api.patch('/api/channels/:id', { schema: { tags, summary: 'Edit a channel; a secret set to null is removed, an absent one kept', params: idParams, body: s.channelPatch, response: { 200: s.channelSchema } } },
    async (request) => updateChannel(db, secrets, contextOf(request), request.params.id, request.body));

  api.get('/api/channels/:id/columns', { schema: { tags, summary: 'Columns (栏目) of a channel', params: idParams, response: { 200: z.object({ items: z.array(s.columnSchema), nextCursor: z.null() }) } } },
    async (request) => listChannelColumns(db, contextOf(request), request.params.id));
  api.post('/api/channels/:id/columns', { schema: { tags, summary: 'Add a column', params: idParams, body: s.columnBody, response: { 201: s.columnSchema } } },
    async (request, reply) => reply.status(201).send(await createChannelColumn(db, contextOf(request), request.params.id, request.body)));
  api.patch('/api/channels/:id/columns/:columnId', { schema: { tags, summary: 'Edit or disable a column', params: s.columnParams, body: s.columnPatch, response: { 200: s.columnSchema } } },
    async (request) => updateChannelColumn(db, contextOf(request), request.params.id, request.params.columnId, request.body));

  api.post('/api/publications', { schema: { tags, summary: 'Publish an approved article to a channel (editors and administrators); platform channels are delivered by a job', body: s.publicationBody, response: { 201: s.publicationSchema } } },
    async (request, reply) => reply.status(201).send(await createPublication(db, publishing, contextOf(request), request.body)));
  api.post('/api/publications/preview', { schema: { tags, summary: "A channel's variant of an article and what the platform would refuse; nothing is saved", body: s.publicationPreviewBody, response: { 200: s.publicationPreview } } },
    async (request) => previewPublication(db, publishing, contextOf(request), request.body));
  api.get('/api/publications', { schema: { tags, summary: 'Publications, newest first', querystring: s.publicationQuery, response: { 200: listOf(s.publicationSchema) } } },
    async (request) => listPublications(db, contextOf(request), request.query));
  api.get('/api/publications/:id', { schema: { tags, summary: 'Read a publication: status, attempts, last error, external id and URL', params: idParams, response: { 200: s.publicationSchema } } },
    async (request) => getPublication(db, contextOf(request), request.params.id));
  api.post('/api/publications/:id/retry', { schema: { tags, summary: 'Retry a failed publication (resumes from what the platform already has)', params: idParams, response: { 200: s.publicationSchema } } },
    async (request) => retryPublication(db, publishing, contextOf(request), request.params.id));
  api.post('/api/publications/:id/withdraw', { schema: { tags, summary: 'Withdraw: cancel a scheduled publication or take a published one down', params: idParams, response: { 200: s.publicationSchema } } },
    async (request) => withdrawPublication(db, publishing, contextOf(request), request.params.id));

  // WeChat pushes events (PUBLISHJOBFINISH) as XML to the server URL configured for the account, signed with its token.
  api.addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => done(null, body));
  const wechatCallback = { tags, params: idParams, querystring: s.wechatSignedQuery };
  api.get('/api/channels/:id/wechat/callback', { config: { auth: 'public' }, schema: { ...wechatCallback, summary: "WeChat's server-URL check: echoes echostr when signed" } },
    async (request, reply) => reply.type('text/plain').send(await verifyWeChatCallback(db, publishing, request.params.id, request.query)));
  api.post('/api/channels/:id/wechat/callback', { config: { auth: 'public' }, schema: { ...wechatCallback, summary: 'WeChat event push (PUBLISHJOBFINISH settles a pending publication)', body: z.string().max(64 * 1024) } },
    async (request, reply) => reply.type('text/plain').send(await receiveWeChatEvent(db, publishing, request.params.id, request.query, request.body)));
}
