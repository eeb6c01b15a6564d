import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { makeApprovedArticle, makeDepartment, makeUser, signedIn, type ArticleTeam } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from './adapters/testing/webhook-receiver.ts';
import { startWeChatProtocolServer, type WeChatProtocolServer } from './adapters/testing/wechat-protocol-server.ts';
import { startWeiboProtocolServer, type WeiboProtocolServer } from './adapters/testing/weibo-protocol-server.ts';
import { recoverInterruptedPublications } from './publication-delivery.service.ts';

const wechatAccount = { appId: 'wx5f0d3c7b2a1e9d84', appSecret: 'd2c1f0e9a8b7c6d5e4f3a2b1c0d9e8f7', callbackToken: 'rongmei-callback-token' };
const weiboAccount = { accessToken: '2.00weiboAccessTokenForTests', uid: '1876543210', safeDomain: 'hospital.example.cn' };

let t: TestServer;
let wechat: WeChatProtocolServer;
let weibo: WeiboProtocolServer;
let receiver: WebhookReceiver;
let editor: ApiClient;
let team: ArticleTeam;
let channelIds: { wechat: number; weibo: number; webhook: number; blockedWebhook: number };

beforeAll(async () => {
  wechat = await startWeChatProtocolServer({ appId: wechatAccount.appId, appSecret: wechatAccount.appSecret });
  weibo = await startWeiboProtocolServer({ accessToken: weiboAccount.accessToken, uid: weiboAccount.uid, safeDomain: weiboAccount.safeDomain });
  receiver = await startWebhookReceiver({ signingSecret: 'webhook-signing-secret-0123456789' });
  t = await startTestServer({
    WECHAT_API_BASE: wechat.url,
    WEIBO_API_BASE: weibo.apiBase,
    OUTBOUND_ALLOW_LIST: '127.0.0.1',
    PUBLIC_BASE_URL: `https://www.${weiboAccount.safeDomain}/`,
  });
  const admin = await t.admin();
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256, 7)]);
  const logo = new FormData();
  logo.append('file', new Blob([png], { type: 'image/png' }), 'logo.png');
  expect((await admin.put('/api/hospital/logo', logo)).status).toBe(200);
  const dept = await makeDepartment(admin, { name: '产科（发布）' });
  const publicity = await makeDepartment(admin, { name: '宣传部（发布）', kind: 'functional' });
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['editor'] }));
  team = {
    author: await signedIn(t.url, await makeUser(admin, { departmentId: dept.id, roles: ['correspondent'] })),
    reviewer: await signedIn(t.url, await makeUser(admin, { departmentId: dept.id, roles: ['dept_reviewer'] })),
    editor,
  };
  const channel = async (body: Record<string, unknown>) => {
    const res = await editor.post('/api/channels', { ownerDepartmentId: publicity.id, ...body });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  channelIds = {
    wechat: await channel({ kind: 'wechat_service', name: '医院服务号', settings: { appId: wechatAccount.appId }, secrets: { appSecret: wechatAccount.appSecret, callbackToken: wechatAccount.callbackToken } }),
    weibo: await channel({ kind: 'weibo', name: '医院官方微博', settings: { appKey: '3456789012', safeDomain: weiboAccount.safeDomain }, secrets: { accessToken: weiboAccount.accessToken } }),
    webhook: await channel({ kind: 'webhook', name: '院内信息门户', settings: { url: receiver.url }, secrets: { signingSecret: 'webhook-signing-secret-0123456789' } }),
    blockedWebhook: await channel({ kind: 'webhook', name: '云主机元数据', settings: { url: 'http://169.254.169.254/latest/meta-data/' }, secrets: { signingSecret: 'webhook-signing-secret-0123456789' } }),
  };
}, 120_000);
afterAll(async () => {
  await t.close();
  await Promise.all([wechat.close(), weibo.close(), receiver.close()]);
});

/** Moves every waiting publication job to now: the backoff and polling intervals pass without the test sleeping. */
const fastForwardJobs = () => t.sql.query(`update pgboss.job set start_after = now() where name = 'publication-work' and state in ('created', 'retry')`);

