import { randomBytes } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../platform/db/schema.ts';
import { eventBus } from '../../platform/events.ts';
import type { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../channels/adapters/testing/webhook-receiver.ts';
import { escalateOverdueAlerts, evaluateMissedMentions } from './alert-evaluation.service.ts';
import { startDingTalkRobotServer, type DingTalkRobotServer } from './notify/testing/dingtalk-robot-server.ts';
import { startFeishuBotServer, type FeishuBotServer } from './notify/testing/feishu-bot-server.ts';
import { startSmtpMailbox, type SmtpMailbox } from './notify/testing/smtp-mailbox.ts';
import { startWeComRobotServer, type WeComRobotServer } from './notify/testing/wecom-robot-server.ts';
import { mentionClusters, mentions } from './opinion.tables.ts';
import { signPushBody } from './push-signature.ts';

const robots = {
  wecom: { key: '0c8e5a7d-3b1f-4d2a-9e6c-7f8a9b0c1d2e' },
  wecomTight: { key: '9f8e7d6c-5b4a-4321-8fed-cba987654321', ratePerMinute: 1 },
  dingtalk: { accessToken: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90', signSecret: 'SEC4f3e2d1c0b9a8f7e6d5c4b3a29180f7e6d5c4b3a2918', keywords: ['舆情预警'] },
  feishu: { hookId: '7c1f3e5a-9b2d-4c6e-8f0a-1b3d5f7a9c2e', signSecret: 'feishu-sign-secret-2026' },
};
const signingSecret = 'alerts-webhook-signing-secret-0123456789';
const publicBaseUrl = 'https://yuqing.example-hospital.cn/';

let t: TestServer;
let wecom: WeComRobotServer;
let dingtalk: DingTalkRobotServer;
let feishu: FeishuBotServer;
let mailbox: SmtpMailbox;
let receiver: WebhookReceiver;
let db: ReturnType<typeof drizzle<typeof schema>>;
let officer: ApiClient;
let leader: ApiClient;
let correspondent: ApiClient;
let officerUser: { id: number; username: string; password: string };
let hospitalId: number;
let source: { id: number; secret: string };
let channels: { wecom: number; wecomTight: number; dingtalk: number; feishu: number; email: number; webhook: number };

beforeAll(async () => {
  wecom = await startWeComRobotServer({ robots: [robots.wecom, robots.wecomTight] });
  dingtalk = await startDingTalkRobotServer({ robots: [robots.dingtalk] });
  feishu = await startFeishuBotServer({ bots: [robots.feishu] });
  mailbox = await startSmtpMailbox({ username: 'yuqing@hospital.example.cn', password: 'mail-pass-2026' });
  receiver = await startWebhookReceiver({ signingSecret });
  t = await startTestServer({
    WECOM_API_BASE: wecom.url,
    DINGTALK_API_BASE: dingtalk.url,
    FEISHU_API_BASE: feishu.url,
    OUTBOUND_ALLOW_LIST: '127.0.0.1',
    PUBLIC_BASE_URL: publicBaseUrl,
  });
  db = drizzle(t.sql, { schema });
  const admin = await t.admin();
  expect((await admin.patch('/api/hospital', { fullName: '锦江市第一人民医院', shortNames: ['锦江一院'] })).status).toBe(200);
  const office = await makeDepartment(admin, { name: '宣传部（舆情）', kind: 'functional' });
  officerUser = await makeUser(admin, { departmentId: office.id, roles: ['opinion_officer'] });
  officer = await signedIn(t.url, officerUser);
  leader = await signedIn(t.url, await makeUser(admin, { departmentId: office.id, roles: ['leader'] }));
  correspondent = await signedIn(t.url, await makeUser(admin, { roles: ['correspondent'] }));
  hospitalId = (await officer.get('/api/auth/me')).body.hospitalId;
  const created = await officer.post('/api/opinion/sources', { kind: 'push', name: '舆情数据服务商' });
  expect(created.status).toBe(201);
  source = { id: created.body.id, secret: created.body.secret };

  const channel = async (body: Record<string, unknown>) => {
    const res = await officer.post('/api/opinion/notification-channels', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  };
  channels = {
    wecom: await channel({ kind: 'wecom', name: '舆情值班群（企业微信）', secrets: { key: robots.wecom.key } }),
    wecomTight: await channel({ kind: 'wecom', name: '院办群（企业微信）', settings: { format: 'text' }, secrets: { key: robots.wecomTight.key } }),
    dingtalk: await channel({ kind: 'dingtalk', name: '院领导钉钉群', secrets: { accessToken: robots.dingtalk.accessToken, signSecret: robots.dingtalk.signSecret } }),
    feishu: await channel({ kind: 'feishu', name: '宣传部飞书群', secrets: { hookId: robots.feishu.hookId, signSecret: robots.feishu.signSecret } }),
    email: await channel({
      kind: 'email',
      name: '舆情值班邮箱',
      settings: { host: mailbox.host, port: String(mailbox.port), security: 'none', from: 'yuqing@hospital.example.cn', to: 'duty@hospital.example.cn, director@hospital.example.cn', username: 'yuqing@hospital.example.cn' },
      secrets: { password: 'mail-pass-2026' },
    }),
    webhook: await channel({ kind: 'webhook', name: '院内 OA', settings: { url: `${receiver.url}/rongmei/alerts` }, secrets: { signingSecret } }),
  };
}, 120_000);

afterAll(async () => {
  await t?.close();
  await Promise.all([wecom?.close(), dingtalk?.close(), feishu?.close(), mailbox?.close(), receiver?.close()]);
});

// ── helpers ────────────────────────────────────────────────────────────

const unique = () => randomBytes(4).toString('hex');

async function makeRule(body: Record<string, unknown>) {
  const res = await officer.post('/api/opinion/alert-rules', { name: `规则-${unique()}`, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}

/** Rules of one test must not raise alerts in another: each test disables what it made when done. */
async function disable(rule: { id: number }) {
  expect((await officer.patch(`/api/opinion/alert-rules/${rule.id}`, { status: 'disabled' })).status).toBe(200);
}

type StoredMention = { id: number; clusterId: number };

/**
 * Stores an analysed mention as ingestion does (the mention and its cluster), so the rules meet exactly the analysis
 * a test needs; `announce` publishes `mention.ingested` as ingestion does after its commit.
 */
async function storeMention(input: { risk: number; aboutHospital?: boolean; cluster?: number; title?: string; text?: string; occurredAt?: Date; ingestedAt?: Date }, announce = true): Promise<StoredMention> {
  const occurredAt = input.occurredAt ?? new Date();
  let clusterId = input.cluster;
  if (clusterId === undefined) {
    const [cluster] = await db.insert(mentionClusters).values({ hospitalId, title: input.title ?? '', firstSeenAt: occurredAt, lastSeenAt: occurredAt, aboutHospital: input.aboutHospital ?? true }).returning();
    clusterId = cluster.id;
  }
  const [row] = await db
    .insert(mentions)
    .values({
      hospitalId,
      sourceId: source.id,
      externalId: `ext-${unique()}`,
      title: input.title ?? `锦江一院相关信息 ${unique()}`,
      text: input.text ?? '网友发帖反映就医经历。',
      occurredAt,
      ingestedAt: input.ingestedAt ?? new Date(),
      aboutHospital: input.aboutHospital ?? true,
      polarity: input.risk > 0 ? 'negative' : 'neutral',
      risk: input.risk,
      category: input.risk > 0 ? 'service_attitude' : 'policy_news',
      clusterId,
    })
    .returning();
  await db.update(mentionClusters).set({ size: sql`${mentionClusters.size} + 1`, maxRisk: sql`greatest(${mentionClusters.maxRisk}, ${input.risk})`, firstMentionId: sql`coalesce(${mentionClusters.firstMentionId}, ${row.id})` }).where(eq(mentionClusters.id, clusterId));
  if (announce) eventBus.publish('mention.ingested', { hospitalId, sourceId: source.id, mentionIds: [row.id], clusterIds: [clusterId], maxRisk: input.aboutHospital === false ? 0 : input.risk });
  return { id: row.id, clusterId };
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const alertsOfRule = async (rule: { id: number }) => (await officer.get(`/api/opinion/alerts?ruleId=${rule.id}`)).body.items as any[];
const alertOf = async (id: number) => (await officer.get(`/api/opinion/alerts/${id}`)).body;
const deliveriesOf = async (alertId: number) => (await officer.get(`/api/opinion/notification-deliveries?alertId=${alertId}`)).body.items as any[];
/** Gives evaluation (run on the event, after the caller returned) time to finish, then reads. */
const settle = () => new Promise((r) => setTimeout(r, 400));

/** Moves a delivery's waiting jobs to now: the backoff passes without the test sleeping. */
const fastForwardJobs = (deliveryId: number) =>
  t.sql.query(`update pgboss.job set start_after = now() where name = 'opinion-notification' and state in ('created', 'retry') and (data->>'deliveryId')::int = $1`, [deliveryId]);

/** The console's stream, read with fetch as a browser's EventSource would. */
async function openStream(client: ApiClient, lastEventId?: number) {
  const controller = new AbortController();
  const res = await fetch(`${t.url}/api/opinion/alerts/stream`, { headers: { cookie: client.cookie!, ...(lastEventId !== undefined ? { 'last-event-id': String(lastEventId) } : {}) }, signal: controller.signal });
  const events: { id: number | null; event: string; data: any }[] = [];
  let ended = false;
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const fields = Object.fromEntries(frame.split('\n').filter((l) => l && !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
          if (fields.event) events.push({ id: fields.id ? Number(fields.id) : null, event: fields.event, data: JSON.parse(fields.data ?? 'null') });
        }
      }
    } catch {
      // aborted by close()
    }
    ended = true;
  })();
  const stream = {
    status: res.status,
    contentType: res.headers.get('content-type'),
    events,
    get ended() {
      return ended;
    },
    next: async (match: (e: { event: string; data: any }) => boolean, timeoutMs = 5_000) => (await waitFor('stream event', async () => events.find(match), (e) => e !== undefined, timeoutMs))!,
    async close() {
      controller.abort();
      await reading;
    },
  };
  if (res.status === 200) await stream.next((e) => e.event === 'ready');
  return stream;
}

/** A Beijing HH:MM some minutes from now. */
const beijingClock = (offsetMinutes: number) => new Date(Date.now() + offsetMinutes * 60_000 + 8 * 3_600_000).toISOString().slice(11, 16);

// ── tests ──────────────────────────────────────────────────────────────

describe('alert rules', () => {
  it('refuses a rule that cannot fire, channels of nobody, and people who do not manage opinion', async () => {
    expect((await officer.post('/api/opinion/alert-rules', { name: '空规则' })).status).toBe(400);
    expect((await officer.post('/api/opinion/alert-rules', { name: '坏渠道', minLevel: 3, recipients: { roles: [], channelIds: [999999] } })).body.error.details[0].field).toBe('recipients.channelIds');
    expect((await officer.post('/api/opinion/alert-rules', { name: '坏等级', minLevel: 5 })).status).toBe(400);
    expect((await officer.post('/api/opinion/alert-rules', { name: '坏时段', minLevel: 1, quietHours: { start: '25:00', end: '07:00' } })).status).toBe(400);
    expect((await leader.post('/api/opinion/alert-rules', { name: '领导规则', minLevel: 3 })).status).toBe(403);
    expect((await correspondent.get('/api/opinion/alert-rules')).status).toBe(403);
    expect((await correspondent.get('/api/opinion/alerts')).status).toBe(403);
  });

  it('creates, edits, lists and deletes a rule that never fired, and keeps one that did', async () => {
    const rule = await makeRule({ minLevel: 3, keywords: { terms: ['医闹', ' 医闹 ', '伤医'], level: 3 }, recipients: { roles: ['opinion_officer'], channelIds: [channels.wecom] } });
    const read = await officer.get(`/api/opinion/alert-rules/${rule.id}`);
    expect(read.body).toMatchObject({ minLevel: 3, keywords: { terms: ['医闹', '伤医'], level: 3 }, status: 'active' });
    const edited = await officer.patch(`/api/opinion/alert-rules/${rule.id}`, { minLevel: 4, quietHours: { start: '22:00', end: '07:00' } });
    expect(edited.body).toMatchObject({ minLevel: 4, quietHours: { start: '22:00', end: '07:00' }, keywords: { terms: ['医闹', '伤医'] } });
    expect((await officer.get('/api/opinion/alert-rules')).body.items.some((r: any) => r.id === rule.id)).toBe(true);
    expect((await officer.delete(`/api/opinion/alert-rules/${rule.id}`)).status).toBe(204);
    expect((await officer.get(`/api/opinion/alert-rules/${rule.id}`)).status).toBe(404);

    const used = await makeRule({ minLevel: 3 });
    await storeMention({ risk: 3 });
    await waitFor('alert', () => alertsOfRule(used), (a) => a.length === 1);
    const refused = await officer.delete(`/api/opinion/alert-rules/${used.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('rule_in_use');
    await disable(used);
    const audit = await t.sql.query(`select action from audit_log where entity_type = 'alert_rule' and entity_id = $1 order by id`, [String(rule.id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['alert_rule.create', 'alert_rule.update', 'alert_rule.delete']);
  });
});

describe('evaluation', () => {
  it('alerts at or above the level threshold only, at the mention’s level', async () => {
    const rule = await makeRule({ minLevel: 3 });
    await storeMention({ risk: 2 });
    await storeMention({ risk: 3, aboutHospital: false });
    await settle();
    expect(await alertsOfRule(rule)).toEqual([]);
    const orange = await storeMention({ risk: 3, title: '锦江一院被指手术失误' });
    const [alert] = await waitFor('orange alert', () => alertsOfRule(rule), (a) => a.length === 1);
    expect(alert).toMatchObject({ level: 3, status: 'open', clusterId: orange.clusterId, mentionCount: 1, title: '锦江一院被指手术失误', reasons: [{ kind: 'level', risk: 3 }] });
    await disable(rule);
  });

  it('keeps one alert per cluster: later mentions join it, raise its level and notify again only when it rises', async () => {
    const rule = await makeRule({ minLevel: 2, recipients: { roles: ['opinion_officer'], channelIds: [channels.wecom] } });
    const first = await storeMention({ risk: 2, title: '锦江一院收费被质疑' });
    const [alert] = await waitFor('alert', () => alertsOfRule(rule), (a) => a.length === 1);
    await storeMention({ risk: 3, cluster: first.clusterId });
    await waitFor('level raised', () => alertOf(alert.id), (a) => a.level === 3);
    // Joining without a rise, seconds after the last change: counted, not put on the timeline again (a hot story joins
    // on every ingest batch).
    await storeMention({ risk: 1, cluster: first.clusterId });
    const joined = await waitFor('third mention', () => alertOf(alert.id), (a) => a.mentionCount === 3);
    expect(joined.level).toBe(3);
    expect(joined.mentions).toHaveLength(3);
    // The same mentions announced again (a duplicate event) change nothing.
    eventBus.publish('mention.ingested', { hospitalId, sourceId: source.id, mentionIds: joined.mentions.map((m: any) => m.id), clusterIds: [first.clusterId], maxRisk: 3 });
    await settle();
    expect(await alertsOfRule(rule)).toHaveLength(1);
    const after = await alertOf(alert.id);
    expect(after.mentionCount).toBe(3);
    expect(after.events.map((e: any) => e.kind)).toEqual(['raised', 'level_raised']);
    const deliveries = await waitFor('two notifications', () => deliveriesOf(alert.id), (d) => d.length === 2 && d.every((x) => x.status === 'sent'));
    expect(deliveries.map((d) => d.level).sort()).toEqual([2, 3]);
    expect(wecom.messages.filter((m) => m.content.includes('锦江一院收费被质疑')).map((m) => m.content.match(/【舆情预警·(.)色】/)?.[1])).toEqual(['黄', '橙']);

    // Acknowledged, then the story gets worse: open again, and told again.
    expect((await officer.post(`/api/opinion/alerts/${alert.id}/acknowledge`, { note: '已联系门诊办核实' })).body.status).toBe('acknowledged');
    await storeMention({ risk: 4, cluster: first.clusterId });
    const reopened = await waitFor('reopened', () => alertOf(alert.id), (a) => a.level === 4);
    expect(reopened.status).toBe('open');
    expect(reopened.events.map((e: any) => e.kind)).toEqual(['raised', 'level_raised', 'acknowledged', 'reopened', 'level_raised', 'escalated']);
    const audit = await t.sql.query(`select action from audit_log where entity_type = 'alert' and entity_id = $1 order by id`, [String(alert.id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['alert.raised', 'alert.level_raised', 'alert.acknowledged', 'alert.reopened', 'alert.level_raised', 'alert.escalate']);
    await disable(rule);
  });

  it('alerts when a cluster grows by N mentions within M minutes, counting only that window', async () => {
    const rule = await makeRule({ growth: { mentions: 3, minutes: 30, level: 2 } });
    // A slow story: three mentions over three hours never make three within half an hour.
    const slow = await storeMention({ risk: 0, occurredAt: new Date(Date.now() - 3 * 3_600_000) });
    await storeMention({ risk: 0, cluster: slow.clusterId, occurredAt: new Date(Date.now() - 2 * 3_600_000) });
    await storeMention({ risk: 0, cluster: slow.clusterId });
    // A fast one: the third mention within the window raises the alert.
    const fast = await storeMention({ risk: 0, occurredAt: new Date(Date.now() - 20 * 60_000) });
    await storeMention({ risk: 0, cluster: fast.clusterId, occurredAt: new Date(Date.now() - 10 * 60_000) });
    await settle();
    expect(await alertsOfRule(rule)).toEqual([]);
    await storeMention({ risk: 1, cluster: fast.clusterId });
    const [alert] = await waitFor('growth alert', () => alertsOfRule(rule), (a) => a.length === 1);
    expect(alert).toMatchObject({ level: 2, clusterId: fast.clusterId, reasons: [{ kind: 'growth', mentions: 3, minutes: 30 }] });
    await settle();
    expect(await alertsOfRule(rule)).toHaveLength(1);
    await disable(rule);
  });

  it('alerts on a keyword whatever the analysis said, in any spelling', async () => {
    const rule = await makeRule({ keywords: { terms: ['号贩子'], level: 2 } });
    await storeMention({ risk: 0, aboutHospital: false, title: '門診大廳有號販子兜售專家號' });
    const [alert] = await waitFor('keyword alert', () => alertsOfRule(rule), (a) => a.length === 1);
    expect(alert).toMatchObject({ level: 2, reasons: [{ kind: 'keyword', terms: ['号贩子'] }] });
    await disable(rule);
  });

  it('evaluates in the sweep what no event announced, once, with the rules of its time', async () => {
    const rule = await makeRule({ minLevel: 3 });
    // The rule existed when the mention came in, a minute ago, and the event about it was lost.
    await t.sql.query(`update alert_rule set created_at = now() - interval '2 minutes' where id = $1`, [rule.id]);
    const later = await makeRule({ minLevel: 3 });
    const missed = await storeMention({ risk: 3, title: '无人通知的橙色信息', ingestedAt: new Date(Date.now() - 60_000) }, false);
    await settle();
    expect(await alertsOfRule(rule)).toEqual([]);
    const deps = t.server.app.opinionAlerts;
    const sweep = () => evaluateMissedMentions(t.server.app.deps.database.db, deps);
    const rewind = () => t.sql.query('insert into alert_evaluation_watermark (id, last_mention_id) values (1, $1) on conflict (id) do update set last_mention_id = $1', [missed.id - 1]);
    const watermark = async () => (await t.sql.query('select last_mention_id from alert_evaluation_watermark')).rows[0]?.last_mention_id as number;
    await rewind();
    // The server's own sweep may take the round first (one instance at a time): either way the mention is read.
    await waitFor('swept', async () => (await sweep(), await watermark()), (mark) => mark >= missed.id);
    const [alert] = await alertsOfRule(rule);
    expect(alert).toMatchObject({ firstMentionId: missed.id, mentionCount: 1 });
    expect(await alertsOfRule(later)).toEqual([]);
    // Read again from before it: it joins nothing twice.
    await rewind();
    await waitFor('swept again', async () => (await sweep(), await watermark()), (mark) => mark >= missed.id);
    expect((await alertOf(alert.id)).mentionCount).toBe(1);
    expect(await alertsOfRule(rule)).toHaveLength(1);
    await disable(rule);
    await disable(later);
  });
});

describe('quiet hours and escalation', () => {
  it('holds blue and yellow notifications until quiet hours end, and never orange or red', async () => {
    const rule = await makeRule({ minLevel: 1, quietHours: { start: beijingClock(-60), end: beijingClock(60) }, recipients: { roles: ['opinion_officer'], channelIds: [channels.feishu] } });
    await storeMention({ risk: 2, title: '夜间黄色信息' });
    await storeMention({ risk: 3, title: '夜间橙色信息' });
    const alerts = await waitFor('two alerts', () => alertsOfRule(rule), (a) => a.length === 2);
    const yellow = alerts.find((a) => a.level === 2);
    const orange = alerts.find((a) => a.level === 3);
    const [held] = await deliveriesOf(yellow.id);
    expect(held.status).toBe('pending');
    expect(Date.parse(held.nextAttemptAt) - Date.now()).toBeGreaterThan(50 * 60_000);
    const [sent] = await waitFor('orange sent', () => deliveriesOf(orange.id), (d) => d[0]?.status === 'sent');
    expect(sent.responseCode).toBe('HTTP 200 code=0');
    expect(feishu.messages.some((m) => m.text.includes('夜间橙色信息'))).toBe(true);
    expect(feishu.messages.some((m) => m.text.includes('夜间黄色信息'))).toBe(false);
    // The console is never quiet: the yellow alert is in the inbox at once.
    expect(yellow.status).toBe('open');
    await disable(rule);
  });

  it('escalates an alert nobody acknowledged in time, through the sweep, and not an acknowledged one', async () => {
    const rule = await makeRule({ minLevel: 2, escalation: { afterMinutes: 30, roles: ['leader'], channelIds: [channels.dingtalk] } });
    await storeMention({ risk: 2, title: '无人处理的黄色预警' });
    await storeMention({ risk: 2, title: '已确认的黄色预警' });
    const alerts = await waitFor('two alerts', () => alertsOfRule(rule), (a) => a.length === 2);
    const ignored = alerts.find((a) => a.title === '无人处理的黄色预警');
    const handled = alerts.find((a) => a.title === '已确认的黄色预警');
    expect(Date.parse(ignored.escalationDueAt) - Date.parse(ignored.raisedAt)).toBeGreaterThanOrEqual(30 * 60_000 - 1000);
    await leader.post(`/api/opinion/alerts/${handled.id}/acknowledge`, {});

    const deps = t.server.app.opinionAlerts;
    const db0 = t.server.app.deps.database.db;
    await escalateOverdueAlerts(db0, deps);
    expect((await alertOf(ignored.id)).escalatedLevel).toBe(0);
    await t.sql.query(`update alert set escalation_due_at = now() - interval '1 second' where id = $1`, [ignored.id]);
    // The server's own sweep may get there first: either way, the alert is escalated once.
    await escalateOverdueAlerts(db0, deps);
    const escalated = await alertOf(ignored.id);
    expect(escalated).toMatchObject({ escalatedLevel: 2, escalationDueAt: null, status: 'open' });
    expect(escalated.events.map((e: any) => e.kind)).toEqual(['raised', 'escalated']);
    await waitFor('dingtalk escalation', async () => dingtalk.messages.filter((m) => m.text.includes('无人处理的黄色预警')), (m) => m.length === 1);
    const message = dingtalk.messages.find((m) => m.text.includes('无人处理的黄色预警'))!;
    expect(message.title).toContain('【舆情预警升级·黄色】');
    expect(message.text).toContain('超时未确认');
    expect((await alertOf(handled.id)).escalatedLevel).toBe(0);
    expect(await escalateOverdueAlerts(db0, deps)).toBe(0);
    await disable(rule);
  });

  it('escalates red at once, to leaders in the console and the rule’s escalation channels', async () => {
    const rule = await makeRule({ minLevel: 3, recipients: { roles: ['opinion_officer'], channelIds: [] }, escalation: { afterMinutes: 60, roles: ['leader'], channelIds: [channels.dingtalk] } });
    const leaderStream = await openStream(leader);
    const officerStream = await openStream(officer);
    try {
      await storeMention({ risk: 4, title: '锦江一院发生伤医事件' });
      const [alert] = await waitFor('red alert', () => alertsOfRule(rule), (a) => a.length === 1);
      expect(alert).toMatchObject({ level: 4, escalatedLevel: 4 });
      const toLeader = await leaderStream.next((e) => e.event === 'alert' && e.data.alert.id === alert.id && e.data.kind === 'escalated');
      expect(toLeader.data.notify).toBe(true);
      const raisedForLeader = await leaderStream.next((e) => e.event === 'alert' && e.data.alert.id === alert.id && e.data.kind === 'raised');
      expect(raisedForLeader.data.notify).toBe(false);
      const raisedForOfficer = await officerStream.next((e) => e.event === 'alert' && e.data.alert.id === alert.id && e.data.kind === 'raised');
      expect(raisedForOfficer.data.notify).toBe(true);
      await waitFor('dingtalk red', async () => dingtalk.messages.filter((m) => m.text.includes('锦江一院发生伤医事件')), (m) => m.length === 1);
      expect(dingtalk.messages.find((m) => m.text.includes('锦江一院发生伤医事件'))!.title).toContain('【舆情预警升级·红色】');
    } finally {
      await leaderStream.close();
      await officerStream.close();
      await disable(rule);
    }
  });
});

describe('notifications', () => {
  it('reaches every kind of channel, signed where the robot asks, with a delivery log row each', async () => {
    const rule = await makeRule({ minLevel: 3, recipients: { roles: ['opinion_officer'], channelIds: Object.values(channels).filter((id) => id !== channels.wecomTight) } });
    await storeMention({ risk: 3, title: '锦江一院患者家属投诉医疗纠纷', text: '患者家属称术后出现并发症，要求医院给说法。' });
    const [alert] = await waitFor('alert', () => alertsOfRule(rule), (a) => a.length === 1);
    const log = await waitFor('five deliveries sent', () => deliveriesOf(alert.id), (d) => d.length === 5 && d.every((x) => x.status === 'sent'));
    expect(log.map((d) => d.channelKind).sort()).toEqual(['dingtalk', 'email', 'feishu', 'webhook', 'wecom']);
    for (const d of log) {
      expect(d).toMatchObject({ purpose: 'alert', level: 3, attempts: 1, lastError: null, payloadSummary: '【舆情预警·橙色】锦江一院患者家属投诉医疗纠纷' });
      expect(d.responseCode).toMatch(/^(HTTP 200( errcode=0| code=0)?|SMTP 250)$/);
    }
    const link = `${publicBaseUrl}opinion/alerts?alert=${alert.id}`;
    expect(log.find((d) => d.channelKind === 'wecom').target).toBe(`企业微信群机器人「舆情值班群（企业微信）」key …${robots.wecom.key.slice(-4)}`);
    expect(wecom.messages.find((m) => m.content.includes('患者家属投诉医疗纠纷'))!.content).toContain(`[查看预警](${link})`);
    const ding = dingtalk.calls.find((c) => c.raw.includes('患者家属投诉医疗纠纷'))!;
    expect(ding.answer).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(ding.query).toMatchObject({ timestamp: expect.stringMatching(/^\d{13}$/), sign: expect.any(String) });
    const lark = feishu.messages.find((m) => m.text.includes('患者家属投诉医疗纠纷'))!;
    expect(lark.body).toMatchObject({ msg_type: 'interactive', timestamp: expect.any(String), sign: expect.any(String), card: { header: { template: 'orange' } } });
    const mail = mailbox.mails.find((m) => m.subject.includes('患者家属投诉医疗纠纷'))!;
    expect(mail.to).toEqual(['duty@hospital.example.cn', 'director@hospital.example.cn']);
    expect(mail.subject).toBe('【舆情预警·橙色】锦江一院患者家属投诉医疗纠纷');
    expect(mail.text).toContain(link);
    const hook = receiver.stored.find((s) => JSON.stringify(s.payload).includes('患者家属投诉医疗纠纷'))!;
    expect(hook.payload).toMatchObject({ event: 'alert.raised', alert: { alertId: alert.id, level: 3, link } });
    await disable(rule);
  });

  it('retries a robot’s rate limit (45009) after the minute and sends once', async () => {
    const rule = await makeRule({ minLevel: 3, recipients: { roles: [], channelIds: [channels.wecomTight] } });
    await storeMention({ risk: 3, title: '限流第一条' });
    await storeMention({ risk: 3, title: '限流第二条' });
    const alerts = await waitFor('two alerts', () => alertsOfRule(rule), (a) => a.length === 2);
    const deliveries = await waitFor('one sent, one waiting', async () => (await Promise.all(alerts.map((a) => deliveriesOf(a.id)))).flat(), (d) => d.length === 2 && d.some((x) => x.status === 'sent') && d.some((x) => x.status === 'pending' && x.attempts === 1));
    const limited = deliveries.find((d) => d.status === 'pending');
    expect(limited.lastError).toContain('45009');
    expect(limited.responseCode).toBe('HTTP 200 errcode=45009');
    expect(Date.parse(limited.nextAttemptAt) - Date.now()).toBeGreaterThan(50_000);
    // Still inside the robot's minute: the retry is refused again and waits once more.
    await fastForwardJobs(limited.id);
    await waitFor('second attempt', async () => (await deliveriesOf(limited.alertId))[0], (d) => d.attempts === 2 && d.status === 'pending', 15_000);
    wecom.clock.advance(61_000);
    await fastForwardJobs(limited.id);
    const sent = await waitFor('sent after the window', async () => (await deliveriesOf(limited.alertId))[0], (d) => d.status === 'sent', 15_000);
    expect(sent).toMatchObject({ attempts: 3, lastError: null });
    const texts = wecom.messages.filter((m) => m.key === robots.wecomTight.key).map((m) => m.content);
    expect(texts.filter((c) => c.includes('限流第一条'))).toHaveLength(1);
    expect(texts.filter((c) => c.includes('限流第二条'))).toHaveLength(1);
    expect(texts.every((c) => !c.includes('**'))).toBe(true);
    await disable(rule);
  });

  it('sends a test message per channel, keeps secrets out of every answer and the log, and refuses a wrong one for good', async () => {
    for (const id of [channels.wecom, channels.dingtalk, channels.feishu, channels.email, channels.webhook]) {
      const res = await officer.post(`/api/opinion/notification-channels/${id}/test`);
      expect(res.status).toBe(200);
      expect(res.body, JSON.stringify(res.body)).toMatchObject({ purpose: 'test', status: 'sent', attempts: 1, alertId: null });
    }
    expect(wecom.messages.at(-1)?.content).toContain('【舆情预警·测试消息】通知渠道「舆情值班群（企业微信）」配置正确');
    const listed = await officer.get('/api/opinion/notification-channels');
    const text = JSON.stringify(listed.body);
    for (const secret of [robots.wecom.key, robots.dingtalk.accessToken, robots.dingtalk.signSecret, robots.feishu.signSecret, 'mail-pass-2026', signingSecret]) {
      expect(text).not.toContain(secret);
      expect(t.logs.join('')).not.toContain(secret);
    }
    expect(listed.body.items.find((c: any) => c.id === channels.dingtalk).secretsSet).toEqual(['accessToken', 'signSecret']);

    const broken = await officer.patch(`/api/opinion/notification-channels/${channels.dingtalk}`, { secrets: { signSecret: 'SEC00000000000000000000000000000000' } });
    expect(broken.status).toBe(200);
    const refused = await officer.post(`/api/opinion/notification-channels/${channels.dingtalk}/test`);
    expect(refused.body).toMatchObject({ status: 'failed', attempts: 1, responseCode: 'HTTP 200 errcode=310000' });
    expect(refused.body.lastError).toContain('sign not match');
    await officer.patch(`/api/opinion/notification-channels/${channels.dingtalk}`, { secrets: { signSecret: robots.dingtalk.signSecret } });
    const log = await officer.get(`/api/opinion/notification-deliveries?channelId=${channels.dingtalk}&status=failed`);
    expect(log.body.items[0]).toMatchObject({ id: refused.body.id, channelName: '院领导钉钉群' });

    expect((await officer.post('/api/opinion/notification-channels', { kind: 'wecom', name: '缺 key' })).body.error.details[0].field).toBe('secrets.key');
    expect((await officer.post('/api/opinion/notification-channels', { kind: 'webhook', name: '坏地址', settings: { url: 'ftp://x' }, secrets: { signingSecret: 'x' } })).status).toBe(400);
    expect((await leader.post(`/api/opinion/notification-channels/${channels.wecom}/test`)).status).toBe(403);
  });
});

describe('the console stream', () => {
  it('pushes an alert as it is raised, resumes after Last-Event-ID, and ends when the user is disabled', async () => {
    const rule = await makeRule({ minLevel: 3, recipients: { roles: ['opinion_officer'], channelIds: [] } });
    const stream = await openStream(officer);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain('text/event-stream');
    await storeMention({ risk: 3, title: '推送到控制台的橙色预警' });
    const raised = await stream.next((e) => e.event === 'alert' && e.data.alert.title === '推送到控制台的橙色预警');
    expect(raised.data).toMatchObject({ kind: 'raised', level: 3, notify: true, alert: { status: 'open', ruleId: rule.id } });
    const lastId = stream.events.filter((e) => e.id !== null).at(-1)!.id!;
    await stream.close();

    expect((await officer.post(`/api/opinion/alerts/${raised.data.alert.id}/acknowledge`, {})).status).toBe(200);
    const resumed = await openStream(officer, lastId);
    const missed = await resumed.next((e) => e.event === 'alert' && e.data.kind === 'acknowledged');
    expect(missed.data.alert).toMatchObject({ id: raised.data.alert.id, status: 'acknowledged' });
    expect(resumed.events.filter((e) => e.event === 'alert').every((e) => e.id! > lastId)).toBe(true);

    const admin = await t.admin();
    expect((await admin.post(`/api/users/${officerUser.id}/disable`)).status).toBe(200);
    await waitFor('stream ended', async () => resumed.ended, (ended) => ended, 5_000);
    expect((await admin.post(`/api/users/${officerUser.id}/enable`)).status).toBe(200);
    officer = await signedIn(t.url, officerUser);
    const denied = await openStream(correspondent);
    expect(denied.status).toBe(403);
    await denied.close();
    await disable(rule);
  });
});

describe('a pushed red mention, end to end', () => {
  it('goes from the ingest API to the console stream and the robot', async () => {
    const rule = await makeRule({ minLevel: 4, recipients: { roles: ['opinion_officer'], channelIds: [channels.wecom] } });
    const stream = await openStream(officer);
    try {
      const body = JSON.stringify({
        mentions: [{ id: `weibo-${unique()}`, title: '锦江市第一人民医院急诊科发生伤医事件', text: '锦江市第一人民医院急诊科今晚一名医生被患者家属持刀砍伤，警方已到场处置，伤者正在抢救。', author: '本地热点', published_at: new Date().toISOString() }],
      });
      const timestamp = Math.floor(Date.now() / 1000);
      const pushed = await fetch(`${t.url}/api/opinion/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rongmei-source': String(source.id), 'x-rongmei-timestamp': String(timestamp), 'x-rongmei-signature': signPushBody(source.secret, timestamp, body) },
        body,
      });
      expect(pushed.status).toBe(200);
      const { mentionIds } = (await pushed.json()) as { mentionIds: number[] };
      const mention = (await officer.get(`/api/opinion/mentions/${mentionIds[0]}`)).body;
      // What this test is about needs the analysis to call it red (violence against medical staff, opinion-risk.md).
      expect(mention).toMatchObject({ aboutHospital: true, risk: 4 });
      const event = await stream.next((e) => e.event === 'alert' && e.data.alert.firstMentionId === mentionIds[0]);
      expect(event.data).toMatchObject({ kind: 'raised', level: 4, notify: true });
      await waitFor('robot message', async () => wecom.messages.filter((m) => m.content.includes('锦江市第一人民医院急诊科发生伤医事件')), (m) => m.length === 1);
      const detail = await alertOf(event.data.alert.id);
      expect(detail.mentions.map((m: any) => m.id)).toEqual(mentionIds);
      expect(detail.deliveries[0]).toMatchObject({ channelKind: 'wecom', status: 'sent' });
    } finally {
      await stream.close();
      await disable(rule);
    }
  });
});
