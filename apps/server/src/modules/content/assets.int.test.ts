import fs from 'node:fs/promises';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.ts';
import type { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { assertAssetsUsable, assetFileFor, assetIdsInHtml } from './asset.service.ts';

let t: TestServer;
let admin: ApiClient;
let writer: ApiClient;
let writerId: number;
let colleague: ApiClient;
let otherDeptWriter: ApiClient;
let editor: ApiClient;
let hospitalId: number;
let cardiology: { id: number };
let oncology: { id: number };

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  hospitalId = (await admin.get('/api/auth/me')).body.hospitalId;
  cardiology = await makeDepartment(admin, { name: '心血管内科（素材）' });
  oncology = await makeDepartment(admin, { name: '肿瘤科（素材）' });
  const publicity = await makeDepartment(admin, { name: '宣传部（素材）', kind: 'functional' });
  const writerUser = await makeUser(admin, { departmentId: cardiology.id, roles: ['correspondent'] });
  writerId = writerUser.id;
  writer = await signedIn(t.url, writerUser);
  colleague = await signedIn(t.url, await makeUser(admin, { departmentId: cardiology.id, roles: ['correspondent'] }));
  otherDeptWriter = await signedIn(t.url, await makeUser(admin, { departmentId: oncology.id, roles: ['correspondent'] }));
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['editor'] }));
}, 120_000);
afterAll(() => t.close());

const megabyte = 1024 * 1024;
const fieldsOf = (body: { error: { details: { field: string }[] } }) => body.error.details.map((d) => d.field);

/** A real photo as a phone takes it: JPEG with the camera and GPS position in its EXIF, and an orientation tag. */
function phonePhoto(width: number, height: number, orientation = 1) {
  return sharp({ create: { width, height, channels: 3, background: { r: 190, g: 90, b: 70 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'HospitalCam', Model: 'Ward-7' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 39/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '104/1 4/1 5678/100' },
    })
    .withMetadata({ orientation })
    .toBuffer();
}

const image = (format: 'png' | 'webp' | 'gif') => sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 20, g: 120, b: 200 } } })[format]().toBuffer();

/** The start of an MP4 file: an ftyp box (brand isom) and a media data box. */
function mp4(payload = 4096) {
  const ftyp = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isommp41')]);
  const mdat = Buffer.alloc(8 + payload, 7);
  mdat.writeUInt32BE(8 + payload, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, mdat]);
}

const pdf = (padding = 0) => Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'), Buffer.alloc(padding, 0x20), Buffer.from('%%EOF\n')]);

async function docx() {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('胸痛中心活动方案')] }] }));
}