async function publicationWhen(id: number, done: (p: any) => boolean, { fastForward = false, timeoutMs = 20_000 } = {}) {
  const start = Date.now();
  for (;;) {
    const res = await editor.get(`/api/publications/${id}`);
    if (done(res.body)) return res.body;
    if (Date.now() - start > timeoutMs) throw new Error(`publication ${id} stayed ${JSON.stringify(res.body)}`);
    if (fastForward) await fastForwardJobs();
    await new Promise((r) => setTimeout(r, 200));
  }
}

const publish = (articleId: number, channelId: number, extra: Record<string, unknown> = {}) => editor.post('/api/publications', { articleId, channelId, ...extra });

describe('publishing to WeChat through the outbox', () => {
  it('uploads the cover, adds a draft, submits it, polls freepublish/get and records the article URL', async () => {
    wechat.controls.setPublishOutcome(0, { pollsUntilDone: 1 });
    const articleId = await makeApprovedArticle(team, { title: '产科开展孕妇学校公益课堂' });
    const created = await publish(articleId, channelIds.wechat);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'scheduled', attempts: 0 });
    expect(created.body.variant.html).toMatch(/style="/);

    const pending = await publicationWhen(created.body.id, (p) => p.status === 'publishing' && p.externalId);
    expect(pending.nextAttemptAt).not.toBeNull();
    const published = await publicationWhen(created.body.id, (p) => p.status === 'published', { fastForward: true });
    expect(published.externalUrl).toMatch(/^https?:\/\//);
    expect(published.attempts).toBe(1);
    const draft = wechat.controls.drafts().find((d) => d.articles[0].title === '产科开展孕妇学校公益课堂')!;
    expect(draft.articles[0].content_source_url).toBe(`https://www.${weiboAccount.safeDomain}/site/articles/${articleId}`);
    expect(wechat.controls.publishesOfDraft(draft.mediaId)).toBe(1);

    const audit = await t.sql.query(`select action from audit_log where entity_type = 'publication' and entity_id = $1 order by id`, [String(created.body.id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['publication.create', 'publication.deliver', 'publication.published']);
  });

  it('uploads body images from the asset library through media/uploadimg, and holds back a patient photo without consent', async () => {
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#2e7d32' } }).jpeg().toBuffer();
    const upload = async (title: string, showsPatient: boolean) => {
      const form = new FormData();
      form.append('title', title);
      form.append('showsPatient', String(showsPatient));
      form.append('file', new Blob([jpeg], { type: 'image/jpeg' }), `${title}.jpg`);
      const res = await team.author.post('/api/assets', form);
      expect(res.status).toBe(201);
      return res.body.id as number;
    };
    const photo = await upload('孕妇学校课堂', false);
    const body = `<p>孕妇学校开课。</p><p><img src="/api/assets/${photo}/file" data-asset-id="${photo}" alt="课堂"></p>`;
    const articleId = await makeApprovedArticle(team, { title: '孕妇学校开课啦', body });
    const created = await publish(articleId, channelIds.wechat);
    await publicationWhen(created.body.id, (p) => p.status === 'published', { fastForward: true });
    const draft = wechat.controls.drafts().find((d) => d.articles[0].title === '孕妇学校开课啦')!;
    expect(draft.articles[0].content).not.toContain('/api/assets/');
    expect(draft.articles[0].content).toMatch(/<img[^>]+src="http[^"]+"/);

    const patient = await upload('产妇康复训练', true);
    const draftWithPatient = await team.author.post('/api/articles', { title: '产后康复门诊', body: `<p><img src="/api/assets/${patient}/file" data-asset-id="${patient}"></p>`, category: 'news' });
    const refused = await team.author.post(`/api/articles/${draftWithPatient.body.id}/submit`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('patient_consent_missing');
  });

  it('refreshes an expired access token (42001) and retries the call once', async () => {
    wechat.controls.setPublishOutcome(0, { pollsUntilDone: 0 });
    const tokensBefore = wechat.controls.counts().tokensIssued;
    wechat.controls.expireAllTokens();
    const articleId = await makeApprovedArticle(team, { title: '产科门诊搬迁通知' });
    const created = await publish(articleId, channelIds.wechat);
    const published = await publicationWhen(created.body.id, (p) => p.status === 'published', { fastForward: true });
    expect(published.lastError).toBeNull();
    expect(wechat.controls.counts().tokensIssued).toBe(tokensBefore + 1);
    expect(wechat.calls.filter((c) => c.errcode === 42001)).toHaveLength(1);
  });

  it('backs off on the rate limit (45009) and goes out once when the limit clears', async () => {
    wechat.controls.setPublishOutcome(0, { pollsUntilDone: 0 });
    wechat.controls.failNext('/cgi-bin/draft/add', 45009);
    const articleId = await makeApprovedArticle(team, { title: '产科护理门诊开诊' });
    const created = await publish(articleId, channelIds.wechat);
    const waiting = await publicationWhen(created.body.id, (p) => p.lastError !== null);
    expect(waiting).toMatchObject({ status: 'publishing', attempts: 1 });
    expect(waiting.lastError).toContain('45009');
    expect(Date.parse(waiting.nextAttemptAt) - Date.now()).toBeGreaterThan(60_000);
    const published = await publicationWhen(created.body.id, (p) => p.status === 'published', { fastForward: true });
    expect(published.attempts).toBe(2);
    const drafts = wechat.controls.drafts().filter((d) => d.articles[0].title === '产科护理门诊开诊');
    expect(drafts).toHaveLength(1);
    expect(wechat.controls.publishesOfDraft(drafts[0].mediaId)).toBe(1);
  });

  it('never resubmits when the connection drops after freepublish/submit was sent: the outcome is unknown', async () => {
    wechat.controls.dropConnectionNext('/cgi-bin/freepublish/submit', 'before-response');
    const articleId = await makeApprovedArticle(team, { title: '产科新生儿访视服务上线' });
    const created = await publish(articleId, channelIds.wechat);
    const failed = await publicationWhen(created.body.id, (p) => p.status === 'failed', { fastForward: true });
    expect(failed.lastError).toMatch(/未知|unknown/i);
    await new Promise((r) => setTimeout(r, 1500));
    const draft = wechat.controls.drafts().find((d) => d.articles[0].title === '产科新生儿访视服务上线')!;
    expect(wechat.controls.publishesOfDraft(draft.mediaId)).toBe(1);
    expect((await editor.get(`/api/publications/${created.body.id}`)).body.status).toBe('failed');
  });

  it('settles a pending publication at once on a signed PUBLISHJOBFINISH push, and refuses an unsigned one', async () => {
    wechat.controls.setPublishOutcome(0, { pollsUntilDone: 50 });
    const articleId = await makeApprovedArticle(team, { title: '产科分娩镇痛服务介绍' });
    const created = await publish(articleId, channelIds.wechat);
    const pending = await publicationWhen(created.body.id, (p) => p.status === 'publishing' && p.externalId);
    const event = `<xml><ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName><FromUserName><![CDATA[oV5CrjpxgaGXNHIQigzNlgLTnwic]]></FromUserName><CreateTime>1481013459</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[PUBLISHJOBFINISH]]></Event><PublishEventInfo><publish_id>${pending.externalId}</publish_id><publish_status>0</publish_status><article_id><![CDATA[Y3Bb5aP5S2T5S2]]></article_id><article_detail><count>1</count><item><idx>1</idx><article_url><![CDATA[https://mp.weixin.qq.com/s/pushed]]></article_url></item></article_detail></PublishEventInfo></xml>`;
    const callback = `/api/channels/${channelIds.wechat}/wechat/callback`;
    const unsigned = await fetch(`${t.url}${callback}?signature=0000&timestamp=1&nonce=2`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: event });
    expect(unsigned.status).toBe(401);
    const timestamp = '1700000000';
    const nonce = '82693';
    const signature = createHash('sha1').update([wechatAccount.callbackToken, timestamp, nonce].sort().join('')).digest('hex');
    const signed = await fetch(`${t.url}${callback}?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: event });
    expect(signed.status).toBe(200);
    expect(await signed.text()).toBe('success');
    const settled = (await editor.get(`/api/publications/${created.body.id}`)).body;
    expect(settled).toMatchObject({ status: 'published', externalId: 'Y3Bb5aP5S2T5S2', externalUrl: 'https://mp.weixin.qq.com/s/pushed' });
    const echo = await fetch(`${t.url}${callback}?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&echostr=hello-wechat`);
    expect(await echo.text()).toBe('hello-wechat');
  });

  it('is settled by WeChat’s own PUBLISHJOBFINISH push to the account’s server URL, without waiting for a poll', async () => {
    wechat.controls.setPublishOutcome(0, { pollsUntilDone: 50 });
    wechat.controls.pushEventsTo({ url: `${t.url}/api/channels/${channelIds.wechat}/wechat/callback`, token: wechatAccount.callbackToken });
    try {
      const articleId = await makeApprovedArticle(team, { title: '产科母婴同室健康宣教' });
      const created = await publish(articleId, channelIds.wechat);
      const published = await publicationWhen(created.body.id, (p) => p.status === 'published', { timeoutMs: 10_000 });
      expect(published.externalUrl).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/s\//);
    } finally {
      wechat.controls.pushEventsTo(null);
    }
  });

  it('holds a scheduled publication until its time, and withdraws a published one through freepublish/delete', async () => {
    wechat.controls.setPublishOutcome(0, { pollsUntilDone: 0 });
    const articleId = await makeApprovedArticle(team, { title: '产科预约挂号指南' });
    const at = new Date(Date.now() + 3000);
    const created = await publish(articleId, channelIds.wechat, { scheduledAt: at.toISOString() });
    expect(created.body.scheduledAt).toBe(at.toISOString());
    await new Promise((r) => setTimeout(r, 1500));
    expect((await editor.get(`/api/publications/${created.body.id}`)).body.status).toBe('scheduled');
    await new Promise((r) => setTimeout(r, at.getTime() - Date.now()));
    const published = await publicationWhen(created.body.id, (p) => p.status === 'published', { fastForward: true });
    expect(Date.parse(published.publishedAt)).toBeGreaterThanOrEqual(at.getTime());
    const claimed = await t.sql.query(`select min(at) as at from audit_log where action = 'publication.deliver' and entity_id = $1`, [String(created.body.id)]);
    expect(new Date(claimed.rows[0].at).getTime()).toBeGreaterThanOrEqual(at.getTime());

    const deletionsBefore = wechat.controls.counts().deletions;
    const withdrawing = await editor.post(`/api/publications/${created.body.id}/withdraw`);
    expect(withdrawing.body.status).toBe('withdrawing');
    await publicationWhen(created.body.id, (p) => p.status === 'withdrawn');
    expect(wechat.controls.counts().deletions).toBe(deletionsBefore + 1);
    expect((await editor.post(`/api/publications/${created.body.id}/withdraw`)).status).toBe(409);
  });
});

describe('publishing to Weibo, webhooks and kinds without an adapter', () => {
  it('posts to Weibo with a link on the safe domain, and refuses text over 140 characters before queueing anything', async () => {
    const articleId = await makeApprovedArticle(team, { title: '产科“准爸爸课堂”开课' });
    const tooLong = await publish(articleId, channelIds.weibo, { variant: { text: '产'.repeat(150) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.map((d: { field: string }) => d.field)).toContain('variant.text');

    const preview = await editor.post('/api/publications/preview', { articleId, channelId: channelIds.weibo });
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.variant.text).toContain(`https://www.${weiboAccount.safeDomain}/site/articles/${articleId}`);

    const created = await publish(articleId, channelIds.weibo);
    const published = await publicationWhen(created.body.id, (p) => p.status === 'published');
    expect(published.externalUrl).toContain(weiboAccount.uid);
    expect(weibo.statuses.filter((s) => s.submittedText.includes('准爸爸课堂'))).toHaveLength(1);
  });

  it('names the missing credentials of a channel instead of queueing a delivery that cannot work', async () => {
    const bare = await editor.post('/api/channels', { kind: 'weibo', name: '科室微博（未对接）', ownerDepartmentId: (await editor.get('/api/auth/me')).body.departmentId });
    const articleId = await makeApprovedArticle(team, { title: '产科出院随访' });
    const res = await publish(articleId, bare.body.id);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'channel_not_configured' });
    expect(res.body.error.details.missing).toEqual(expect.arrayContaining(['accessToken', 'safeDomain']));
    const douyin = await editor.post('/api/channels', { kind: 'douyin', name: '医院抖音号', ownerDepartmentId: (await editor.get('/api/auth/me')).body.departmentId });
    expect((await publish(articleId, douyin.body.id)).body.error.code).toBe('adapter_not_available');
    expect((await editor.get(`/api/publications?articleId=${articleId}`)).body.items).toEqual([]);
  });

  it('signs a webhook delivery, retries a 500 with the same idempotency key, and the receiver keeps one copy', async () => {
    receiver.failNext(1, 500);
    const articleId = await makeApprovedArticle(team, { title: '产科开展母乳喂养周活动' });
    const created = await publish(articleId, channelIds.webhook);
    const published = await publicationWhen(created.body.id, (p) => p.status === 'published', { fastForward: true });
    expect(published.attempts).toBe(2);
    const keys = receiver.requests.filter((r) => r.idempotencyKey === `rongmei-publication-${created.body.id}`);
    expect(keys.map((r) => r.status)).toEqual([500, 200]);
    expect(receiver.stored.filter((s) => s.idempotencyKey === `rongmei-publication-${created.body.id}`)).toHaveLength(1);
  });

  it('refuses a webhook to a link-local address (SSRF) and fails it without retrying', async () => {
    const articleId = await makeApprovedArticle(team, { title: '产科开放日' });
    const created = await publish(articleId, channelIds.blockedWebhook);
    const failed = await publicationWhen(created.body.id, (p) => p.status === 'failed', { fastForward: true });
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/ssrf|169\.254/i);

    const retried = await editor.post(`/api/publications/${created.body.id}/retry`);
    expect(retried.body).toMatchObject({ status: 'scheduled', attempts: 0, lastError: null });
    await publicationWhen(created.body.id, (p) => p.status === 'failed');
  });
});

