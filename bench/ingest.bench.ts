import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApiClient } from '../apps/server/src/test/api-client.ts';
import { freePort, percentile, startProduct, stopProduct } from './product-process.ts';

const adminPassword = 'Bench#Admin-2026';
const batchSize = 500;
const sequentialBatches = 40;
const concurrentClients = 4;
const concurrentBatchesEach = 10;

function print(label: string, value: number, target: string) {
  process.stdout.write(`${label.padEnd(92)} ${value.toFixed(1).padStart(10)}   target ${target}\n`);
}

const departments = ['急诊科', '儿科', '心血管内科', '骨科', '妇产科', '肿瘤科', '检验科', '放射科', '门诊部', '住院部'];
const openings = [
  '今天带孩子去滨江一院{dept}看病，',
  '滨江市第一人民医院{dept}的护士',
  '听说滨江一院{dept}最近',
  '在滨江一院{dept}住院第{n}天，',
  '【滨江日报】滨江市第一人民医院{dept}',
  '家住滨江一院附近，每天路过，',
];
const bodies = [
  '排队挂号排了{n}个小时，窗口只开了两个，专家号一号难求，门口还有号贩子在倒卖，希望医院管一管。',
  '态度特别耐心，一直安慰我们，孩子打针都没哭，真心感谢这些白衣天使，给你们点赞！',
  '检查费一次收了两遍，去收费处问也说不清楚，退费要跑三个窗口，实在太折腾了。',
  '成功为一名{n}岁的患者完成了高难度手术，术后恢复良好，家属送来锦旗表示感谢。',
  '停车场太小了，转了{n}圈才找到车位，周边道路天天堵车，建议增加停车位。',
  '开展了健康义诊进社区活动，为{n}余名居民提供免费测血压、血糖和用药咨询服务。',
  '医生看病不到三分钟就开了一堆检查，问问题也爱答不理，体验非常差，已经投诉了。',
];
const closings = ['#滨江身边事#', '大家怎么看？', '转发扩散一下。', '', '希望越办越好。'];

/** About 150-300 characters of a post as Weibo users write about a hospital, varied so that clusters stay small. */
function mention(i: number) {
  const pick = <T>(list: T[], salt: number) => list[(i * 7919 + salt * 104_729) % list.length];
  const fill = (text: string) => text.replaceAll('{dept}', pick(departments, 1)).replaceAll('{n}', String((i % 97) + 2));
  const text = [fill(pick(openings, 2)), fill(pick(bodies, 3)), fill(pick(bodies, 5)), pick(closings, 4), `（第${i}条）`].join('');
  return { id: `bench-${i}`, title: '', text, author: `用户${i % 5000}`, published_at: new Date(Date.now() - (i % 3600) * 1000).toISOString(), reposts: i % 50, comments: i % 30, likes: i % 200 };
}

/**
 * Ingestion through the vendors' endpoint: POST /api/opinion/ingest with an API token, batches of 500 mentions
 * (normalise, de-duplicate, analyse, cluster, index for search, store), on the embedded database.
 */
export async function runIngestBench() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rongmei-bench-ingest-'));
  const product = await startProduct({ DATA_DIR: dataDir, PORT: String(await freePort()), RONGMEI_ADMIN_PASSWORD: adminPassword, CONSOLE_BUILD: 'off' });
  try {
    const admin = new ApiClient(product.url);
    await admin.login('admin', adminPassword);
    await admin.patch('/api/hospital', { fullName: '滨江市第一人民医院', shortNames: ['滨江一院'] });
    const me = (await admin.get('/api/auth/me')).body;
    const officer = (await admin.post('/api/users', { username: 'bench.officer', displayName: '基准舆情专员', password: 'Bench-officer-2026', departmentId: me.departmentId, roles: ['opinion_officer'] })).body;
    const token = (await admin.post('/api/api-tokens', { name: '基准推送', scopes: ['write'], expiresAt: new Date(Date.now() + 86_400_000).toISOString(), userId: officer.id })).body.token;
    const source = (await admin.post('/api/opinion/sources', { kind: 'push', name: '基准推送源' })).body;
    let next = 0;
    const batch = () => Array.from({ length: batchSize }, () => mention(next++));
    const push = async (mentions: unknown[]) => {
      const started = performance.now();
      const res = await fetch(`${product.url}/api/opinion/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-rongmei-source': String(source.id) },
        body: JSON.stringify({ mentions }),
      });
      const body = (await res.json()) as { inserted: number; duplicates: number };
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, ...body };
    };

    // Warm-up: the analyzer's workers and jieba load on the first batch.
    for (let i = 0; i < 2; i++) await push(batch());

    const times: number[] = [];
    let inserted = 0;
    const sequentialStart = performance.now();
    for (let i = 0; i < sequentialBatches; i++) {
      const r = await push(batch());
      times.push(r.ms);
      inserted += r.inserted;
    }
    const sequentialSeconds = (performance.now() - sequentialStart) / 1000;
    if (inserted !== sequentialBatches * batchSize) throw new Error(`stored ${inserted} of ${sequentialBatches * batchSize} mentions`);
    times.sort((a, b) => a - b);
    print(`ingest: mentions/s, one client, ${sequentialBatches} batches of ${batchSize}`, inserted / sequentialSeconds, 'info');
    print('ingest: batch of 500, latency p50, ms', percentile(times, 50), 'info');
    print('ingest: batch of 500, latency p99, ms', percentile(times, 99), 'info');

    const concurrentStart = performance.now();
    const results = await Promise.all(
      Array.from({ length: concurrentClients }, async () => {
        let stored = 0;
        for (let i = 0; i < concurrentBatchesEach; i++) stored += (await push(batch())).inserted;
        return stored;
      }),
    );
    const concurrentStored = results.reduce((a, b) => a + b, 0);
    if (concurrentStored !== concurrentClients * concurrentBatchesEach * batchSize) throw new Error(`stored ${concurrentStored} mentions under concurrency`);
    print(`ingest: mentions/s, ${concurrentClients} clients, ${concurrentBatchesEach} batches of ${batchSize} each`, concurrentStored / ((performance.now() - concurrentStart) / 1000), 'info');

    // A resent batch: every mention is a duplicate, nothing is analysed or stored.
    next -= batchSize;
    const resent = await push(batch());
    if (resent.inserted !== 0 || resent.duplicates !== batchSize) throw new Error(`a resent batch stored ${resent.inserted}`);
    print('ingest: resent batch of 500 (all duplicates), ms', resent.ms, 'info');

    const page = (await admin.get(`/api/opinion/mentions?limit=1&q=${encodeURIComponent('号贩子')}`)).body;
    if (page.items.length !== 1) throw new Error('search found nothing after the ingest');
  } finally {
    await stopProduct(product.child);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
