import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { notifyIncidentEscalations } from './incident-escalation.service.ts';
import { sweepIncidentSla } from './incident-sla.service.ts';
import { startDingTalkRobotServer, type DingTalkRobotServer } from './notify/testing/dingtalk-robot-server.ts';
import { startSmtpMailbox, type SmtpMailbox } from './notify/testing/smtp-mailbox.ts';
import { startWeComRobotServer, type WeComRobotServer } from './notify/testing/wecom-robot-server.ts';

const robots = {
  wecom: { key: '5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
  dingtalk: { accessToken: 'b1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2', signSecret: 'SEC7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c' },
};
const publicBaseUrl = 'https://rongmei.hospital.example.cn';
const defaultStages = { discovered: 60, assessed: 120, handled: 240, responded: 4320, repaired: 10080, reviewed: 10080 };

let t: TestServer;
let wecom: WeComRobotServer;
let dingtalk: DingTalkRobotServer;
let mailbox: SmtpMailbox;
let officer: ApiClient;
let editor: ApiClient;
let channels: { wecom: number; dingtalk: number; email: number };

const unique = () => randomBytes(3).toString('hex');

beforeAll(async () => {
  wecom = await startWeComRobotServer({ robots: [robots.wecom] });
  dingtalk = await startDingTalkRobotServer({ robots: [robots.dingtalk] });
  mailbox = await startSmtpMailbox({ username: 'yuqing@hospital.example.cn', password: 'mail-pass-2026' });
  t = await startTestServer({ WECOM_API_BASE: wecom.url, DINGTALK_API_BASE: dingtalk.url, OUTBOUND_ALLOW_LIST: '127.0.0.1', PUBLIC_BASE_URL: publicBaseUrl });
  const admin = await t.admin();
  const office = await makeDepartment(admin, { name: '宣传部（事件升级）', kind: 'functional' });
  officer = await signedIn(t.url, await makeUser(admin, { departmentId: office.id, roles: ['opinion_officer'], displayName: '舆情专员王敏' }));
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: office.id, roles: ['editor'] }));
  const channel = async (body: Record<string, unknown>) => {
    const res = await officer.post('/api/opinion/notification-channels', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  };
  channels = {
    wecom: await channel({ kind: 'wecom', name: '院领导群（企业微信）', secrets: { key: robots.wecom.key } }),
    dingtalk: await channel({ kind: 'dingtalk', name: '舆情值班群（钉钉）', secrets: { accessToken: robots.dingtalk.accessToken, signSecret: robots.dingtalk.signSecret } }),
    email: await channel({
      kind: 'email',
      name: '分管领导邮箱',
      settings: { host: mailbox.host, port: String(mailbox.port), security: 'none', from: 'yuqing@hospital.example.cn', to: 'vice-president@hospital.example.cn', username: 'yuqing@hospital.example.cn' },
      secrets: { password: 'mail-pass-2026' },
    }),
  };
}, 120_000);

afterAll(async () => {
  await t?.close();
  await Promise.all([wecom?.close(), dingtalk?.close(), mailbox?.close()]);
});

async function open(level: number) {
  const title = `锦江一院舆情事件-${unique()}`;
  const res = await officer.post('/api/opinion/incidents', { title, level });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; title: string; discoveredAt: string };
}

const deliveriesOf = async (incidentId: number) =>
  (await officer.get(`/api/opinion/notification-deliveries?incidentId=${incidentId}&limit=50`)).body.items as { channelId: number; purpose: string; status: string; incidentId: number; alertId: number | null; payloadSummary: string }[];
const timelineOf = async (incidentId: number) => (await officer.get(`/api/opinion/incidents/${incidentId}`)).body.events as { kind: string; note: string | null }[];
const setSla = (level: number, escalationChannelIds: number[] | null | undefined) =>
  editor.put(`/api/opinion/incident-sla/${level}`, { firstResponseMinutes: 240, stageMinutes: defaultStages, ...(escalationChannelIds === undefined ? {} : { escalationChannelIds }) });

