import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth-hooks.ts';
import { AppError, errors, localeOf } from '../../platform/http/errors.ts';
import { idParams, listOf } from '../org/org.schemas.ts';
import { addClueScreenshot, confirmClue, dismissClue, getClue, listClues, maxScreenshotBytes, readClueScreenshot, reportClue } from './clue.service.ts';
import { pollSource, type PollDeps } from './feed-poller.ts';
import { ingestMentions, maxBatch } from './ingestion.service.ts';
import { importMentions, previewImport, type ColumnMapping } from './mention-import.service.ts';
import { correctMention, getCluster, getMention, listClusters, listCorrections, listMentions, mentionShare, mentionTrend } from './mention.service.ts';
import { assertManagesOpinion } from './opinion.policy.ts';
import * as s from './opinion.schemas.ts';
import { opinionSources } from './opinion.tables.ts';
import { pushHeaders, verifyPushSignature } from './push-signature.ts';
import { previewWatchRule } from './rule-preview.service.ts';
import { createSource, deleteSource, getSource, listSources, readSource, rotateSourceSecret, sourceRow, sourceSecretOf, updateSource } from './source.service.ts';
import { createWatchRule, deleteWatchRule, listWatchRules, syncWatchRulesFromOrg, updateWatchRule } from './watch-rule.service.ts';

const tags = ['opinion'];
const noContent = { 204: z.null() };
/** A full batch of long posts fits; the batch size limit speaks before this one does. */
const ingestBodyLimit = 16 * 1024 * 1024;
const maxImportBytes = 10 * 1024 * 1024;

