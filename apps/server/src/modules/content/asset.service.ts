import path from 'node:path';
import { and, arrayContains, desc, eq, ilike, inArray, lt, not, or, sql, type SQL } from 'drizzle-orm';
import { Parser } from 'htmlparser2';
import sharp, { type Sharp } from 'sharp';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import type { FileStorage } from '../../platform/storage.ts';
import { recordAudit } from '../org/audit.service.ts';
import { assertActiveDepartment, escapeLike } from '../org/department.service.ts';
import { sniffImageType } from '../org/hospital.service.ts';
import { orgPolicy } from '../org/org.policy.ts';
import { assets } from './content.tables.ts';

type AssetRow = typeof assets.$inferSelect;
type AssetKind = AssetRow['kind'];

const megabyte = 1024 * 1024;
/** Per kind: a video is streamed to disk, the others are read into memory to be checked and processed. */
const assetLimits = { image: 20 * megabyte, video: 200 * megabyte, attachment: 20 * megabyte } as const satisfies Record<AssetKind, number>;
export const maxUploadBytes = Math.max(...Object.values(assetLimits));
export const maxConsentScanBytes = 20 * megabyte;
const thumbnailSize = 320;
// A small file of enormous dimensions (a decompression bomb) is refused before it is decoded.
const maxImagePixels = 100_000_000;

type FileType = { kind: AssetKind; contentType: string; extension: string };