async function xlsx() {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('素材').addRow(['科室', '数量']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

type Fields = Record<string, string | string[]>;

function form(content: Buffer | string | null, name = 'photo.jpg', type = 'image/jpeg', fields: Fields = {}, fileField = 'file') {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  if (content !== null) data.append(fileField, new Blob([new Uint8Array(content instanceof Buffer ? content : Buffer.from(content))], { type }), name);
  return data;
}

const upload = (client: ApiClient, content: Buffer | string, name?: string, type?: string, fields?: Fields) => client.post('/api/assets', form(content, name, type, fields));

async function fetchAs(client: ApiClient, url: string, headers: Record<string, string> = {}) {
  const res = await fetch(t.url + url, { headers: { cookie: client.cookie!, ...headers } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

const uploadsDir = () => path.join(t.server.app.deps.config.dataDir, 'uploads');
const storedFiles = async () => (await fs.readdir(uploadsDir()).catch(() => [])).sort();

describe('uploading images', () => {
  it('keeps a phone photo upright and without EXIF or GPS, with a WebP thumbnail of at most 320 px', async () => {
    const photo = await phonePhoto(2000, 1000);
    expect((await sharp(photo).metadata()).exif?.includes(Buffer.from('HospitalCam'))).toBe(true);
    const created = await upload(writer, photo, '胸痛中心义诊现场.jpg', 'image/png', { caption: '义诊现场', credit: '摄影：王磊', tags: ['义诊', '胸痛中心'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'image', contentType: 'image/jpeg', width: 2000, height: 1000, title: '胸痛中心义诊现场', originalFilename: '胸痛中心义诊现场.jpg',
      caption: '义诊现场', credit: '摄影：王磊', tags: ['义诊', '胸痛中心'], departmentId: cardiology.id, uploadedBy: writerId,
      showsPatient: false, consent: 'none', consentMissing: false, status: 'active',
    });
    const id = created.body.id;
    expect(created.body).toMatchObject({ url: `/api/assets/${id}/file`, thumbnailUrl: `/api/assets/${id}/thumbnail` });

    const served = await fetchAs(colleague, created.body.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''${encodeURIComponent('胸痛中心义诊现场.jpg')}`);
    const servedMeta = await sharp(served.body).metadata();
    expect(servedMeta).toMatchObject({ format: 'jpeg', width: 2000, height: 1000 });
    expect(servedMeta.exif).toBeUndefined();
    expect(served.body.includes(Buffer.from('HospitalCam'))).toBe(false);
    expect(created.body.bytes).toBe(served.body.length);

    const thumbnail = await fetchAs(colleague, created.body.thumbnailUrl);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    expect(await sharp(thumbnail.body).metadata()).toMatchObject({ format: 'webp', width: 320, height: 160 });
  });

  it('applies the EXIF orientation: a photo taken upright is stored and measured upright', async () => {
    const created = await upload(writer, await phonePhoto(2000, 1000, 6), 'upright.jpg');
    expect(created.body).toMatchObject({ width: 1000, height: 2000 });
    const served = await sharp((await fetchAs(writer, created.body.url)).body).metadata();
    expect(served).toMatchObject({ width: 1000, height: 2000 });
    expect(served.orientation).toBeUndefined();
    const thumbnail = await sharp((await fetchAs(writer, created.body.thumbnailUrl)).body).metadata();
    expect(thumbnail).toMatchObject({ width: 160, height: 320 });
  });

  it('takes PNG, WebP and GIF by their magic numbers; a small image is not enlarged', async () => {
    for (const [format, type] of [['png', 'image/png'], ['webp', 'image/webp'], ['gif', 'image/gif']] as const) {
      const created = await upload(writer, await image(format), `icon.${format}`, 'application/octet-stream');
      expect(created.status, format).toBe(201);
      expect(created.body).toMatchObject({ kind: 'image', contentType: type, width: 64, height: 48 });
      expect((await fetchAs(writer, created.body.url)).headers.get('content-type')).toBe(type);
      expect(await sharp((await fetchAs(writer, created.body.thumbnailUrl)).body).metadata()).toMatchObject({ format: 'webp', width: 64, height: 48 });
    }
  });
});

describe('uploading video and attachments', () => {
  it('stores MP4 video as it streams in, and serves it whole or by byte range', async () => {
    const video = mp4();
    const created = await upload(writer, video, '科普短片.mp4', 'video/mp4', { title: '高血压科普短片' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'video', contentType: 'video/mp4', bytes: video.length, width: null, height: null, thumbnailUrl: null, title: '高血压科普短片' });
    const whole = await fetchAs(writer, created.body.url);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.body.equals(video)).toBe(true);
    const part = await fetchAs(writer, created.body.url, { range: 'bytes=4-11' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 4-11/${video.length}`);
    expect(part.body.toString('latin1')).toBe('ftypisom');
    const tail = await fetchAs(writer, created.body.url, { range: 'bytes=-4' });
    expect(tail.body.equals(video.subarray(-4))).toBe(true);
    const beyond = await fetchAs(writer, created.body.url, { range: `bytes=${video.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${video.length}`);
    expect((await fetchAs(writer, `/api/assets/${created.body.id}/thumbnail`)).status).toBe(404);
  });

  it('takes PDF, DOCX and XLSX as attachments, offered for download', async () => {
    for (const [content, name, type] of [
      [pdf(), '活动方案.pdf', 'application/pdf'],
      [await docx(), '通讯稿.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [await xlsx(), '统计表.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ] as const) {
      const created = await upload(writer, content, name, 'application/octet-stream');
      expect(created.status, name).toBe(201);
      expect(created.body).toMatchObject({ kind: 'attachment', contentType: type, bytes: content.length, thumbnailUrl: null, originalFilename: name });
      const served = await fetchAs(writer, created.body.url);
      expect(served.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
      expect(served.body.equals(content)).toBe(true);
    }
  });

  it('refuse what only claims to be an accepted kind, and leave no file behind', async () => {
    const before = await storedFiles();
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheicmif1heic'), Buffer.alloc(64)]);
    const fakes: [Buffer | string, string, string][] = [
      ['这不是图片，只是改了扩展名', 'fake.jpg', 'image/jpeg'],
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 0x41)]), 'broken.jpg', 'image/jpeg'],
      [Buffer.from(zipSync({ 'readme.txt': strToU8('不是 Office 文件') })), 'archive.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [heic, 'photo.heic', 'image/heic'],
      ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'logo.svg', 'image/svg+xml'],
      ['', 'empty.jpg', 'image/jpeg'],
    ];
    for (const [content, name, type] of fakes) {
      const refused = await upload(writer, content, name, type);
      expect(refused.status, name).toBe(415);
      expect(refused.body.error.code).toBe('unsupported_media_type');
    }
    // Refused on sight: the connection closes after the answer, so the unread rest of a large upload cannot hold it open.
    const long = await upload(writer, Buffer.alloc(30 * megabyte, 0x61), 'long.mov', 'video/quicktime');
    expect(long.status).toBe(415);
    expect(long.headers.get('connection')).toBe('close');
    expect((await writer.post('/api/assets', { title: '没有文件' })).status).toBe(415);
    const noFile = await writer.post('/api/assets', form(null, undefined, undefined, { title: '没有文件' }));
    expect(noFile.status).toBe(400);
    expect(fieldsOf(noFile.body)).toEqual(['file']);
    const badFields = await upload(writer, await image('png'), 'a.png', 'image/png', { showsPatient: 'maybe', departmentId: 'x', unknown: '1' });
    expect(badFields.status).toBe(400);
    expect(fieldsOf(badFields.body)).toEqual(expect.arrayContaining(['showsPatient', 'departmentId']));
    const wrongField = await writer.post('/api/assets', form(await image('png'), 'a.png', 'image/png', {}, 'photo'));
    expect(wrongField.status).toBe(400);
    expect(fieldsOf(wrongField.body)).toEqual(['photo']);
    expect(await storedFiles()).toEqual(before);
  });
});

describe('size limits', () => {
  it('are per kind (images and attachments 20 MB, video 200 MB), for these routes only', async () => {
    const before = await storedFiles();
    const jpegStart = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
    const bigImage = await upload(writer, Buffer.concat([jpegStart, Buffer.alloc(20 * megabyte)]), 'big.jpg');
    expect(bigImage.status).toBe(413);
    expect(bigImage.body.error).toMatchObject({ code: 'payload_too_large', details: { kind: 'image', maxBytes: 20 * megabyte } });
    const bigPdf = await upload(writer, pdf(20 * megabyte), 'big.pdf', 'application/pdf');
    expect(bigPdf.status).toBe(413);
    expect(bigPdf.body.error.details).toMatchObject({ kind: 'attachment' });
    expect((await upload(writer, pdf(20 * megabyte - 1024), 'almost.pdf', 'application/pdf')).status).toBe(201);
    const bigVideo = await upload(writer, mp4(200 * megabyte), 'long.mp4', 'video/mp4');
    expect(bigVideo.status).toBe(413);
    expect((await storedFiles()).length).toBe(before.length + 1);

    // The platform's 2 MB per file still holds everywhere else.
    const logo = await admin.put('/api/hospital/logo', form(Buffer.concat([await image('png'), Buffer.alloc(3 * megabyte)]), 'logo.png', 'image/png'));
    expect(logo.status).toBe(413);
  }, 60_000);
});

describe('who sees and edits an asset', () => {
  it('its department and hospital-wide roles see it; its uploader and editors change it; other departments get 404', async () => {
    const created = (await upload(writer, await image('png'), '科室合影.png', 'image/png')).body;
    const paths = [`/api/assets/${created.id}`, created.url, created.thumbnailUrl];
    for (const p of paths) {
      expect((await colleague.get(p)).status, p).toBe(200);
      expect((await editor.get(p)).status, p).toBe(200);
      expect((await otherDeptWriter.get(p)).status, p).toBe(404);
      expect((await t.client().get(p)).status, p).toBe(401);
    }
    expect((await otherDeptWriter.patch(`/api/assets/${created.id}`, { title: '改' })).status).toBe(404);
    expect((await otherDeptWriter.post(`/api/assets/${created.id}/archive`)).status).toBe(404);
    expect((await otherDeptWriter.post(`/api/assets/${created.id}/consent`, form(null, undefined, undefined, { consent: 'none' }))).status).toBe(404);
    expect((await colleague.patch(`/api/assets/${created.id}`, { title: '同事改' })).status).toBe(403);
    expect((await colleague.post(`/api/assets/${created.id}/archive`)).status).toBe(403);
    expect((await editor.patch(`/api/assets/${created.id}`, { caption: '编辑补充的说明' })).body.caption).toBe('编辑补充的说明');

    const elsewhere = await upload(writer, await image('png'), 'x.png', 'image/png', { departmentId: String(oncology.id) });
    expect(elsewhere.status).toBe(400);
    expect(fieldsOf(elsewhere.body)).toEqual(['departmentId']);
    const forOncology = await upload(editor, await image('png'), '肿瘤科义诊.png', 'image/png', { departmentId: String(oncology.id) });
    expect(forOncology.body.departmentId).toBe(oncology.id);
    expect((await otherDeptWriter.get(`/api/assets/${forOncology.body.id}`)).status).toBe(200);
    expect((await writer.get(`/api/assets/${forOncology.body.id}`)).status).toBe(404);
    expect((await writer.patch(`/api/assets/${created.id}`, { departmentId: oncology.id })).status).toBe(400);

    const mine = (await otherDeptWriter.get('/api/assets?limit=200')).body.items.map((a: { departmentId: number }) => a.departmentId);
    expect(new Set(mine)).toEqual(new Set([oncology.id]));
  });
});

describe('the library list', () => {
  it('filters by kind, tag, title, department, patient photos and missing consent, and pages by keyset', async () => {
    const tagged = (await upload(writer, await image('png'), '护士节合影.png', 'image/png', { tags: '护士节' })).body;
    const patient = (await upload(writer, await image('png'), '病房探视.png', 'image/png', { showsPatient: 'true', tags: ['护士节', '病房'] })).body;
    expect(patient).toMatchObject({ showsPatient: true, consentMissing: true, tags: ['护士节', '病房'] });
    const ids = async (query: string) => (await editor.get(`/api/assets?limit=200&${query}`)).body.items.map((a: { id: number }) => a.id);

    expect(await ids('tag=护士节')).toEqual([patient.id, tagged.id]);
    expect(await ids(`q=${encodeURIComponent('探视')}`)).toEqual([patient.id]);
    expect(await ids('q=%25')).toEqual([]);
    expect(await ids('consentMissing=true')).toContain(patient.id);
    expect(await ids('consentMissing=false')).not.toContain(patient.id);
    expect(await ids('showsPatient=false')).not.toContain(patient.id);
    expect(await ids(`showsPatient=true&departmentId=${cardiology.id}`)).toContain(patient.id);
    expect(await ids(`departmentId=${oncology.id}`)).not.toContain(patient.id);
    const kinds = (await editor.get('/api/assets?limit=200&kind=video')).body.items.map((a: { kind: string }) => a.kind);
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['video']));

    const first = await writer.get('/api/assets?limit=1');
    expect(first.body.nextCursor).toBeTruthy();
    const second = await writer.get(`/api/assets?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).toBeLessThan(first.body.items[0].id);
  });
});

describe('patient consent (知情同意)', () => {
  it('is recorded with who obtained it, the date and the scanned form, and withdrawn again', async () => {
    const photo = (await upload(writer, await phonePhoto(800, 600), '术后查房.jpg')).body;
    const path_ = `/api/assets/${photo.id}`;
    expect((await writer.patch(path_, { showsPatient: true })).body).toMatchObject({ showsPatient: true, consent: 'none', consentMissing: true });

    const consent = (fields: Fields, scan: Buffer | null = null, client = writer) =>
      client.post(`${path_}/consent`, form(scan, 'consent.pdf', 'application/pdf', fields, 'scan'));
    const incomplete = await consent({ consent: 'obtained', consentDate: '2026-01-05' });
    expect(incomplete.status).toBe(400);
    expect(fieldsOf(incomplete.body)).toEqual(['consentObtainedBy']);
    const future = await consent({ consent: 'obtained', consentObtainedBy: '护士长 李敏', consentDate: '2999-01-01' });
    expect(fieldsOf(future.body)).toEqual(['consentDate']);
    expect(fieldsOf((await consent({ consent: 'maybe' })).body)).toEqual(['consent']);
    expect((await consent({ consent: 'obtained', consentObtainedBy: '李敏', consentDate: '2026-01-05' }, Buffer.from('不是扫描件'))).status).toBe(415);
    expect((await consent({ consent: 'obtained', consentObtainedBy: '李敏', consentDate: '2026-01-05' }, null, colleague)).status).toBe(403);
    const tooBig = await consent({ consent: 'obtained', consentObtainedBy: '李敏', consentDate: '2026-01-05' }, pdf(20 * megabyte));
    expect(tooBig.status).toBe(413);
    expect((await writer.get(path_)).body.consent).toBe('none');

    const scan = pdf();
    const recorded = await consent({ consent: 'obtained', consentObtainedBy: '护士长 李敏', consentDate: '2026-01-05' }, scan);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ consent: 'obtained', consentObtainedBy: '护士长 李敏', consentDate: '2026-01-05', consentMissing: false, consentScanUrl: `${path_}/consent/scan` });
    expect((await fetchAs(writer, recorded.body.consentScanUrl)).body.equals(scan)).toBe(true);
    expect((await fetchAs(editor, recorded.body.consentScanUrl)).status).toBe(200);
    expect((await fetchAs(colleague, recorded.body.consentScanUrl)).status).toBe(403);

    const corrected = await consent({ consent: 'obtained', consentObtainedBy: '护士长 李敏', consentDate: '2026-01-06' });
    expect(corrected.body).toMatchObject({ consentDate: '2026-01-06', consentScanUrl: `${path_}/consent/scan` });

    expect(fieldsOf((await consent({ consent: 'none', consentObtainedBy: '李敏' })).body)).toEqual(['consentObtainedBy']);
    const files = await storedFiles();
    const withdrawn = await consent({ consent: 'none' });
    expect(withdrawn.body).toMatchObject({ consent: 'none', consentObtainedBy: null, consentDate: null, consentScanUrl: null, consentMissing: true });
    expect((await fetchAs(writer, `${path_}/consent/scan`)).status).toBe(404);
    expect((await storedFiles()).length).toBe(files.length - 1);
  });

  it('keeps a patient photo without consent out of articles submitted for review', async () => {
    const db = t.server.database.db;
    const storage = t.server.app.deps.storage;
    const plain = (await upload(writer, await image('png'), '院景.png', 'image/png')).body;
    const patient = (await upload(writer, await image('png'), '患者康复出院.png', 'image/png', { showsPatient: 'true' })).body;
    const consented = (await upload(writer, await image('png'), '患者致谢.png', 'image/png', { showsPatient: 'true' })).body;
    await writer.post(`/api/assets/${consented.id}/consent`, form(null, undefined, undefined, { consent: 'obtained', consentObtainedBy: '李敏', consentDate: '2026-01-05' }));

    const html = `<p>康复出院</p><img src="/api/assets/${patient.id}/file" data-asset-id="${patient.id}" alt="出院">
      <figure><img src="/api/assets/${consented.id}/file" data-asset-id="${consented.id}"></figure>
      <p><img src="https://www.example-hospital.cn/api/assets/${plain.id}/thumbnail"><a href="/api/assets/${plain.id}/file">附件</a>
      <img src="/api/assets/12x/file"><img src="/site/images/a.png" data-asset-id="abc"></p>`;
    expect(assetIdsInHtml(html)).toEqual([patient.id, consented.id, plain.id]);
    expect(assetIdsInHtml('<p>没有图片</p>')).toEqual([]);

    await expect(assertAssetsUsable(db, hospitalId, [plain.id, consented.id])).resolves.toBeUndefined();
    await expect(assertAssetsUsable(db, hospitalId, [])).resolves.toBeUndefined();
    const refused = await assertAssetsUsable(db, hospitalId, assetIdsInHtml(html)).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 422, code: 'patient_consent_missing', details: [{ assetId: patient.id, title: '患者康复出院' }] });
    expect((refused as AppError).messageIn('zh-CN')).toContain('患者康复出院');
    const unknown = await assertAssetsUsable(db, hospitalId, [plain.id, 99_999_999_999]).catch((err: unknown) => err);
    expect(unknown).toMatchObject({ status: 422, code: 'asset_not_found', details: { assetIds: [99_999_999_999] } });
    expect(await assertAssetsUsable(db, hospitalId + 1, [plain.id]).catch((err: unknown) => err)).toMatchObject({ code: 'asset_not_found' });

    const file = await assetFileFor(db, storage, hospitalId, consented.id);
    expect(file).toMatchObject({ contentType: 'image/png', filename: '患者致谢.png' });
    expect(file.bytes.equals((await fetchAs(writer, consented.url)).body)).toBe(true);
    expect(await assetFileFor(db, storage, hospitalId, patient.id).catch((err: unknown) => err)).toMatchObject({ status: 422, code: 'patient_consent_missing' });
    expect(await assetFileFor(db, storage, hospitalId + 1, consented.id).catch((err: unknown) => err)).toMatchObject({ status: 404 });
  });

  it('holds a patient video or document in a body to the same rule: the article is not submitted until consent is recorded', async () => {
    const video = (await upload(writer, mp4(), '患者康复访谈.mp4', 'video/mp4', { showsPatient: 'true' })).body;
    const poster = (await upload(writer, await image('png'), '访谈封面.png', 'image/png')).body;
    const document = (await upload(writer, pdf(), '患者病例摘要.pdf', 'application/pdf', { showsPatient: 'true' })).body;
    expect([video.consentMissing, document.consentMissing]).toEqual([true, true]);
    // As the console's editor writes a video from the library and an attachment's download link.
    const body = `<p>康复访谈</p><video data-asset-id="${video.id}" src="/api/assets/${video.id}/file" controls poster="${poster.thumbnailUrl}"></video>
      <p><a target="_blank" rel="noopener noreferrer" data-asset-id="${document.id}" download="患者病例摘要.pdf" href="/api/assets/${document.id}/file">患者病例摘要.pdf（1 KB）</a></p>`;
    expect(assetIdsInHtml(body)).toEqual([video.id, poster.id, document.id]);
    const created = await writer.post('/api/articles', { title: '康复患者访谈', body, category: 'news', credits: [{ role: '供稿', name: '通讯员' }] });
    expect(created.status).toBe(201);
    // The body is stored as written: the sanitiser keeps the video and the download link with their assets' ids.
    expect(created.body.body).toContain(`<video data-asset-id="${video.id}" src="/api/assets/${video.id}/file" controls poster="${poster.thumbnailUrl}"></video>`);
    expect(created.body.body).toContain(`data-asset-id="${document.id}" download="患者病例摘要.pdf" href="/api/assets/${document.id}/file"`);

    const refused = await writer.post(`/api/articles/${created.body.id}/submit`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('patient_consent_missing');
    expect(refused.body.error.details).toHaveLength(2);
    expect(refused.body.error.details).toEqual(expect.arrayContaining([{ assetId: video.id, title: '患者康复访谈' }, { assetId: document.id, title: '患者病例摘要' }]));

    for (const asset of [video, document]) {
      const recorded = await writer.post(`/api/assets/${asset.id}/consent`, form(null, undefined, undefined, { consent: 'obtained', consentObtainedBy: '李敏', consentDate: '2026-01-05' }));
      expect(recorded.status).toBe(200);
    }
    expect((await writer.post(`/api/articles/${created.body.id}/submit`, {})).status).toBe(200);
  });
});

describe('archiving', () => {
  it('takes an asset out of the library once; its file is still served to articles that show it', async () => {
    const created = (await upload(writer, await image('png'), '旧院区.png', 'image/png')).body;
    const archived = await writer.post(`/api/assets/${created.id}/archive`);
    expect(archived.body.status).toBe('archived');
    expect((await writer.get('/api/assets?limit=200')).body.items.map((a: { id: number }) => a.id)).not.toContain(created.id);
    expect((await writer.get('/api/assets?limit=200&status=archived')).body.items.map((a: { id: number }) => a.id)).toEqual([created.id]);
    const again = await writer.post(`/api/assets/${created.id}/archive`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_state');
    expect((await fetchAs(writer, created.url)).status).toBe(200);
  });
});

describe('API reference and audit', () => {
  it('documents the asset routes', async () => {
    const { paths } = (await t.client().get('/api/openapi.json')).body;
    for (const p of ['/api/assets', '/api/assets/{id}', '/api/assets/{id}/consent', '/api/assets/{id}/archive', '/api/assets/{id}/file', '/api/assets/{id}/thumbnail']) {
      expect(Object.keys(paths)).toContain(p);
    }
  });

  it('records every change of an asset, with the consent before and after', async () => {
    const entries = (await admin.get('/api/audit?entityType=asset&limit=200')).body.items as { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> }[];
    const actions = new Set(entries.map((e) => e.action));
    for (const action of ['asset.upload', 'asset.update', 'asset.consent.record', 'asset.consent.withdraw', 'asset.archive']) expect(actions).toContain(action);
    const withdrawal = entries.find((e) => e.action === 'asset.consent.withdraw')!;
    expect(withdrawal.before).toMatchObject({ consent: 'obtained', consentObtainedBy: '护士长 李敏', consentScan: true });
    expect(withdrawal.after).toMatchObject({ consent: 'none', consentObtainedBy: null, consentScan: false });
    const refusedUploads = entries.filter((e) => e.action === 'asset.upload' && ['fake.jpg', 'big.jpg'].includes(e.after.originalFilename as string));
    expect(refusedUploads).toEqual([]);
  });
});
