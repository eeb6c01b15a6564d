import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth-hooks.ts';
import { errors, localeOf } from '../../platform/http/errors.ts';
import { docxType, sendOfficeFile } from '../../platform/http/office-download.ts';
import { pageQuery } from '../../platform/http/pagination.ts';
import { uploadedBytes } from '../../platform/http/uploads.ts';
import { idParams, listOf } from '../org/org.schemas.ts';
import { checkCompliance } from './compliance.service.ts';
import {
  addAllowedTerm, addLexiconEntry, createLexicon, deleteLexiconEntry, getLexicon, importLexiconFile, listAllowedTerms,
  listLexiconEntries, listLexicons, removeAllowedTerm, updateLexicon, updateLexiconEntry,
} from './lexicon.service.ts';
import * as s from './messaging.schemas.ts';
import { buildQaSheet } from './qa-sheet.service.ts';
import { createStatement, getStatement, listStatements, listStatementVersions, relatedStatements, todayInChina, transitionStatement, updateStatement } from './statement.service.ts';
import { createTerm, listTerms, termsFromProfile, updateTerm } from './term.service.ts';

const noContent = { 204: z.null() };
const tags = ['messaging'];

/** HTTP layer of the messaging module: validate, take the caller's context, call the service. */
export function registerMessagingRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  api.post('/api/compliance/check', {
    bodyLimit: 4 * 1024 * 1024,
    schema: { tags, summary: 'Check a title and a body (text or HTML) against the lexicons, terms and privacy detectors', body: s.checkBody, response: { 200: s.checkResponse } },
  }, async (request) => checkCompliance(db, contextOf(request), request.body, localeOf(request.headers['accept-language'])));

  // ── statements (口径) ─────────────────────────────────────────────────
  api.get('/api/statements', { schema: { tags, summary: 'Search and list statements', querystring: s.statementQuery, response: { 200: listOf(s.statementSchema) } } },
    async (request) => listStatements(db, contextOf(request), request.query));
  api.post('/api/statements', { schema: { tags, summary: 'Draft a statement', body: s.statementBody, response: { 201: s.statementSchema } } },
    async (request, reply) => reply.status(201).send(await createStatement(db, contextOf(request), request.body)));
  api.get('/api/statements/:id', { schema: { tags, summary: 'Read a statement', params: idParams, response: { 200: s.statementSchema } } },
    async (request) => getStatement(db, contextOf(request), request.params.id));
  api.patch('/api/statements/:id', { schema: { tags, summary: 'Edit a statement (a new version; back to draft)', params: idParams, body: s.statementPatch, response: { 200: s.statementSchema } } },
    async (request) => updateStatement(db, contextOf(request), request.params.id, request.body));
  api.get('/api/statements/:id/versions', { schema: { tags, summary: 'Version history', params: idParams, response: { 200: s.statementVersionList } } },
    async (request) => listStatementVersions(db, contextOf(request), request.params.id));
  api.post('/api/statements/:id/approve', { schema: { tags, summary: 'Approve a draft (editor or leader, not the author)', params: idParams, response: { 200: s.statementSchema } } },
    async (request) => transitionStatement(db, contextOf(request), request.params.id, 'approve'));
  api.post('/api/statements/:id/withdraw', { schema: { tags, summary: 'Withdraw a statement', params: idParams, response: { 200: s.statementSchema } } },
    async (request) => transitionStatement(db, contextOf(request), request.params.id, 'withdraw'));

  api.post('/api/statements/related', {
    bodyLimit: 4 * 1024 * 1024,
    schema: { tags, summary: 'Approved statements relevant to a draft text, best first', body: s.relatedBody, response: { 200: s.relatedResponse } },
  }, async (request) => relatedStatements(db, contextOf(request), request.body.text, request.body.limit));

  api.post('/api/statements/qa-sheet', {
    schema: { tags, summary: 'A Q&A preparation sheet (问答口径) of approved statements, as .docx', body: s.qaSheetBody },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const today = todayInChina();
    const document = await buildQaSheet(db, ctx, request.body, today);
    const fileName = `${request.body.title}-${today}.docx`;
    return sendOfficeFile(reply, { fileName, content: document }, docxType, 'qa-sheet.docx');
  });

  // ── terms ─────────────────────────────────────────────────────────────
  api.get('/api/terms', { schema: { tags, summary: 'The hospital terminology', querystring: s.termQuery, response: { 200: listOf(s.termSchema) } } },
    async (request) => listTerms(db, contextOf(request), request.query));
  api.get('/api/terms/from-profile', { schema: { tags, summary: 'Former names from the hospital profile, retired like terms', response: { 200: s.profileTermList } } },
    async (request) => termsFromProfile(db, contextOf(request)));
  api.post('/api/terms', { schema: { tags, summary: 'Add a term', body: s.termBody, response: { 201: s.termSchema } } },
    async (request, reply) => reply.status(201).send(await createTerm(db, contextOf(request), request.body)));
  api.patch('/api/terms/:id', { schema: { tags, summary: 'Edit or disable a term', params: idParams, body: s.termPatch, response: { 200: s.termSchema } } },
    async (request) => updateTerm(db, contextOf(request), request.params.id, request.body));

  // ── lexicons ──────────────────────────────────────────────────────────
  api.get('/api/lexicons', { schema: { tags, summary: 'List lexicons', response: { 200: listOf(s.lexiconSchema) } } },
    async (request) => listLexicons(db, contextOf(request)));
  api.post('/api/lexicons', { schema: { tags, summary: 'Create a lexicon', body: s.lexiconBody, response: { 201: s.lexiconSchema } } },
    async (request, reply) => reply.status(201).send(await createLexicon(db, contextOf(request), request.body)));
  api.get('/api/lexicons/:id', { schema: { tags, summary: 'Read a lexicon', params: idParams, response: { 200: s.lexiconSchema } } },
    async (request) => getLexicon(db, contextOf(request), request.params.id));
  api.patch('/api/lexicons/:id', { schema: { tags, summary: 'Edit or disable a lexicon', params: idParams, body: s.lexiconPatch, response: { 200: s.lexiconSchema } } },
    async (request) => updateLexicon(db, contextOf(request), request.params.id, request.body));
  api.post('/api/lexicons/:id/import', {
    schema: { tags, summary: 'Import a file (multipart field "file"): one term a line, CSV term,category,severity, "word tag1,tag2", or a JSON array', params: idParams, response: { 200: s.importSummarySchema } },
  }, async (request) => {
    const ctx = contextOf(request);
    if (!request.isMultipart()) throw errors.unsupportedMediaType(['multipart/form-data']);
    const file = await request.file({ limits: { fileSize: 20 * 1024 * 1024 } });
    if (!file) throw errors.invalidField('file', '请选择要导入的文件', 'A file is required');
    const content = await uploadedBytes(file);
    return importLexiconFile(db, ctx, request.params.id, { name: file.filename, content });
  });
  api.get('/api/lexicons/:id/entries', { schema: { tags, summary: 'Entries of a lexicon', params: idParams, querystring: s.lexiconEntryQuery, response: { 200: listOf(s.lexiconEntrySchema) } } },
    async (request) => listLexiconEntries(db, contextOf(request), request.params.id, request.query));
  api.post('/api/lexicons/:id/entries', { schema: { tags, summary: 'Add an entry', params: idParams, body: s.lexiconEntryBody, response: { 201: s.lexiconEntrySchema } } },
    async (request, reply) => reply.status(201).send(await addLexiconEntry(db, contextOf(request), request.params.id, request.body)));
  api.patch('/api/lexicons/:id/entries/:entryId', { schema: { tags, summary: 'Edit an entry', params: s.lexiconEntryParams, body: s.lexiconEntryPatch, response: { 200: s.lexiconEntrySchema } } },
    async (request) => updateLexiconEntry(db, contextOf(request), request.params.id, request.params.entryId, request.body));
  api.delete('/api/lexicons/:id/entries/:entryId', { schema: { tags, summary: 'Remove an entry', params: s.lexiconEntryParams, response: noContent } },
    async (request, reply) => {
      await deleteLexiconEntry(db, contextOf(request), request.params.id, request.params.entryId);
      return reply.status(204).send(null);
    });

  // ── allow-list ────────────────────────────────────────────────────────
  api.get('/api/allowed-terms', { schema: { tags, summary: 'Words never flagged', querystring: z.object(pageQuery), response: { 200: listOf(s.allowedTermSchema) } } },
    async (request) => listAllowedTerms(db, contextOf(request), request.query));
  api.post('/api/allowed-terms', { schema: { tags, summary: 'Allow a word (a false positive)', body: s.allowedTermBody, response: { 201: s.allowedTermSchema } } },
    async (request, reply) => reply.status(201).send(await addAllowedTerm(db, contextOf(request), request.body)));
  api.delete('/api/allowed-terms/:id', { schema: { tags, summary: 'Remove an allowed word', params: idParams, response: noContent } },
    async (request, reply) => {
      await removeAllowedTerm(db, contextOf(request), request.params.id);
      return reply.status(204).send(null);
    });
}