const imageTypes: Record<string, FileType> = {
  'image/jpeg': { kind: 'image', contentType: 'image/jpeg', extension: 'jpg' },
  'image/png': { kind: 'image', contentType: 'image/png', extension: 'png' },
  'image/webp': { kind: 'image', contentType: 'image/webp', extension: 'webp' },
  'image/gif': { kind: 'image', contentType: 'image/gif', extension: 'gif' },
};
const mp4: FileType = { kind: 'video', contentType: 'video/mp4', extension: 'mp4' };
const pdf: FileType = { kind: 'attachment', contentType: 'application/pdf', extension: 'pdf' };
/** Office files are ZIP archives; the part each one must contain tells them apart (and from any other ZIP). */
const officeTypes: { part: string; type: FileType }[] = [
  { part: 'word/document.xml', type: { kind: 'attachment', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' } },
  { part: 'xl/workbook.xml', type: { kind: 'attachment', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' } },
];
// MP4 brands only: QuickTime (qt), HEIF images (heic, mif1) and audio (M4A) share the ftyp box.
const mp4Brands = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash', 'mmp4']);
const accepted = ['JPEG', 'PNG', 'WebP', 'GIF', 'MP4', 'PDF', 'DOCX', 'XLSX'];
const sniffLength = 12;

/** What a file's first bytes say it is; a ZIP is only known once its directory is read. */
function sniffHead(head: Buffer): FileType | 'zip' | null {
  const image = sniffImageType(head) ?? (/^GIF8[79]a$/.test(head.toString('latin1', 0, 6)) ? 'image/gif' : null);
  if (image) return imageTypes[image];
  if (head.toString('latin1', 4, 8) === 'ftyp' && mp4Brands.has(head.toString('latin1', 8, 12))) return mp4;
  if (head.toString('latin1', 0, 5) === '%PDF-') return pdf;
  if (head.readUInt32LE(0) === 0x04034b50) return 'zip';
  return null;
}

/** The entry names in a ZIP's central directory. */
function zipEntryNames(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > zip.length) return [];
  const names: string[] = [];
  let offset = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0 && offset + 46 <= zip.length && zip.readUInt32LE(offset) === 0x02014b50; i -= 1) {
    const nameLength = zip.readUInt16LE(offset + 28);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return names;
}

const unsupportedFile = () => errors.unsupportedMediaType(accepted);

const kindNames: Record<AssetKind, { 'zh-CN': string; en: string }> = {
  image: { 'zh-CN': '图片', en: 'An image' },
  video: { 'zh-CN': '视频', en: 'A video' },
  attachment: { 'zh-CN': '附件', en: 'An attachment' },
};

const tooLarge = (kind: AssetKind) => {
  const mb = assetLimits[kind] / megabyte;
  return new AppError(413, 'payload_too_large', { 'zh-CN': `${kindNames[kind]['zh-CN']}不能超过 ${mb} MB`, en: `${kindNames[kind].en} may be at most ${mb} MB` }, { kind, maxBytes: assetLimits[kind] });
};

/** Passes the chunks on, counting them, and fails as soon as they exceed the limit. */
async function* withinLimit(content: AsyncIterable<Buffer>, kind: AssetKind, counted: { bytes: number }) {
  for await (const chunk of content) {
    counted.bytes += chunk.length;
    if (counted.bytes > assetLimits[kind]) throw tooLarge(kind);
    yield chunk;
  }
}

/** Reads the first bytes of a stream to sniff them, and gives back a stream of all of it, those bytes included. */
async function peek(content: AsyncIterable<Buffer>, length: number) {
  const iterator = content[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let read = 0;
  while (read < length) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    read += next.value.length;
  }
  async function* all() {
    yield* head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head: Buffer.concat(head), all: all() };
}

async function collect(content: AsyncIterable<Buffer>) {
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const encoders: Record<string, (image: Sharp) => Sharp> = {
  'image/jpeg': (image) => image.jpeg({ quality: 90, mozjpeg: true }),
  'image/png': (image) => image.png(),
  'image/webp': (image) => image.webp({ quality: 90 }),
  'image/gif': (image) => image.gif(),
};

/**
 * The image as it is kept and served: turned upright by its EXIF orientation and re-encoded without any metadata, so
 * no GPS position, device or date leaves the server with a patient's photo; and a WebP thumbnail of at most 320 px.
 */
async function processImage(content: Buffer, type: FileType) {
  const options = { animated: type.contentType === 'image/gif', limitInputPixels: maxImagePixels };
  try {
    const { data, info } = await encoders[type.contentType](sharp(content, options).autoOrient()).toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data, { limitInputPixels: maxImagePixels })
      .resize({ width: thumbnailSize, height: thumbnailSize, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return { content: data, width: info.width, height: info.pageHeight ?? info.height, thumbnail };
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message)) throw tooLarge('image');
    throw unsupportedFile();
  }
}

/** An upload checked and stored, waiting for its row. */
export type ReceivedAsset = { type: FileType; filename: string; storedFile: string; thumbnailFile: string | null; bytes: number; width: number | null; height: number | null };

/**
 * Takes an uploaded file as it streams in: its kind comes from its magic number, never from its name or the client's
 * content type; each kind has its size limit; a video goes straight to disk, the rest is checked in memory first.
 */
export async function receiveAssetFile(storage: FileStorage, filename: string, content: AsyncIterable<Buffer>): Promise<ReceivedAsset> {
  const { head, all } = await peek(content, sniffLength);
  const sniffed = head.length >= 4 ? sniffHead(head) : null;
  if (!sniffed) throw unsupportedFile();
  const counted = { bytes: 0 };
  const kept = { filename: filename.slice(0, 255) || 'file', thumbnailFile: null, width: null, height: null };
  if (sniffed !== 'zip' && sniffed.kind === 'video') {
    const storedFile = await storage.saveStream('asset', sniffed.extension, withinLimit(all, 'video', counted));
    return { ...kept, type: sniffed, storedFile, bytes: counted.bytes };
  }
  const buffer = await collect(withinLimit(all, sniffed === 'zip' ? 'attachment' : sniffed.kind, counted));
  const names = sniffed === 'zip' ? zipEntryNames(buffer) : [];
  const type = sniffed === 'zip' ? officeTypes.find((office) => names.includes(office.part))?.type : sniffed;
  if (!type) throw unsupportedFile();
  if (type.kind === 'attachment') return { ...kept, type, storedFile: await storage.save('asset', type.extension, buffer), bytes: buffer.length };
  const image = await processImage(buffer, type);
  const storedFile = await storage.save('asset', type.extension, image.content);
  const thumbnailFile = await storage.save('asset-thumb', 'webp', image.thumbnail).catch(async (err) => {
    await storage.remove(storedFile);
    throw err;
  });
  return { ...kept, type, storedFile, thumbnailFile, bytes: image.content.length, width: image.width, height: image.height };
}

/** Removes what receiveAssetFile stored, when the asset it was for is not created after all. */
export async function discardAssetFile(storage: FileStorage, received: ReceivedAsset) {
  await storage.remove(received.storedFile);
  if (received.thumbnailFile) await storage.remove(received.thumbnailFile);
}

function toAsset(r: AssetRow) {
  return {
    id: r.id,
    kind: r.kind,
    departmentId: r.departmentId,
    originalFilename: r.originalFilename,
    contentType: r.contentType,
    bytes: r.bytes,
    width: r.width,
    height: r.height,
    url: `/api/assets/${r.id}/file`,
    thumbnailUrl: r.thumbnailFile ? `/api/assets/${r.id}/thumbnail` : null,
    title: r.title,
    caption: r.caption,
    tags: r.tags,
    credit: r.credit,
    showsPatient: r.showsPatient,
    consent: r.consent,
    consentObtainedBy: r.consentObtainedBy,
    consentDate: r.consentDate,
    consentScanUrl: r.consentScanFile ? `/api/assets/${r.id}/consent/scan` : null,
    consentMissing: consentMissing(r),
    uploadedBy: r.uploadedBy,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const consentMissing = (r: Pick<AssetRow, 'showsPatient' | 'consent'>) => r.showsPatient && r.consent !== 'obtained';

const snapshotOf = (r: AssetRow) => ({
  title: r.title, caption: r.caption, tags: r.tags, credit: r.credit, departmentId: r.departmentId, showsPatient: r.showsPatient,
  consent: r.consent, consentObtainedBy: r.consentObtainedBy, consentDate: r.consentDate, consentScan: r.consentScanFile !== null, status: r.status,
});

/** Hospital-wide roles see the whole library; everyone else their own department's assets and the ones they uploaded. */
function readableBy(ctx: RequestContext): SQL | undefined {
  if (orgPolicy.seesWholeHospital(ctx.actor)) return undefined;
  return or(eq(assets.departmentId, ctx.actor.departmentId), eq(assets.uploadedBy, ctx.actor.userId));
}

async function assetRow(db: DbOrTx, ctx: RequestContext, id: number, lock = false) {
  const query = db.select().from(assets).where(and(eq(assets.id, id), eq(assets.hospitalId, ctx.actor.hospitalId), readableBy(ctx)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('asset');
  return row;
}

/** Anyone adds to their own department's library (人人都是宣传员); hospital-wide roles to any department's. */
function assertMayFileUnder(ctx: RequestContext, departmentId: number) {
  if (departmentId !== ctx.actor.departmentId && !orgPolicy.seesWholeHospital(ctx.actor)) {
    throw errors.invalidField('departmentId', '只能上传到本科室的素材库', 'You can only add assets to your own department’s library');
  }
}

/** The uploader edits an asset and records its consent; so do the publicity department and administrators. */
function mayEdit(ctx: RequestContext, row: AssetRow) {
  return row.uploadedBy === ctx.actor.userId || ctx.actor.roles.some((r) => r === 'editor' || r === 'admin');
}

function assertMayEdit(ctx: RequestContext, row: AssetRow) {
  if (!mayEdit(ctx, row)) throw errors.forbidden();
}

export type AssetFilter = {
  limit: number;
  cursor?: string;
  kind?: AssetKind;
  tag?: string;
  q?: string;
  departmentId?: number;
  showsPatient?: boolean;
  consentMissing?: boolean;
  status: AssetRow['status'];
};

const missingConsent = sql`${assets.showsPatient} and ${assets.consent} <> 'obtained'`;

export async function listAssets(db: Db, ctx: RequestContext, filter: AssetFilter) {
  const before = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(assets.hospitalId, ctx.actor.hospitalId),
    eq(assets.status, filter.status),
    readableBy(ctx),
    before === undefined ? undefined : lt(assets.id, before),
    filter.kind ? eq(assets.kind, filter.kind) : undefined,
    filter.tag ? arrayContains(assets.tags, [filter.tag]) : undefined,
    filter.q ? ilike(assets.title, `%${escapeLike(filter.q)}%`) : undefined,
    filter.departmentId === undefined ? undefined : eq(assets.departmentId, filter.departmentId),
    filter.showsPatient === undefined ? undefined : eq(assets.showsPatient, filter.showsPatient),
    filter.consentMissing === undefined ? undefined : filter.consentMissing ? missingConsent : not(missingConsent),
  ];
  const rows = await db.select().from(assets).where(and(...conditions)).orderBy(desc(assets.id)).limit(filter.limit + 1);
  return pageOf(rows, filter.limit, toAsset);
}

export async function getAsset(db: Db, ctx: RequestContext, id: number) {
  return toAsset(await assetRow(db, ctx, id));
}

export type AssetInput = {
  title?: string;
  caption?: string | null;
  credit?: string | null;
  tags?: string[];
  showsPatient?: boolean;
  departmentId?: number;
};

const titleOf = (filename: string) => path.parse(filename).name.slice(0, 200) || filename.slice(0, 200);

/** The row for a received file; if it cannot be written, the file is removed again, so no file is left without a row. */
export async function createAsset(db: Db, storage: FileStorage, ctx: RequestContext, input: AssetInput, received: ReceivedAsset) {
  try {
    const departmentId = input.departmentId ?? ctx.actor.departmentId;
    assertMayFileUnder(ctx, departmentId);
    return await db.transaction(async (tx) => {
      await assertActiveDepartment(tx, ctx.actor.hospitalId, departmentId);
      const [row] = await tx
        .insert(assets)
        .values({
          hospitalId: ctx.actor.hospitalId,
          departmentId,
          kind: received.type.kind,
          originalFilename: received.filename,
          contentType: received.type.contentType,
          bytes: received.bytes,
          width: received.width,
          height: received.height,
          storedFile: received.storedFile,
          thumbnailFile: received.thumbnailFile,
          title: input.title ?? titleOf(received.filename),
          caption: input.caption ?? null,
          credit: input.credit ?? null,
          tags: [...new Set(input.tags ?? [])],
          showsPatient: input.showsPatient ?? false,
          uploadedBy: ctx.actor.userId,
        })
        .returning();
      await recordAudit(tx, ctx, {
        action: 'asset.upload', entityType: 'asset', entityId: row.id, hospitalId: row.hospitalId,
        after: { ...snapshotOf(row), kind: row.kind, contentType: row.contentType, bytes: row.bytes, originalFilename: row.originalFilename },
      });
      return toAsset(row);
    });
  } catch (err) {
    await discardAssetFile(storage, received);
    throw err;
  }
}

export async function updateAsset(db: Db, ctx: RequestContext, id: number, patch: AssetInput) {
  return db.transaction(async (tx) => {
    const before = await assetRow(tx, ctx, id, true);
    assertMayEdit(ctx, before);
    if (patch.departmentId !== undefined) {
      assertMayFileUnder(ctx, patch.departmentId);
      await assertActiveDepartment(tx, ctx.actor.hospitalId, patch.departmentId);
    }
    const { tags, ...rest } = patch;
    const [row] = await tx
      .update(assets)
      .set({ ...rest, ...(tags === undefined ? {} : { tags: [...new Set(tags)] }), updatedAt: sql`now()` })
      .where(eq(assets.id, id))
      .returning();
    await recordAudit(tx, ctx, { action: 'asset.update', entityType: 'asset', entityId: id, hospitalId: row.hospitalId, before: snapshotOf(before), after: snapshotOf(row) });
    return toAsset(row);
  });
}

export type ConsentInput = { consent: AssetRow['consent']; consentObtainedBy?: string; consentDate?: string };

const chinaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

function assertConsentInput(input: ConsentInput, scan: Buffer | null) {
  if (input.consent === 'none') {
    for (const field of ['consentObtainedBy', 'consentDate'] as const) {
      if (input[field] !== undefined) throw errors.invalidField(field, '撤销知情同意时不填写此项', 'Leave this out when withdrawing consent');
    }
    if (scan) throw errors.invalidField('scan', '撤销知情同意时不上传扫描件', 'No scan when withdrawing consent');
    return;
  }
  if (!input.consentObtainedBy) throw errors.invalidField('consentObtainedBy', '请填写知情同意的取得人', 'Who obtained the consent is required');
  if (!input.consentDate) throw errors.invalidField('consentDate', '请填写取得知情同意的日期', 'The date of the consent is required');
  if (input.consentDate > chinaDay.format(new Date())) throw errors.invalidField('consentDate', '日期不能晚于今天', 'The date cannot be in the future');
}

/** A scanned consent form is a PDF or a photo of the signed page. */
function scanTypeOf(scan: Buffer) {
  const type = sniffImageType(scan);
  if (type === 'image/jpeg' || type === 'image/png') return imageTypes[type];
  if (scan.toString('latin1', 0, 5) === '%PDF-') return pdf;
  throw errors.unsupportedMediaType(['PDF', 'JPEG', 'PNG']);
}

/**
 * Records the patient's consent (obtained: by whom, on which day, optionally with the scanned form, which replaces an
 * earlier one) or withdraws it (none: the record and its scan are removed).
 */
export async function recordConsent(db: Db, storage: FileStorage, ctx: RequestContext, id: number, input: ConsentInput, scan: Buffer | null) {
  assertMayEdit(ctx, await assetRow(db, ctx, id));
  assertConsentInput(input, scan);
  const scanType = scan ? scanTypeOf(scan) : null;
  const storedScan = scan && scanType ? await storage.save('consent', scanType.extension, scan) : null;
  const { result, replaced } = await db
    .transaction(async (tx) => {
      const before = await assetRow(tx, ctx, id, true);
      const obtained = input.consent === 'obtained';
      const keepsScan = obtained && !storedScan;
      const [row] = await tx
        .update(assets)
        .set({
          consent: input.consent,
          consentObtainedBy: obtained ? input.consentObtainedBy : null,
          consentDate: obtained ? input.consentDate : null,
          consentScanFile: keepsScan ? before.consentScanFile : storedScan,
          consentScanContentType: keepsScan ? before.consentScanContentType : (scanType?.contentType ?? null),
          updatedAt: sql`now()`,
        })
        .where(eq(assets.id, id))
        .returning();
      await recordAudit(tx, ctx, {
        action: obtained ? 'asset.consent.record' : 'asset.consent.withdraw', entityType: 'asset', entityId: id, hospitalId: row.hospitalId,
        before: snapshotOf(before), after: snapshotOf(row),
      });
      return { result: toAsset(row), replaced: keepsScan ? null : before.consentScanFile };
    })
    .catch(async (err) => {
      if (storedScan) await storage.remove(storedScan);
      throw err;
    });
  if (replaced) await storage.remove(replaced);
  return result;
}

/** Archived assets leave the library and the picker; articles that already show them keep them. */
export async function archiveAsset(db: Db, ctx: RequestContext, id: number) {
  return db.transaction(async (tx) => {
    const before = await assetRow(tx, ctx, id, true);
    assertMayEdit(ctx, before);
    if (before.status === 'archived') {
      throw new AppError(409, 'invalid_state', { 'zh-CN': '素材已归档', en: 'The asset is already archived' }, { status: before.status });
    }
    const [row] = await tx.update(assets).set({ status: 'archived', updatedAt: sql`now()` }).where(eq(assets.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'asset.archive', entityType: 'asset', entityId: id, hospitalId: row.hospitalId, before: { status: before.status }, after: { status: row.status } });
    return toAsset(row);
  });
}

/** The name a file is offered under: the uploader's name, with the extension of what it really is. */
function servedName(row: AssetRow, storedFile: string) {
  return `${path.parse(row.originalFilename).name || 'asset'}${path.extname(storedFile)}`;
}

export type StoredFileToServe = { storedFile: string; contentType: string; filename: string; inline: boolean };

/** The stored file or thumbnail of an asset, for those who may see the asset. */
export async function assetFileToServe(db: Db, ctx: RequestContext, id: number, which: 'file' | 'thumbnail'): Promise<StoredFileToServe> {
  const row = await assetRow(db, ctx, id);
  if (which === 'thumbnail') {
    if (!row.thumbnailFile) throw errors.notFound('thumbnail');
    return { storedFile: row.thumbnailFile, contentType: 'image/webp', filename: servedName(row, row.thumbnailFile), inline: true };
  }
  return { storedFile: row.storedFile, contentType: row.contentType, filename: servedName(row, row.storedFile), inline: row.kind !== 'attachment' };
}

/** The scanned consent form names the patient: only those who may edit the asset see it. */
export async function consentScanToServe(db: Db, ctx: RequestContext, id: number): Promise<StoredFileToServe> {
  const row = await assetRow(db, ctx, id);
  assertMayEdit(ctx, row);
  if (!row.consentScanFile || !row.consentScanContentType) throw errors.notFound('consent scan');
  return { storedFile: row.consentScanFile, contentType: row.consentScanContentType, filename: `consent-${row.id}${path.extname(row.consentScanFile)}`, inline: true };
}

const consentMissingError = (rows: Pick<AssetRow, 'id' | 'title'>[]) =>
  new AppError(
    422,
    'patient_consent_missing',
    { 'zh-CN': `以下患者影像缺少知情同意：${rows.map((r) => `“${r.title}”`).join('、')}`, en: `Patient consent is missing for ${rows.map((r) => `"${r.title}"`).join(', ')}` },
    rows.map((r) => ({ assetId: r.id, title: r.title })),
  );

const maxId = 2_147_483_647;

/**
 * For the article pipeline: every asset an article uses must exist in the hospital, and a photo showing a patient must
 * have the patient's consent recorded, or the article is not submitted for review (422, naming the assets).
 */
export async function assertAssetsUsable(db: DbOrTx, hospitalId: number, assetIds: number[]) {
  const ids = [...new Set(assetIds)];
  if (ids.length === 0) return;
  const rows = await db
    .select({ id: assets.id, title: assets.title, showsPatient: assets.showsPatient, consent: assets.consent })
    .from(assets)
    .where(and(eq(assets.hospitalId, hospitalId), inArray(assets.id, ids.filter((id) => id <= maxId))));
  const unknown = ids.filter((id) => !rows.some((r) => r.id === id));
  if (unknown.length) {
    throw new AppError(422, 'asset_not_found', { 'zh-CN': `稿件引用了不存在的素材（${unknown.join('、')}）`, en: `The article uses assets that do not exist (${unknown.join(', ')})` }, { assetIds: unknown });
  }
  const missing = rows.filter(consentMissing);
  if (missing.length) throw consentMissingError(missing);
}

/**
 * An asset's bytes for the channels: the publishing adapters upload body images to WeChat and Weibo, and the website
 * serves the images of published articles. A photo whose patient consent is missing (or was withdrawn) is refused.
 */
export async function assetFileFor(db: DbOrTx, storage: FileStorage, hospitalId: number, assetId: number) {
  const [row] = assetId <= maxId ? await db.select().from(assets).where(and(eq(assets.id, assetId), eq(assets.hospitalId, hospitalId))) : [];
  if (!row) throw errors.notFound('asset');
  if (consentMissing(row)) throw consentMissingError([row]);
  return { bytes: await storage.read(row.storedFile), contentType: row.contentType, filename: servedName(row, row.storedFile) };
}

const assetPath = /^(?:https?:\/\/[^/]+)?\/api\/assets\/(\d+)\/(?:file|thumbnail)(?:[?#]|$)/;

/** The asset a URL of the library points to (an <img src> of an article), or null for any other URL. */
export function assetIdOfUrl(url: string): number | null {
  const id = Number(assetPath.exec(url)?.[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The assets an article's HTML uses: the editor inserts `<img src="/api/assets/{id}/file" data-asset-id="{id}">`. */
export function assetIdsInHtml(html: string): number[] {
  const ids = new Set<number>();
  const add = (value: string | undefined) => {
    const id = Number(value);
    if (value && /^\d+$/.test(value) && Number.isSafeInteger(id) && id > 0) ids.add(id);
  };
  const parser = new Parser({
    onopentag(_name, attributes) {
      add(attributes['data-asset-id']);
      for (const url of [attributes.src, attributes.href, attributes.poster]) add(url === undefined ? undefined : assetPath.exec(url)?.[1]);
    },
  });
  parser.write(html);
  parser.end();
  return [...ids];
}
