import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth-hooks.ts';
import { errors, localeOf } from '../../platform/http/errors.ts';
import { docxType, sendOfficeFile, xlsxType } from '../../platform/http/office-download.ts';
import { uploadedBytes } from '../../platform/http/uploads.ts';
import { listOf } from '../org/org.schemas.ts';
import { metricSources } from './counting-sources.ts';
import { evaluationReport, evaluationWorkbook } from './evaluation-report.service.ts';
import { createEvaluation, deleteEvaluation, getEvaluation, listEvaluations } from './evaluation.service.ts';
import { exportPlan } from './plan-export.service.ts';
import { importPlanTable, importTemplate } from './plan-import.service.ts';
import { addItem, createPlan, deleteItem, getPlan, listPlans } from './plan.service.ts';
import { behindSchedule, itemPieces, planProgress } from './progress.service.ts';
import * as s from './targets.schemas.ts';

const tags = ['targets'];
const noContent = { 204: z.null() };

/** HTTP layer of the targets module: validate, take the caller's context, call the service. */
export function registerTargetRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const locale = (request: { headers: Record<string, unknown> }) => localeOf(request.headers['accept-language'] as string | undefined);

  api.get('/api/targets/metrics', { schema: { tags, summary: 'The metrics and whether their counting source exists yet', response: { 200: s.metricListSchema } } },
    async () => metricSources());
  api.get('/api/targets/behind', { schema: { tags, summary: 'This year’s lines behind the time-proportional target (dashboard), own department unless hospital-wide', response: { 200: s.behindSchema } } },
    async (request) => behindSchedule(db, contextOf(request)));

  api.get('/api/targets/plans', { schema: { tags, summary: 'Target plans, newest first', querystring: s.planQuery, response: { 200: listOf(s.planSchema) } } },
    async (request) => listPlans(db, contextOf(request), request.query));
  api.post('/api/targets/plans', { schema: { tags, summary: 'Create a yearly plan (editors and administrators)', body: s.planBody, response: { 201: s.planSchema } } },
    async (request, reply) => reply.status(201).send(await createPlan(db, contextOf(request), request.body)));
  api.get('/api/targets/plans/:id', { schema: { tags, summary: 'Read a plan', params: s.planParams, response: { 200: s.planSchema } } },
    async (request) => getPlan(db, contextOf(request), request.params.id));

  api.post('/api/targets/plans/:id/items', { schema: { tags, summary: 'Add a department’s target', params: s.planParams, body: s.itemBody, response: { 201: s.itemSchema } } },
    async (request, reply) => reply.status(201).send(await addItem(db, contextOf(request), request.params.id, request.body)));
  api.delete('/api/targets/plans/:id/items/:itemId', { schema: { tags, summary: 'Remove a target', params: s.itemParams, response: noContent } },
    async (request, reply) => {
      await deleteItem(db, contextOf(request), request.params.id, request.params.itemId);
      return reply.status(204).send(null);
    });
  api.get('/api/targets/plans/:id/items/:itemId/pieces', { schema: { tags, summary: 'What a line’s number counts: each piece once, with the channels that carried it', params: s.itemParams, response: { 200: s.piecesSchema } } },
    async (request) => itemPieces(db, contextOf(request), request.params.id, request.params.itemId));

  api.post('/api/targets/plans/:id/import', {
    schema: { tags, summary: 'Import a 目标任务分解表 (.xlsx, multipart field "file"); dryRun=true previews; a real import saves all rows or none', params: s.planParams, querystring: s.importQuery, response: { 200: s.importResultSchema } },
  }, async (request) => {
    const ctx = contextOf(request);
    if (!request.isMultipart()) throw errors.unsupportedMediaType(['multipart/form-data']);
    const file = await request.file();
    if (!file) throw errors.invalidField('file', '请选择要导入的表格', 'A file is required');
    return importPlanTable(db, ctx, request.params.id, await uploadedBytes(file), { dryRun: request.query.dryRun }, locale(request));
  });
  api.get('/api/targets/plans/:id/import-template.xlsx', { schema: { tags, summary: 'The import template with pick-lists of departments and metrics', params: s.planParams } },
    async (request, reply) => sendOfficeFile(reply, { fileName: '目标任务分解表-导入模板.xlsx', content: await importTemplate(db, contextOf(request), request.params.id) }, xlsxType, 'import-template.xlsx'));
  api.get('/api/targets/plans/:id/progress', { schema: { tags, summary: 'Progress of every line (own department unless hospital-wide), with the 合计', params: s.planParams, response: { 200: s.progressSchema } } },
    async (request) => planProgress(db, contextOf(request), request.params.id));
  api.get('/api/targets/plans/:id/export.xlsx', { schema: { tags, summary: 'The plan in the seed table’s layout with progress columns and the 合计 row', params: s.planParams } },
    async (request, reply) => sendOfficeFile(reply, await exportPlan(db, contextOf(request), request.params.id), xlsxType, 'targets.xlsx'));

  api.get('/api/targets/plans/:id/evaluations', { schema: { tags, summary: 'The plan’s evaluations', params: s.planParams, response: { 200: listOf(s.evaluationSummarySchema) } } },
    async (request) => listEvaluations(db, contextOf(request), request.params.id));
  api.post('/api/targets/plans/:id/evaluations', { schema: { tags, summary: 'Freeze a half-year or year-end evaluation: rates, scores and ranking', params: s.planParams, body: s.evaluationBody, response: { 201: s.evaluationSchema } } },
    async (request, reply) => reply.status(201).send(await createEvaluation(db, contextOf(request), request.params.id, request.body.kind, locale(request))));
  api.get('/api/targets/plans/:id/evaluations/:evalId', { schema: { tags, summary: 'Read an evaluation snapshot', params: s.evaluationParams, response: { 200: s.evaluationSchema } } },
    async (request) => getEvaluation(db, contextOf(request), request.params.id, request.params.evalId, locale(request)));
  api.delete('/api/targets/plans/:id/evaluations/:evalId', { schema: { tags, summary: 'Delete an evaluation, to take it again', params: s.evaluationParams, response: noContent } },
    async (request, reply) => {
      await deleteEvaluation(db, contextOf(request), request.params.id, request.params.evalId);
      return reply.status(204).send(null);
    });
  api.get('/api/targets/plans/:id/evaluations/:evalId/export.xlsx', { schema: { tags, summary: 'The evaluation as .xlsx: ranking and details', params: s.evaluationParams } },
    async (request, reply) => sendOfficeFile(reply, await evaluationWorkbook(db, contextOf(request), request.params.id, request.params.evalId), xlsxType, 'evaluation.xlsx'));
  api.get('/api/targets/plans/:id/evaluations/:evalId/report.docx', { schema: { tags, summary: 'The evaluation report as .docx, with a chart of the completion rates', params: s.evaluationParams } },
    async (request, reply) => sendOfficeFile(reply, await evaluationReport(db, contextOf(request), request.params.id, request.params.evalId), docxType, 'evaluation.docx'));
}
