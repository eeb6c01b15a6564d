import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { ApiClient } from '../apps/server/src/test/api-client.ts';
import { freePort, startProduct, stopProduct } from './product-process.ts';

const adminPassword = 'Bench#Admin-2026';
const articleCount = 2000;

function print(label: string, value: number, target: string) {
  process.stdout.write(`${label.padEnd(92)} ${value.toFixed(1).padStart(10)}   target ${target}\n`);
}

/** The article list under load: 2,000 articles in 10 departments, read by an editor (hospital-wide) and a correspondent (own department). */
export async function runContentBench() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rongmei-bench-content-'));
  const product = await startProduct({ DATA_DIR: dataDir, PORT: String(await freePort()), RONGMEI_ADMIN_PASSWORD: adminPassword, CONSOLE_BUILD: 'off' });
  try {
    const admin = new ApiClient(product.url);
    await admin.login('admin', adminPassword);
    const departments: { id: number }[] = [];
    for (let i = 0; i < 10; i++) departments.push((await admin.post('/api/departments', { name: `基准科室${i}`, kind: 'clinical' })).body);
    await admin.post('/api/users', { username: 'bench.editor', displayName: '基准编辑', password: 'Bench-editor-2026', departmentId: departments[0].id, roles: ['editor'] });
    await admin.post('/api/users', { username: 'bench.writer', displayName: '基准通讯员', password: 'Bench-writer-2026', departmentId: departments[3].id, roles: ['correspondent'] });
    const body = `<p>${'我院医护人员深入社区开展健康宣教活动，为居民讲解慢性病防治知识。'.repeat(15)}</p>`;
    for (let start = 0; start < articleCount; start += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          admin.post('/api/articles', { title: `基准稿件${start + j}`, body, category: 'news', departmentId: departments[(start + j) % 10].id }),
        ),
      );
    }
    const editor = new ApiClient(product.url);
    await editor.login('bench.editor', 'Bench-editor-2026');
    const writer = new ApiClient(product.url);
    await writer.login('bench.writer', 'Bench-writer-2026');
    const cases = [
      ['GET /api/articles?limit=20, editor (hospital-wide)', `${product.url}/api/articles?limit=20`, editor],
      ['GET /api/articles?limit=20, correspondent (own department)', `${product.url}/api/articles?limit=20`, writer],
    ] as const;
    for (const [label, url, client] of cases) {
      const target = { url, headers: { cookie: client.cookie! } };
      await autocannon({ ...target, connections: 10, duration: 2 });
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await autocannon({ ...target, connections: 50, duration: 6 }));
      runs.sort((a, b) => a.requests.average - b.requests.average);
      const median = runs[1];
      print(`${label}: requests/s, 50 clients, median of 3 × 6 s`, median.requests.average, 'info');
      print(`${label}: latency p99 of the median run, ms`, median.latency.p99, '≤ 50');
      print(`${label}: failed requests over all runs`, runs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0), '0');
    }
  } finally {
    await stopProduct(product.child);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