describe('recovery after a crash mid-delivery', () => {
  it('fails a non-idempotent delivery whose attempt was interrupted, and re-sends an idempotent webhook', async () => {
    const weiboArticle = await makeApprovedArticle(team, { title: '产科崩溃恢复演练（微博）' });
    const webhookArticle = await makeApprovedArticle(team, { title: '产科崩溃恢复演练（门户）' });
    const insert = `insert into publication (hospital_id, article_id, channel_id, status, variant, attempts, attempt_started_at, created_by)
      select hospital_id, $1, $2, 'publishing', $3::jsonb, 1, now() - interval '20 minutes', author_user_id from article where id = $1 returning id`;
    const variant = (title: string) => JSON.stringify({ title, author: null, summary: null, html: `<p>${title}</p>`, text: `${title} https://www.${weiboAccount.safeDomain}/x`, sourceUrl: null });
    const lostWeibo = (await t.sql.query(insert, [weiboArticle, channelIds.weibo, variant('崩溃恢复演练')])).rows[0].id;
    const lostWebhook = (await t.sql.query(insert, [webhookArticle, channelIds.webhook, variant('崩溃恢复演练')])).rows[0].id;

    const { database, publishing } = t.server.app.deps;
    expect(await recoverInterruptedPublications(database.db, publishing)).toBe(2);
    const weiboAfter = await publicationWhen(lostWeibo, (p) => p.status === 'failed');
    expect(weiboAfter.lastError).toContain('outcome_unknown');
    const webhookAfter = await publicationWhen(lostWebhook, (p) => p.status === 'published');
    expect(webhookAfter.attempts).toBe(2);
    expect(weibo.statuses.filter((s) => s.submittedText.includes('崩溃恢复演练'))).toHaveLength(0);
  });
});

