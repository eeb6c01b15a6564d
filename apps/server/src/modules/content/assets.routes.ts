import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { contextOf } from '../../platform/http/auth-hooks.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { chineseMessageOf } from '../../platform/http/field-messages.ts';
import type { FileStorage } from '../../platform/storage.ts';
import { idParams, listOf } from '../org/org.schemas.ts';
import {
  archiveAsset,
  assetFileToServe,
  consentScanToServe,
  createAsset,
  discardAssetFile,
  getAsset,
  listAssets,
  maxConsentScanBytes,
  maxUploadBytes,
  receiveAssetFile,
  recordConsent,
  type StoredFileToServe,
  updateAsset,
} from './asset.service.ts';
import * as s from './assets.schemas.ts';

const tags = ['content'];

// Route-level multipart options: only these routes take large files, the platform's 2 MB per file stays the default.
const uploadConfig = { multipartOptions: { limits: { fileSize: maxUploadBytes, files: 1, fields: 30, fieldSize: 16 * 1024 } } };
const consentConfig = { multipartOptions: { limits: { fileSize: maxConsentScanBytes, files: 1, fields: 5, fieldSize: 1024 } } };

/** Form fields are checked like a JSON body: each problem named with its field, in both languages. */
function parseFields<T extends z.ZodType>(schema: T, fields: Record<string, string | string[]>): z.output<T> {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  throw errors.validation(
    parsed.error.issues.map(({ path, code, message, ...params }) => ({
      field: path.join('.') || 'body',
      messages: { 'zh-CN': chineseMessageOf({ keyword: code, message, params }), en: message },
    })),
  );
}

/** busboy ends a file at the size limit and marks it truncated: that is a file too large, never a shorter one. */
async function* untilTruncated(file: MultipartFile['file']): AsyncGenerator<Buffer> {
  yield* file;
  if (file.truncated) throw errors.payloadTooLarge();
}

/**
 * Reads a multipart form: fields in any order around at most one file, which `receive` takes as it streams in. If the
 * form fails after the file was received (a later part, a bad field), `discard` undoes what `receive` did. A form
 * refused before its end closes the connection after the answer: the unread rest would otherwise hold it open.
 */
async function readForm<T extends z.ZodType, F>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    schema: T;
    fileField: string;
    receive: (filename: string, content: AsyncIterable<Buffer>) => Promise<F>;
    discard?: (file: F) => Promise<void>;
  },
): Promise<{ input: z.output<T>; file: F | null }> {
  if (!request.isMultipart()) throw errors.unsupportedMediaType(['multipart/form-data']);
  const fields: Record<string, string | string[]> = {};
  let file: F | null = null;
  try {
    for await (const part of request.parts(request.routeOptions.config.multipartOptions)) {
      if (part.type === 'field') {
        const value = String(part.value);
        const earlier = fields[part.fieldname];
        fields[part.fieldname] = earlier === undefined ? value : [earlier, value].flat();
      } else if (part.fieldname === options.fileField) {
        file = await options.receive(part.filename, untilTruncated(part.file));
      } else {
        throw errors.invalidField(part.fieldname, `文件须放在 ${options.fileField} 字段`, `The file goes in the field ${options.fileField}`);
      }
    }
    return { input: parseFields(options.schema, fields), file };
  } catch (err) {
    if (file && options.discard) await options.discard(file);
    if (!request.raw.complete) reply.header('connection', 'close');
    throw err;
  }
}

async function readAll(_filename: string, content: AsyncIterable<Buffer>) {
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** One `bytes=` range (what video players send to seek); several ranges are answered with the whole file. */
function rangeOf(header: string | undefined, size: number) {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const [start, end] = match[1] === '' ? [Math.max(0, size - Number(match[2])), size - 1] : [Number(match[1]), match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)];
  if (start > end || start >= size) {
    throw new AppError(416, 'range_not_satisfiable', { 'zh-CN': '请求的范围超出文件大小', en: 'The requested range is outside the file' }, { size }, { 'content-range': `bytes */${size}` });
  }
  return { start, end };
}