describe('incident escalation notices', () => {
  it('tells every active channel of a red incident at once: robot groups and the leaders’ mailbox, once each', async () => {
    const incident = await open(4);
    await expect.poll(async () => (await deliveriesOf(incident.id)).filter((d) => d.status === 'sent').length, { timeout: 15_000 }).toBe(3);
    const deliveries = await deliveriesOf(incident.id);
    expect(deliveries.map((d) => d.channelId).sort()).toEqual(Object.values(channels).sort());
    expect(deliveries.every((d) => d.purpose === 'incident_escalation' && d.alertId === null && d.incidentId === incident.id)).toBe(true);
    expect(deliveries[0].payloadSummary).toBe(`【舆情预警·事件升级·红色】${incident.title}`);

    const link = `${publicBaseUrl}/opinion/incidents/${incident.id}`;
    const robotText = wecom.messages.find((m) => m.content.includes(incident.title))!.content;
    expect(robotText).toContain('红色事件，立即报告分管领导');
    expect(robotText).toContain('舆情专员王敏');
    expect(robotText).toContain(`[查看事件](${link})`);
    expect(dingtalk.messages.some((m) => JSON.stringify(m).includes(incident.title))).toBe(true);
    const mail = mailbox.mails.find((m) => m.subject.includes(incident.title))!;
    expect(mail.to).toEqual(['vice-president@hospital.example.cn']);
    expect(mail.html).toContain(`在融媒平台查看事件`);

    const told = (await timelineOf(incident.id)).filter((e) => e.kind === 'escalation_notified');
    expect(told).toHaveLength(1);
    expect(told[0].note).toBe('已通过 「院领导群（企业微信）」、「舆情值班群（钉钉）」、「分管领导邮箱」 报告分管领导');

    // The sweep (any instance) finds nothing left to tell.
    expect(await notifyIncidentEscalations(t.server.app.deps.database.db, t.server.app.opinionAlerts)).toBe(0);
    expect(await deliveriesOf(incident.id)).toHaveLength(3);
  });

  it('tells only the channels the level’s policy names when a deadline passes, and nobody when it names none', async () => {
    expect((await setSla(2, [channels.wecom])).status).toBe(200);
    const sla = (await officer.get('/api/opinion/incident-sla')).body.items as { level: number; escalationChannelIds: number[] | null }[];
    expect(sla.find((p) => p.level === 2)!.escalationChannelIds).toEqual([channels.wecom]);
    expect(sla.find((p) => p.level === 3)!.escalationChannelIds).toBeNull();

    const yellow = await open(2);
    expect(await deliveriesOf(yellow.id)).toHaveLength(0);
    // 发现 allows an hour: the sweep past it escalates, and the event tells the policy's one channel.
    await sweepIncidentSla(t.server.app.deps.database.db, new Date(Date.parse(yellow.discoveredAt) + 61 * 60_000));
    await expect.poll(async () => (await deliveriesOf(yellow.id)).map((d) => `${d.channelId}:${d.status}`), { timeout: 15_000 }).toEqual([`${channels.wecom}:sent`]);
    expect(wecom.messages.find((m) => m.content.includes(yellow.title))!.content).toContain('当前阶段处置已超过时限，报告分管领导');
    expect(mailbox.mails.some((m) => m.subject.includes(yellow.title))).toBe(false);

    expect((await setSla(3, [])).status).toBe(200);
    const orange = await open(3);
    await sweepIncidentSla(t.server.app.deps.database.db, new Date(Date.parse(orange.discoveredAt) + 61 * 60_000));
    await expect.poll(async () => (await timelineOf(orange.id)).find((e) => e.kind === 'escalation_notified')?.note, { timeout: 15_000 }).toBe(
      '没有可用的通知渠道：请在 SLA 设置中为该等级选择升级通知渠道',
    );
    expect(await deliveriesOf(orange.id)).toHaveLength(0);
  });

  it('refuses a channel of no hospital’s, names the field, and changes nothing', async () => {
    const refused = await setSla(1, [channels.wecom, 999_999]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'escalationChannelIds' })]);
    const sla = (await officer.get('/api/opinion/incident-sla')).body.items as { level: number; custom: boolean; escalationChannelIds: number[] | null }[];
    expect(sla.find((p) => p.level === 1)).toMatchObject({ custom: false, escalationChannelIds: null });
    // Omitted, the list goes back to every active channel.
    expect((await setSla(2, undefined)).status).toBe(200);
    expect(((await officer.get('/api/opinion/incident-sla')).body.items as { level: number; escalationChannelIds: number[] | null }[]).find((p) => p.level === 2)!.escalationChannelIds).toBeNull();
  });
});
