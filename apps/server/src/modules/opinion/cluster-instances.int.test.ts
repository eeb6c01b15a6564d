import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { startServer, type RunningServer } from '../../platform/server.ts';
import type { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { signPushBody } from './push-signature.ts';

/**
 * Two instances of the app on one database, as behind a load balancer: a story pushed to one and its repost pushed to
 * the other end up in one cluster, because each instance's analyzer hears what the other stored (LISTEN/NOTIFY).
 */

let t: TestServer;
let second: RunningServer;
let officer: ApiClient;
let source: { id: number; secret: string };

beforeAll(async () => {
  t = await startTestServer();
  // The second instance shares the first's data directory (uploads and the secrets key), as instances must.
  const dataDir = t.server.app.deps.config.dataDir;
  second = await startServer(loadConfig({ DATABASE_URL: t.sql.options.connectionString!, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }), pino({ level: 'silent' }), {
    consoleDir: path.join(dataDir, 'no-console'),
  });
  const admin = await t.admin();
  expect((await admin.patch('/api/hospital', { fullName: '滨江市第一人民医院', shortNames: ['滨江一院'] })).status).toBe(200);
  const office = await makeDepartment(admin, { name: '宣传部（两实例）', kind: 'functional' });
  officer = await signedIn(t.url, await makeUser(admin, { departmentId: office.id, roles: ['opinion_officer'] }));
  const created = await officer.post('/api/opinion/sources', { kind: 'push', name: '舆情数据服务商（两实例）' });
  expect(created.status).toBe(201);
  source = { id: created.body.id, secret: created.body.secret };
}, 120_000);

afterAll(async () => {
  await second?.close();
  await t?.close();
});

async function pushTo(baseUrl: string, mentions: { id: string; text: string; author: string }[]) {
  const body = JSON.stringify({ mentions });
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${baseUrl.replace(/\/$/, '')}/api/opinion/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rongmei-source': String(source.id), 'x-rongmei-timestamp': String(timestamp), 'x-rongmei-signature': signPushBody(source.secret, timestamp, body) },
    body,
  });
  const result = await res.json();
  expect(res.status, JSON.stringify(result)).toBe(200);
  expect(result.inserted).toBe(mentions.length);
}

const clusterOf = async (externalId: string) =>
  ((await officer.get(`/api/opinion/mentions?sourceId=${source.id}&limit=200`)).body.items as { externalId: string; clusterId: number }[]).find((m) => m.externalId === externalId)!.clusterId;

describe('clusters across instances', () => {
  it('puts a repost pushed to one instance into the story another instance stored', async () => {
    // The second instance analyses first, so its analyzer exists (and has warmed up) before the story is told elsewhere.
    await pushTo(second.url, [{ id: 'other-1', text: '滨江一院门诊楼今天开始试行夜间门诊，方便上班族看病。', author: '滨江日报' }]);

    await pushTo(t.url, [{ id: 'story-1', text: '滨江一院急诊科护士态度恶劣，排队三个小时没人管，投诉无门！', author: '市民小李' }]);
    // The notice is sent at commit; the second instance takes it in before its next batch.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await pushTo(second.url, [{ id: 'story-2', text: '转发微博 //@路人甲: 滨江一院急诊科护士态度恶劣，排队三个小时没人管，投诉无门！', author: '路人乙' }]);

    expect(await clusterOf('story-2')).toBe(await clusterOf('story-1'));
    expect(await clusterOf('other-1')).not.toBe(await clusterOf('story-1'));
    const cluster = await officer.get(`/api/opinion/clusters/${await clusterOf('story-1')}`);
    expect(cluster.body).toMatchObject({ size: 2 });
  });
});