async function sendStored(storage: FileStorage, request: FastifyRequest, reply: FastifyReply, file: StoredFileToServe) {
  const size = await storage.size(file.storedFile);
  const range = rangeOf(request.headers.range, size);
  reply
    .type(file.contentType)
    .header('accept-ranges', 'bytes')
    .header('content-disposition', `${file.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  if (!range) return reply.header('content-length', size).send(storage.stream(file.storedFile));
  return reply
    .status(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
    .header('content-length', range.end - range.start + 1)
    .send(storage.stream(file.storedFile, range));
}

/** HTTP layer of the asset library (素材库): validate, take the caller's context, call the service. */
export function registerAssetRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { database, storage } = app.deps;
  const db = database.db;

  api.get('/api/assets', { schema: { tags, summary: 'The asset library (own department and own uploads unless hospital-wide), newest first', querystring: s.assetQuery, response: { 200: listOf(s.assetSchema) } } },
    async (request) => listAssets(db, contextOf(request), request.query));
  api.post('/api/assets', {
    config: uploadConfig,
    schema: {
      tags,
      summary: 'Upload an asset (multipart: "file" plus the fields title, caption, credit, tags (repeated), showsPatient, departmentId)',
      description: `Kinds by magic number: images JPEG, PNG, WebP, GIF ≤ 20 MB (EXIF orientation applied, metadata stripped, WebP thumbnail); video MP4 ≤ ${maxUploadBytes / 1024 / 1024} MB; attachments PDF, DOCX, XLSX ≤ 20 MB.`,
      response: { 201: s.assetSchema },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const { input, file } = await readForm(request, reply, {
      schema: s.assetUploadFields,
      fileField: 'file',
      receive: (filename, content) => receiveAssetFile(storage, filename, content),
      discard: (received) => discardAssetFile(storage, received),
    });
    if (!file) throw errors.invalidField('file', '请选择要上传的文件', 'A file is required');
    return reply.status(201).send(await createAsset(db, storage, ctx, input, file));
  });
  api.get('/api/assets/:id', { schema: { tags, summary: 'Read an asset', params: idParams, response: { 200: s.assetSchema } } },
    async (request) => getAsset(db, contextOf(request), request.params.id));
  api.patch('/api/assets/:id', { schema: { tags, summary: 'Edit an asset’s title, caption, credit, tags, department or whether it shows a patient (its uploader or an editor)', params: idParams, body: s.assetPatch, response: { 200: s.assetSchema } } },
    async (request) => updateAsset(db, contextOf(request), request.params.id, request.body));
  api.post('/api/assets/:id/consent', {
    config: consentConfig,
    schema: {
      tags,
      summary: 'Record the patient’s consent (multipart: consent=obtained, consentObtainedBy, consentDate, optional "scan" PDF/JPEG/PNG) or withdraw it (consent=none)',
      params: idParams,
      response: { 200: s.assetSchema },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const { input, file } = await readForm(request, reply, { schema: s.consentFields, fileField: 'scan', receive: readAll });
    return recordConsent(db, storage, ctx, request.params.id, input, file);
  });
  api.post('/api/assets/:id/archive', { schema: { tags, summary: 'Archive an asset: it leaves the library, articles that show it keep it', params: idParams, response: { 200: s.assetSchema } } },
    async (request) => archiveAsset(db, contextOf(request), request.params.id));
  api.get('/api/assets/:id/file', { schema: { tags, summary: 'The asset’s file (to those who may see the asset; byte ranges for video)', params: idParams } },
    async (request, reply) => sendStored(storage, request, reply, await assetFileToServe(db, contextOf(request), request.params.id, 'file')));
  api.get('/api/assets/:id/thumbnail', { schema: { tags, summary: 'The image’s WebP thumbnail (≤ 320 px)', params: idParams } },
    async (request, reply) => sendStored(storage, request, reply, await assetFileToServe(db, contextOf(request), request.params.id, 'thumbnail')));
  api.get('/api/assets/:id/consent/scan', { schema: { tags, summary: 'The scanned consent form (to the uploader and editors only)', params: idParams } },
    async (request, reply) => sendStored(storage, request, reply, await consentScanToServe(db, contextOf(request), request.params.id)));
}