describe('re-publishing after a withdrawal (撤稿后重发)', () => {
  it('takes a withdrawn WeChat article down and puts it out again as a new publication, keeping the first as history', async () => {
    wechat.controls.setPublishOutcome(0, { pollsUntilDone: 0 });
    const articleId = await makeApprovedArticle(team, { title: '产科撤稿重发演练' });
    const first = await publish(articleId, channelIds.wechat);
    const firstOut = await publicationWhen(first.body.id, (p) => p.status === 'published', { fastForward: true });
    const whileOut = await publish(articleId, channelIds.wechat);
    expect(whileOut.status).toBe(409);
    expect(whileOut.body.error).toMatchObject({ code: 'publication_open', details: { publicationId: first.body.id, status: 'published' } });

    expect((await editor.post(`/api/publications/${first.body.id}/withdraw`)).body.status).toBe('withdrawing');
    // Still out there until the platform confirms the deletion: no second one meanwhile.
    expect((await publish(articleId, channelIds.wechat)).status).toBe(409);
    await publicationWhen(first.body.id, (p) => p.status === 'withdrawn');

    const second = await publish(articleId, channelIds.wechat, { variant: { title: '产科撤稿重发演练（更正）' } });
    expect(second.status).toBe(201);
    const secondOut = await publicationWhen(second.body.id, (p) => p.status === 'published', { fastForward: true });
    expect(secondOut.externalId).not.toBe(firstOut.externalId);

    const history = (await editor.get(`/api/publications?articleId=${articleId}`)).body.items;
    expect(history.map((p: { id: number; status: string }) => [p.id, p.status])).toEqual([[second.body.id, 'published'], [first.body.id, 'withdrawn']]);
    expect(history[1]).toMatchObject({ externalId: firstOut.externalId, attempts: 1 });
    // Each publication is its own delivery with its own idempotency key: one draft and one publish each.
    for (const title of ['产科撤稿重发演练', '产科撤稿重发演练（更正）']) {
      const drafts = wechat.controls.drafts().filter((d) => d.articles[0].title === title);
      expect(drafts).toHaveLength(1);
      expect(wechat.controls.publishesOfDraft(drafts[0].mediaId)).toBe(1);
    }
    const audit = await t.sql.query(`select after from audit_log where action = 'publication.create' and entity_id = $1`, [String(second.body.id)]);
    expect(audit.rows[0].after).toMatchObject({ republishOf: first.body.id });
  });

  it('refuses concurrent publications of one article to one channel: one is created, one delivery goes out', async () => {
    wechat.controls.setPublishOutcome(0, { pollsUntilDone: 0 });
    const articleId = await makeApprovedArticle(team, { title: '产科并发发布演练' });
    const attempts = await Promise.all(Array.from({ length: 4 }, () => publish(articleId, channelIds.wechat)));
    expect(attempts.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const created = attempts.find((r) => r.status === 201)!;
    await publicationWhen(created.body.id, (p) => p.status === 'published', { fastForward: true });
    expect((await editor.get(`/api/publications?articleId=${articleId}`)).body.items).toHaveLength(1);
    const jobs = await t.sql.query(`select count(*)::int as n from pgboss.job where name = 'publication-work' and data->>'publicationId' = $1 and data->>'action' = 'deliver'`, [String(created.body.id)]);
    expect(jobs.rows[0].n).toBe(1);
    expect(wechat.controls.drafts().filter((d) => d.articles[0].title === '产科并发发布演练')).toHaveLength(1);
  });

  it('keeps a failed publication open until it is retried or abandoned; abandoned, the article can go out anew', async () => {
    const articleId = await makeApprovedArticle(team, { title: '产科失败后重发' });
    const failed = await publish(articleId, channelIds.blockedWebhook);
    await publicationWhen(failed.body.id, (p) => p.status === 'failed', { fastForward: true });
    const refused = await publish(articleId, channelIds.blockedWebhook);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'publication_open', details: { publicationId: failed.body.id, status: 'failed' } });

    expect((await editor.post(`/api/publications/${failed.body.id}/withdraw`)).body.status).toBe('withdrawn');
    const again = await publish(articleId, channelIds.blockedWebhook);
    expect(again.status).toBe(201);
    expect((await editor.post(`/api/publications/${failed.body.id}/retry`)).status).toBe(409);
    await publicationWhen(again.body.id, (p) => p.status === 'failed', { fastForward: true });
  });

  it('is guarded by the database: a second open row of an article on a channel cannot be written at all', async () => {
    const articleId = await makeApprovedArticle(team, { title: '产科数据库约束' });
    const created = await publish(articleId, channelIds.weibo);
    const insert = `insert into publication (hospital_id, article_id, channel_id, status, created_by) select hospital_id, article_id, channel_id, $2, created_by from publication where id = $1`;
    for (const status of ['scheduled', 'publishing', 'published', 'withdrawing', 'failed']) {
      await expect(t.sql.query(insert, [created.body.id, status])).rejects.toMatchObject({ code: '23505', constraint: 'publication_article_channel_open_uq' });
    }
    await t.sql.query(insert, [created.body.id, 'withdrawn']);
    await publicationWhen(created.body.id, (p) => p.status === 'published');
  });
});