/** The bytes a vendor signed: kept beside the parsed body of the ingest route only. */
const rawBodies = new WeakMap<FastifyRequest, Buffer>();

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** HTTP layer of the opinion module: validate, take the caller's context, call the service. */
export function registerOpinionRoutes(app: FastifyInstance, deps: PollDeps, logger: Logger) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { database, storage, secrets } = app.deps;
  const db = database.db;
  const locale = (request: FastifyRequest) => localeOf(request.headers['accept-language']);

  // ── sources ───────────────────────────────────────────────────────────
  api.get('/api/opinion/sources', { schema: { tags, summary: 'Opinion sources with their health', querystring: s.sourceQuery, response: { 200: listOf(s.sourceSchema) } } },
    async (request) => listSources(db, contextOf(request), request.query));
  api.post('/api/opinion/sources', { schema: { tags, summary: 'Add a source (rss, push, import, manual); a push source’s HMAC secret is in this answer only', body: s.sourceBody, response: { 201: s.createdSourceSchema } } },
    async (request, reply) => reply.status(201).send(await createSource(db, secrets, contextOf(request), request.body)));
  api.get('/api/opinion/sources/:id', { schema: { tags, summary: 'A source with its health', params: idParams, response: { 200: s.sourceSchema } } },
    async (request) => getSource(db, contextOf(request), request.params.id));
  api.patch('/api/opinion/sources/:id', { schema: { tags, summary: 'Change, pause or resume a source', params: idParams, body: s.sourcePatch, response: { 200: s.sourceSchema } } },
    async (request) => updateSource(db, contextOf(request), request.params.id, request.body));
  api.delete('/api/opinion/sources/:id', { schema: { tags, summary: 'Delete a source that has no mentions (otherwise pause it)', params: idParams, response: noContent } },
    async (request, reply) => {
      await deleteSource(db, contextOf(request), request.params.id);
      return reply.status(204).send(null);
    });
  api.post('/api/opinion/sources/:id/secret', { schema: { tags, summary: 'Rotate a push source’s HMAC secret (shown once)', params: idParams, response: { 200: s.secretSchema } } },
    async (request) => rotateSourceSecret(db, secrets, contextOf(request), request.params.id));
  api.post('/api/opinion/sources/:id/poll', { schema: { tags, summary: 'Poll a feed now and answer with the outcome and the source’s health', params: idParams, response: { 200: s.pollOutcomeSchema } } },
    async (request) => {
      const ctx = contextOf(request);
      assertManagesOpinion(ctx.actor);
      const source = await sourceRow(db, ctx.actor.hospitalId, request.params.id);
      if (source.kind !== 'rss') throw errors.invalidField('kind', '只有订阅源（RSS）可以抓取', 'Only feed sources are polled');
      const outcome = await pollSource(db, deps, logger, source.id);
      return { outcome, source: await readSource(db, ctx.actor.hospitalId, source.id) };
    });

  // ── push ingestion (data vendors) ─────────────────────────────────────
  // Its own scope: the JSON parser keeps the raw bytes for the HMAC and allows a larger body than elsewhere.
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: ingestBodyLimit }, (request, body, done) => {
      rawBodies.set(request, body as Buffer);
      try {
        done(null, JSON.parse((body as Buffer).toString('utf8')));
      } catch {
        done(new AppError(400, 'invalid_json', { 'zh-CN': '请求体不是有效的 JSON', en: 'The body is not valid JSON' }), undefined);
      }
    });
    scope.withTypeProvider<ZodTypeProvider>().post('/api/opinion/ingest', {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: `Push up to ${maxBatch} mentions to a push source (X-Rongmei-Source), authenticated by an API token with the write scope or by an HMAC signature (X-Rongmei-Timestamp, X-Rongmei-Signature: sha256=HMAC(secret, "<timestamp>.<body>")); idempotent by (source, id)`,
        security: [{ apiToken: [] }, {}],
        body: s.ingestBody,
        response: { 200: s.ingestResultSchema },
      },
    }, async (request) => {
      const source = await authorisePush(request);
      if (request.body.mentions.length > maxBatch) {
        throw new AppError(413, 'batch_too_large', { 'zh-CN': `每批最多 ${maxBatch} 条，请分批推送`, en: `At most ${maxBatch} mentions per batch` }, { max: maxBatch, received: request.body.mentions.length });
      }
      const result = await ingestMentions(db, deps, source.id, request.body.mentions);
      return { ...result, errors: result.errors.map((e) => ({ index: e.index, message: e.messages[locale(request)] })) };
    });
  });

  /** Who may push: a token of an opinion manager of the source's hospital, or a valid signature with the source's secret. */
  async function authorisePush(request: FastifyRequest) {
    const sourceId = Number(header(request, pushHeaders.source));
    if (!Number.isSafeInteger(sourceId) || sourceId <= 0) throw errors.invalidField(pushHeaders.source, '请在 X-Rongmei-Source 请求头中给出来源编号', 'X-Rongmei-Source must be the source id');
    const authorization = header(request, 'authorization');
    let source;
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      const actor = token ? await app.deps.auth.resolveApiToken(token) : null;
      if (!actor) throw errors.unauthenticated();
      if (!actor.scopes?.includes('write')) throw errors.insufficientScope('write');
      assertManagesOpinion(actor);
      source = await sourceRow(db, actor.hospitalId, sourceId);
    } else {
      const [found] = await db.select().from(opinionSources).where(eq(opinionSources.id, sourceId));
      const secret = found ? sourceSecretOf(secrets, found) : null;
      // An unknown source and a wrong signature answer alike: the endpoint does not tell which ids exist.
      verifyPushSignature(secret ?? '', header(request, pushHeaders.timestamp), header(request, pushHeaders.signature), rawBodies.get(request) ?? Buffer.alloc(0));
      if (!found || !secret) throw errors.unauthenticated();
      source = found;
    }
    if (source.kind !== 'push') throw errors.invalidField(pushHeaders.source, '该来源不是推送类型', 'The source is not a push source');
    if (source.status !== 'active') throw new AppError(409, 'source_paused', { 'zh-CN': '该来源已暂停接收', en: 'The source is paused' });
    return source;
  }

  // ── mentions ──────────────────────────────────────────────────────────
  api.get('/api/opinion/mentions', { schema: { tags, summary: 'Mentions, newest first, with filters and Chinese full-text search (q)', querystring: s.mentionQuery, response: { 200: listOf(s.mentionSchema) } } },
    async (request) => listMentions(db, contextOf(request), request.query));
  api.get('/api/opinion/mentions/:id', { schema: { tags, summary: 'A mention with its analysis', params: idParams, response: { 200: s.mentionSchema } } },
    async (request) => getMention(db, contextOf(request), request.params.id));
  api.patch('/api/opinion/mentions/:id', { schema: { tags, summary: 'Correct the analysis (relevance, polarity, risk, category) with a reason; kept and audited', params: idParams, body: s.correctionBody, response: { 200: s.mentionSchema } } },
    async (request) => correctMention(db, contextOf(request), request.params.id, request.body));
  api.get('/api/opinion/mentions/:id/corrections', { schema: { tags, summary: 'Corrections of a mention, oldest first, with the analysis reasons that misled', params: idParams, response: { 200: z.object({ items: z.array(s.correctionSchema) }) } } },
    async (request) => listCorrections(db, contextOf(request), request.params.id));
  api.get('/api/opinion/trend', { schema: { tags, summary: 'Mentions per hour or day, by polarity and by source', querystring: s.trendQuery, response: { 200: s.trendSchema } } },
    async (request) => mentionTrend(db, contextOf(request), request.query));
  api.get('/api/opinion/share', { schema: { tags, summary: 'Shares by polarity, risk, category and source', querystring: s.shareQuery, response: { 200: s.shareSchema } } },
    async (request) => mentionShare(db, contextOf(request), request.query));

  // ── clusters ──────────────────────────────────────────────────────────
  api.get('/api/opinion/clusters', { schema: { tags, summary: 'Stories (near-duplicate clusters), newest first', querystring: s.clusterQuery, response: { 200: listOf(s.clusterSchema) } } },
    async (request) => listClusters(db, contextOf(request), request.query));
  api.get('/api/opinion/clusters/:id', { schema: { tags, summary: 'A story with its timeline and sources', params: idParams, response: { 200: s.clusterDetailSchema } } },
    async (request) => getCluster(db, contextOf(request), request.params.id));

  // ── watch rules ───────────────────────────────────────────────────────
  api.get('/api/opinion/watch-rules', { schema: { tags, summary: 'Watch rules (the hospital profile), seeded from the organisation on first use', querystring: s.watchRuleQuery, response: { 200: listOf(s.watchRuleSchema) } } },
    async (request) => listWatchRules(db, contextOf(request), request.query));
  api.post('/api/opinion/watch-rules', { schema: { tags, summary: 'Add a rule', body: s.watchRuleBody, response: { 201: s.watchRuleSchema } } },
    async (request, reply) => reply.status(201).send(await createWatchRule(db, contextOf(request), request.body)));
  api.patch('/api/opinion/watch-rules/:id', { schema: { tags, summary: 'Change or disable a rule', params: idParams, body: s.watchRulePatch, response: { 200: s.watchRuleSchema } } },
    async (request) => updateWatchRule(db, contextOf(request), request.params.id, request.body));
  api.delete('/api/opinion/watch-rules/:id', { schema: { tags, summary: 'Remove a rule', params: idParams, response: noContent } },
    async (request, reply) => {
      await deleteWatchRule(db, contextOf(request), request.params.id);
      return reply.status(204).send(null);
    });
  api.post('/api/opinion/watch-rules/sync', { schema: { tags, summary: 'Add the organisation’s names (hospital, campuses, departments) that are not rules yet', response: { 200: s.watchRuleSyncSchema } } },
    async (request) => syncWatchRulesFromOrg(db, contextOf(request)));
  api.post('/api/opinion/watch-rules/preview', { schema: { tags, summary: 'Test a drafted rule on recent mentions: which would change, and how', body: s.rulePreviewBody, response: { 200: s.rulePreviewSchema } } },
    async (request) => previewWatchRule(db, deps, contextOf(request), request.body));

  // ── clues (舆情线索) ───────────────────────────────────────────────────
  api.get('/api/opinion/clues', { schema: { tags, summary: 'Clues: every clue for officers, one’s own for everyone else', querystring: s.clueQuery, response: { 200: listOf(s.clueSchema) } } },
    async (request) => listClues(db, contextOf(request), request.query));
  api.post('/api/opinion/clues', { schema: { tags, summary: 'Report a clue (any staff member)', body: s.clueBody, response: { 201: s.clueSchema } } },
    async (request, reply) => reply.status(201).send(await reportClue(db, contextOf(request), request.body)));
  api.get('/api/opinion/clues/:id', { schema: { tags, summary: 'A clue with its screenshots', params: idParams, response: { 200: s.clueSchema } } },
    async (request) => getClue(db, contextOf(request), request.params.id));
  api.post('/api/opinion/clues/:id/screenshots', {
    schema: { tags, summary: `Add a screenshot (multipart field "file": JPEG, PNG or WebP, ≤ ${maxScreenshotBytes / 1024 / 1024} MB)`, params: idParams, response: { 201: s.clueScreenshotSchema } },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    if (!request.isMultipart()) throw errors.unsupportedMediaType(['multipart/form-data']);
    const file = await request.file({ limits: { fileSize: maxScreenshotBytes } });
    if (!file) throw errors.invalidField('file', '请选择截图', 'A file is required');
    return reply.status(201).send(await addClueScreenshot(db, storage, ctx, request.params.id, await file.toBuffer()));
  });
  api.get('/api/opinion/clues/:id/screenshots/:screenshotId', { schema: { tags, summary: 'A screenshot of a clue (to those who may read the clue)', params: s.screenshotParams } }, async (request, reply) => {
    const shot = await readClueScreenshot(db, storage, contextOf(request), request.params.id, request.params.screenshotId);
    return reply.type(shot.contentType).send(shot.content);
  });
  api.post('/api/opinion/clues/:id/confirm', { schema: { tags, summary: 'Confirm a clue into a mention (officers)', params: idParams, body: s.confirmClueBody, response: { 200: s.clueSchema } } },
    async (request) => confirmClue(db, deps, contextOf(request), request.params.id, request.body ?? {}));
  api.post('/api/opinion/clues/:id/dismiss', { schema: { tags, summary: 'Dismiss a clue with a reason (officers)', params: idParams, body: s.dismissClueBody, response: { 200: s.clueSchema } } },
    async (request) => dismissClue(db, contextOf(request), request.params.id, request.body));

  // ── spreadsheet import ────────────────────────────────────────────────
  api.post('/api/opinion/imports/preview', { schema: { tags, summary: 'Step 1: read an .xlsx/.csv (multipart field "file"): headings, sample rows, suggested column mapping', response: { 200: s.importPreviewSchema } } },
    async (request) => {
      const ctx = contextOf(request);
      const { file } = await readImportParts(request);
      return previewImport(ctx, file);
    });
  api.post('/api/opinion/imports', {
    schema: { tags, summary: 'Step 2: import the file with the confirmed mapping (multipart fields "sourceId", "mapping" as JSON, then "file"); bad rows are reported by row number', response: { 200: s.importResultSchema } },
  }, async (request) => {
    const ctx = contextOf(request);
    const { file, fields } = await readImportParts(request);
    const sourceId = Number(fields.sourceId);
    if (!Number.isSafeInteger(sourceId) || sourceId <= 0) throw errors.invalidField('sourceId', '请选择导入到的来源', 'sourceId is required');
    let mapping: ColumnMapping;
    try {
      mapping = s.columnMapping.strict().parse(JSON.parse(fields.mapping ?? '')) as ColumnMapping;
    } catch {
      throw errors.invalidField('mapping', '列对应关系无效', 'mapping must be a JSON object of field → column number');
    }
    return importMentions(db, deps, ctx, { sourceId, mapping, file }, locale(request));
  });
}

/** The file and the text fields of a multipart import, in any order. */
async function readImportParts(request: FastifyRequest) {
  if (!request.isMultipart()) throw errors.unsupportedMediaType(['multipart/form-data']);
  const fields: Record<string, string> = {};
  let file: { name: string; content: Buffer } | undefined;
  for await (const part of request.parts({ limits: { fileSize: maxImportBytes } })) {
    if (part.type === 'file') file = { name: part.filename, content: await part.toBuffer() };
    else fields[part.fieldname] = String(part.value);
  }
  if (!file) throw errors.invalidField('file', '请选择要导入的表格', 'A file is required');
  return { file, fields };
}
