import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth-hooks.ts';
import { localeOf } from '../../platform/http/errors.ts';
import { docxType, sendOfficeFile } from '../../platform/http/office-download.ts';
import { listOf } from '../org/org.schemas.ts';
import { repairMeasure } from './incident-repair.service.ts';
import { incidentReport } from './incident-report.service.ts';
import { draftResponse, statementSuggestions, submitResponse } from './incident-response.service.ts';
import { listSlaPolicies, setSlaPolicy } from './incident-sla.service.ts';
import {
  addAlert, addCluster, addMentions, addNote, addTask, createIncident, createIncidentFromAlert, deleteIncident, getIncident, listIncidents, removeCluster,
  removeMention, removeTask, transitionIncident, updateIncident, updateTask,
} from './incident.service.ts';
import * as s from './incidents.schemas.ts';

const tags = ['opinion-incidents'];
const noContent = { 204: z.null() };

/** HTTP layer of incidents (舆情事件): validate, take the caller's context, call the service. */
export function registerIncidentRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const locale = (request: FastifyRequest) => localeOf(request.headers['accept-language']);
  const detail = { 200: s.incidentDetailSchema };

  api.get('/api/opinion/incidents', { schema: { tags, summary: 'Incidents the caller may see, newest first', querystring: s.incidentQuery, response: { 200: listOf(s.incidentSchema) } } },
    async (request) => listIncidents(db, contextOf(request), request.query));
  api.post('/api/opinion/incidents', { schema: { tags, summary: 'Open an incident (officers, editors, administrators), optionally with stories and mentions', body: s.incidentBody, response: { 201: s.incidentDetailSchema } } },
    async (request, reply) => reply.status(201).send(await createIncident(db, contextOf(request), request.body)));
  api.post('/api/opinion/incidents/from-alert', { schema: { tags, summary: 'Open an incident from an alert: it takes the alert over with its story and mentions', body: s.fromAlertBody, response: { 201: s.incidentDetailSchema } } },
    async (request, reply) => reply.status(201).send(await createIncidentFromAlert(db, contextOf(request), request.body)));
  api.get('/api/opinion/incidents/:id', { schema: { tags, summary: 'An incident with its stories, mentions, alerts, tasks, timeline and response', params: s.incidentParams, response: detail } },
    async (request) => getIncident(db, contextOf(request), request.params.id));
  api.patch('/api/opinion/incidents/:id', { schema: { tags, summary: 'Edit an incident; a new level recomputes its deadlines', params: s.incidentParams, body: s.incidentPatch, response: detail } },
    async (request) => updateIncident(db, contextOf(request), request.params.id, request.body));
  api.delete('/api/opinion/incidents/:id', { schema: { tags, summary: 'Delete an incident opened by mistake (still at discovery, no alert, no response)', params: s.incidentParams, response: noContent } },
    async (request, reply) => {
      await deleteIncident(db, contextOf(request), request.params.id);
      return reply.status(204).send(null);
    });
  api.post('/api/opinion/incidents/:id/transitions', { schema: { tags, summary: 'Move to another stage (发现 → 研判 → 处置 → 回应 → 修复 → 复盘 → closed) with a reason', params: s.incidentParams, body: s.transitionBody, response: detail } },
    async (request) => transitionIncident(db, contextOf(request), request.params.id, request.body));

  api.post('/api/opinion/incidents/:id/clusters', { schema: { tags, summary: 'Link a story (mention cluster)', params: s.incidentParams, body: s.linkClusterBody, response: detail } },
    async (request) => addCluster(db, contextOf(request), request.params.id, request.body.clusterId));
  api.delete('/api/opinion/incidents/:id/clusters/:clusterId', { schema: { tags, summary: 'Unlink a story', params: s.incidentClusterParams, response: detail } },
    async (request) => removeCluster(db, contextOf(request), request.params.id, request.params.clusterId));
  api.post('/api/opinion/incidents/:id/mentions', { schema: { tags, summary: 'Link mentions', params: s.incidentParams, body: s.linkMentionsBody, response: detail } },
    async (request) => addMentions(db, contextOf(request), request.params.id, request.body.mentionIds));
  api.delete('/api/opinion/incidents/:id/mentions/:mentionId', { schema: { tags, summary: 'Unlink a mention', params: s.incidentMentionParams, response: detail } },
    async (request) => removeMention(db, contextOf(request), request.params.id, request.params.mentionId));
  api.post('/api/opinion/incidents/:id/alerts', { schema: { tags, summary: 'Take over another alert', params: s.incidentParams, body: s.linkAlertBody, response: detail } },
    async (request) => addAlert(db, contextOf(request), request.params.id, request.body.alertId));

  api.post('/api/opinion/incidents/:id/tasks', { schema: { tags, summary: 'Add a task', params: s.incidentParams, body: s.taskBody, response: detail } },
    async (request) => addTask(db, contextOf(request), request.params.id, request.body));
  api.patch('/api/opinion/incidents/:id/tasks/:taskId', { schema: { tags, summary: 'Change a task, or mark it done (its assignee may)', params: s.incidentTaskParams, body: s.taskPatch, response: detail } },
    async (request) => updateTask(db, contextOf(request), request.params.id, request.params.taskId, request.body));
  api.delete('/api/opinion/incidents/:id/tasks/:taskId', { schema: { tags, summary: 'Remove a task', params: s.incidentTaskParams, response: detail } },
    async (request) => removeTask(db, contextOf(request), request.params.id, request.params.taskId));
  api.post('/api/opinion/incidents/:id/notes', { schema: { tags, summary: 'Add a note (备注 / 领导批示) to the timeline', params: s.incidentParams, body: s.noteBody, response: detail } },
    async (request) => addNote(db, contextOf(request), request.params.id, request.body.text));

  api.get('/api/opinion/incidents/:id/statement-suggestions', { schema: { tags, summary: 'Approved statements (口径) that speak to the incident', params: s.incidentParams, response: { 200: s.statementSuggestionsSchema } } },
    async (request) => statementSuggestions(db, contextOf(request), request.params.id));
  api.put('/api/opinion/incidents/:id/response', { schema: { tags, summary: 'Draft the response from an approved statement, adapted', params: s.incidentParams, body: s.responseBody, response: { 200: s.incidentResponseSchema } } },
    async (request) => draftResponse(db, contextOf(request), request.params.id, request.body));
  api.post('/api/opinion/incidents/:id/response/submit', {
    schema: { tags, summary: 'Publish the response through the content pipeline: an article (notice) submitted to the review chain', params: s.incidentParams, body: s.submitResponseBody, response: { 200: s.incidentResponseSchema } },
  }, async (request) => submitResponse(db, contextOf(request), request.params.id, request.body, locale(request)));

  api.get('/api/opinion/incidents/:id/repair', { schema: { tags, summary: 'Repair measure: volume and negative share after the first response against an equal window before', params: s.incidentParams, querystring: s.repairQuery, response: { 200: s.repairSchema } } },
    async (request) => repairMeasure(db, contextOf(request), request.params.id, request.query));
  api.get('/api/opinion/incidents/:id/report.docx', { schema: { tags, summary: 'The review report (复盘报告) as .docx', params: s.incidentParams } }, async (request, reply) => {
    return sendOfficeFile(reply, await incidentReport(db, contextOf(request), request.params.id), docxType, `incident-${request.params.id}.docx`);
  });

  api.get('/api/opinion/incident-sla', { schema: { tags, summary: 'The SLA per level (first response and stage allowances, in minutes)', response: { 200: s.slaSchema } } },
    async (request) => listSlaPolicies(db, contextOf(request)));
  api.put('/api/opinion/incident-sla/:level', { schema: { tags, summary: 'Set one level’s SLA (editors, administrators); running incidents keep their deadlines', params: s.slaLevelParams, body: s.slaBody, response: { 200: s.slaSchema } } },
    async (request) => setSlaPolicy(db, contextOf(request), request.params.level, request.body));
}
