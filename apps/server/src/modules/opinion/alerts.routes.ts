import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth-hooks.ts';
import { idParams, listOf } from '../org/org.schemas.ts';
import type { AlertDeps } from './alert-evaluation.service.ts';
import { createAlertRule, deleteAlertRule, getAlertRule, listAlertRules, updateAlertRule } from './alert-rule.service.ts';
import type { AlertStream } from './alert-stream.ts';
import { acknowledgeAlert, closeAlert, getAlert, listAlerts } from './alert.service.ts';
import * as s from './alerts.schemas.ts';
import {
  createNotificationChannel, getNotificationChannel, listNotificationChannels, notificationChannelKindsOf, sendTestMessage, updateNotificationChannel,
} from './notify/notification-channel.service.ts';
import { listDeliveries } from './notify/notification-delivery.service.ts';
import { assertSeesOpinion } from './opinion.policy.ts';

const tags = ['opinion-alerts'];

/** The SSE resume point: the browser's Last-Event-ID header, or ?lastEventId= for clients that cannot set it. */
function lastEventIdOf(request: FastifyRequest, query: { lastEventId?: string }): number | null {
  const value = request.headers['last-event-id'] ?? query.lastEventId;
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/** HTTP layer of opinion alerts: validate, take the caller's context, call the service. */
export function registerAlertRoutes(app: FastifyInstance, deps: AlertDeps & { stream: AlertStream }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { database, secrets, auth } = app.deps;
  const db = database.db;
  const { senders, stream } = deps;

  api.get('/api/opinion/alert-rules', { schema: { tags, summary: 'Alert rules', querystring: s.alertRuleQuery, response: { 200: listOf(s.alertRuleSchema) } } },
    async (request) => listAlertRules(db, contextOf(request), request.query));
  api.post('/api/opinion/alert-rules', { schema: { tags, summary: 'Create an alert rule (officers, editors, administrators)', body: s.alertRuleBody, response: { 201: s.alertRuleSchema } } },
    async (request, reply) => reply.status(201).send(await createAlertRule(db, contextOf(request), request.body)));
  api.get('/api/opinion/alert-rules/:id', { schema: { tags, summary: 'Read an alert rule', params: idParams, response: { 200: s.alertRuleSchema } } },
    async (request) => getAlertRule(db, contextOf(request), request.params.id));
  api.patch('/api/opinion/alert-rules/:id', { schema: { tags, summary: 'Edit an alert rule; the fields given replace the rule’s', params: idParams, body: s.alertRulePatch, response: { 200: s.alertRuleSchema } } },
    async (request) => updateAlertRule(db, contextOf(request), request.params.id, request.body));
  api.delete('/api/opinion/alert-rules/:id', { schema: { tags, summary: 'Delete a rule that never raised an alert (disable the others)', params: idParams } },
    async (request, reply) => {
      await deleteAlertRule(db, contextOf(request), request.params.id);
      return reply.status(204).send();
    });

  api.get('/api/opinion/alerts', { schema: { tags, summary: 'The alert inbox, newest first', querystring: s.alertQuery, response: { 200: listOf(s.alertSchema) } } },
    async (request) => listAlerts(db, contextOf(request), request.query));
  api.get('/api/opinion/alerts/stream', {
    schema: { tags, summary: 'Live alert changes as Server-Sent Events (session cookie); resumes after Last-Event-ID', querystring: z.object({ lastEventId: z.string().max(20).optional() }) },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    assertSeesOpinion(ctx.actor);
    const sessionToken = request.sessionToken;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const stillSignedIn = async () => (sessionToken ? (await auth.resolveSession(sessionToken)) !== null : bearer ? (await auth.resolveApiToken(bearer)) !== null : false);
    reply.hijack();
    try {
      await stream.open(reply.raw, ctx.actor, lastEventIdOf(request, request.query), stillSignedIn);
    } catch (err) {
      request.log.error({ err }, 'alert stream failed to open');
      reply.raw.end();
    }
  });
  api.get('/api/opinion/alerts/:id', { schema: { tags, summary: 'An alert with its latest mentions, timeline and notifications', params: idParams, response: { 200: s.alertDetailSchema } } },
    async (request) => getAlert(db, contextOf(request), request.params.id));
  api.post('/api/opinion/alerts/:id/acknowledge', { schema: { tags, summary: 'Acknowledge an alert (stops its escalation)', params: idParams, body: s.acknowledgeBody, response: { 200: s.alertDetailSchema } } },
    async (request) => acknowledgeAlert(db, stream, contextOf(request), request.params.id, request.body.note));
  api.post('/api/opinion/alerts/:id/close', { schema: { tags, summary: 'Close an alert with a note', params: idParams, body: s.closeBody, response: { 200: s.alertDetailSchema } } },
    async (request) => closeAlert(db, stream, contextOf(request), request.params.id, request.body.note));

  api.get('/api/opinion/notification-channel-kinds', { schema: { tags, summary: 'Notification channel kinds and the fields each takes', response: { 200: s.notificationChannelKindsSchema } } },
    async () => notificationChannelKindsOf(senders));
  api.get('/api/opinion/notification-channels', { schema: { tags, summary: 'Notification channels (keys and secrets are never returned)', querystring: s.notificationChannelQuery, response: { 200: listOf(s.notificationChannelSchema) } } },
    async (request) => listNotificationChannels(db, secrets, senders, contextOf(request), request.query));
  api.post('/api/opinion/notification-channels', { schema: { tags, summary: 'Add a robot, mailing list or signed webhook (secrets encrypted at rest)', body: s.notificationChannelBody, response: { 201: s.notificationChannelSchema } } },
    async (request, reply) => reply.status(201).send(await createNotificationChannel(db, secrets, senders, contextOf(request), request.body)));
  api.get('/api/opinion/notification-channels/:id', { schema: { tags, summary: 'Read a notification channel', params: idParams, response: { 200: s.notificationChannelSchema } } },
    async (request) => getNotificationChannel(db, secrets, senders, contextOf(request), request.params.id));
  api.patch('/api/opinion/notification-channels/:id', { schema: { tags, summary: 'Edit a channel; a secret set to null is removed, an absent one kept', params: idParams, body: s.notificationChannelPatch, response: { 200: s.notificationChannelSchema } } },
    async (request) => updateNotificationChannel(db, secrets, senders, contextOf(request), request.params.id, request.body));
  api.post('/api/opinion/notification-channels/:id/test', { schema: { tags, summary: 'Send a test message now; answers the delivery with the receiver’s verdict', params: idParams, response: { 200: s.deliverySchema } } },
    async (request) => sendTestMessage(db, deps, contextOf(request), request.params.id));

  api.get('/api/opinion/notification-deliveries', { schema: { tags, summary: 'The delivery log, newest first', querystring: s.deliveryQuery, response: { 200: listOf(s.deliverySchema) } } },
    async (request) => listDeliveries(db, contextOf(request), request.query));
}
