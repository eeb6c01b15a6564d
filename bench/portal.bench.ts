import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { ApiClient } from '../apps/server/src/test/api-client.ts';
import { freePort, startProduct, stopProduct } from './product-process.ts';

const adminPassword = 'Bench#Admin-2026';

function print(label: string, value: number, target: string) {
  process.stdout.write(`${label.padEnd(92)} ${value.toFixed(1).padStart(10)}   target ${target}\n`);
}

/** A 1×1 PNG: the experts' photos. */
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6b45e0000000049454e44ae426082', 'hex');

/**
 * The public website under load: 60 published articles (30 in a column) and 30 public experts, 50 concurrent readers
 * on the home page, an article, the second page of the news list, a search, the experts page and a column's second page.
 */
export async function runPortalBench() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rongmei-bench-portal-'));
  const product = await startProduct({ DATA_DIR: dataDir, PORT: String(await freePort()), RONGMEI_ADMIN_PASSWORD: adminPassword, CONSOLE_BUILD: 'off' });
  try {
    const admin = new ApiClient(product.url);
    await admin.login('admin', adminPassword);
    const me = (await admin.get('/api/auth/me')).body;
    const reviewerDept = (await admin.post('/api/departments', { name: '基准科室', kind: 'clinical' })).body;
    await admin.post('/api/users', { username: 'bench.reviewer', displayName: '基准审核', password: 'Bench-review-2026', departmentId: reviewerDept.id, roles: ['dept_reviewer'] });
    await admin.post('/api/users', { username: 'bench.editor', displayName: '基准编辑', password: 'Bench-editor-2026', departmentId: me.departmentId, roles: ['editor'] });
    const reviewer = new ApiClient(product.url);
    await reviewer.login('bench.reviewer', 'Bench-review-2026');
    const editor = new ApiClient(product.url);
    await editor.login('bench.editor', 'Bench-editor-2026');
    const website = (await admin.post('/api/channels', { kind: 'website', name: '官网', ownerDepartmentId: me.departmentId })).body;
    const column = (await admin.post(`/api/channels/${website.id}/columns`, { name: '健康讲堂', description: '基准栏目' })).body;
    let lastId = 0;
    for (let i = 0; i < 60; i++) {
      const body = `<p>${'我院医护人员深入社区开展健康宣教活动，为居民讲解慢性病防治知识。'.repeat(20)}</p>`;
      const article = (await admin.post('/api/articles', { title: `基准新闻${i}`, body, category: 'news', departmentId: reviewerDept.id })).body;
      await admin.post(`/api/articles/${article.id}/submit`, {});
      await reviewer.post(`/api/articles/${article.id}/review`, { decision: 'approve' });
      await editor.post(`/api/articles/${article.id}/review`, { decision: 'approve' });
      // Every other article goes into the column: its page lists 30, the second page 10.
      await admin.post('/api/publications', { articleId: article.id, channelId: website.id, ...(i % 2 === 0 ? { columnId: column.id } : {}) });
      lastId = article.id;
    }
    for (let i = 0; i < 30; i++) {
      const expert = (await editor.post('/api/experts', { name: `基准专家${i}`, title: '主任医师', departmentId: reviewerDept.id, specialties: '慢性病管理', publicOnSite: true })).body;
      const form = new FormData();
      form.append('file', new Blob([png], { type: 'image/png' }), 'photo.png');
      await editor.put(`/api/experts/${expert.id}/photo`, form);
    }
    const pages = [
      ['home page /site/', `${product.url}/site/`],
      ['article page', `${product.url}/site/articles/${lastId}`],
      ['news list /site/news?page=2', `${product.url}/site/news?page=2`],
      ['search /site/search?q=慢性病', `${product.url}/site/search?q=${encodeURIComponent('慢性病')}`],
      ['experts /site/experts', `${product.url}/site/experts`],
      ['column page /site/columns/:id?page=2', `${product.url}/site/columns/${column.id}?page=2`],
    ] as const;
    // A figure for a page that shows nothing would say nothing: the search must find every article, the list show the experts.
    for (const [url, expected] of [[pages[3][1], '找到 60 篇'], [pages[4][1], '基准专家23'], [pages[5][1], '基准新闻18']]) {
      if (!(await (await fetch(url)).text()).includes(expected)) throw new Error(`${url} does not show ${expected}`);
    }
    for (const [label, url] of pages) {
      await autocannon({ url, connections: 10, duration: 2 });
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await autocannon({ url, connections: 50, duration: 6 }));
      runs.sort((a, b) => a.requests.average - b.requests.average);
      const median = runs[1];
      print(`portal ${label}: requests/s, 50 clients, median of 3 × 6 s`, median.requests.average, 'info');
      print(`portal ${label}: latency p99 of the median run, ms`, median.latency.p99, label.startsWith('home') ? '≤ 50' : 'info');
      print(`portal ${label}: failed requests over all runs`, runs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0), '0');
    }
  } finally {
    await stopProduct(product.child);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
