import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { ensureConsoleBuilt } from '../apps/server/src/platform/console-build.ts';
import { createLogger } from '../apps/server/src/platform/logging.ts';
import { ApiClient } from '../apps/server/src/test/api-client.ts';
import { freePort, memoryOf, percentile, repoRoot, startProduct, stopProduct } from './product-process.ts';

const adminPassword = 'Bench#Admin-2026';
const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** The foundation's figures, against the targets of the foundation issue. */
export async function runFoundationBench() {
  await ensureConsoleBuilt(createLogger('warn'));
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rongmei-bench-'));
  const env = { DATA_DIR: dataDir, PORT: String(await freePort()), RONGMEI_ADMIN_PASSWORD: adminPassword };
  try {
    const first = await startProduct(env);
    print('first start on a new install (initdb + migrations), ms', first.msToHealthy, 'info');
    await stopProduct(first.child);

    const restarts: number[] = [];
    let running = await startProduct(env);
    restarts.push(running.msToHealthy);
    for (let i = 0; i < 4; i++) {
      await stopProduct(running.child);
      running = await startProduct(env);
      restarts.push(running.msToHealthy);
    }
    restarts.sort((a, b) => a - b);
    print('restart of an existing install to healthy, median of 5, ms', percentile(restarts, 50), '≤ 3000');

    await new Promise((r) => setTimeout(r, 3000));
    const idle = memoryOf(running.child.pid!, path.join(dataDir, 'pg'));
    print('idle memory, app + embedded PostgreSQL, PSS MiB', idle.totalPssMiB, '≤ 250');
    print('idle memory, app + embedded PostgreSQL, RSS summed MiB (counts shared buffers per process)', idle.totalRssMiB, 'info');
    print('idle memory, app process alone, RSS MiB', idle.appRssMiB, 'info');

    const admin = new ApiClient(running.url);
    const logins: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      await admin.login('admin', adminPassword);
      logins.push(performance.now() - t0);
    }
    logins.sort((a, b) => a - b);
    print('login p50, ms (argon2id 19 MiB, 2 passes)', percentile(logins, 50), 'info');
    print('login p99, ms', percentile(logins, 99), 'info');

    for (let i = 0; i < 100; i++) await admin.post('/api/departments', { name: `基准科室${i}`, kind: i % 2 ? 'clinical' : 'functional' });
    const target = { url: `${running.url}/api/departments?limit=20`, headers: { cookie: admin.cookie! } };
    await autocannon({ ...target, connections: 10, duration: 2 });
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await autocannon({ ...target, connections: 50, duration: 8 }));
    runs.sort((a, b) => a.requests.average - b.requests.average);
    const median = runs[1];
    const failures = runs.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
    print('GET /api/departments?limit=20 (session auth) requests/s, 50 clients, median of 3 × 8 s', median.requests.average, '≥ 4000');
    process.stdout.write(`  the three runs, requests/s: ${runs.map((r) => Math.round(r.requests.average)).join(' / ')}\n`);
    print('  latency p50 of the median run, ms', median.latency.p50, 'info');
    print('  latency p99 of the median run, ms', median.latency.p99, '≤ 50');
    print('  failed requests over all runs', failures, '0');

    await stopProduct(running.child);
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }

  const js = consoleFirstLoadJs();
  print('console first-load JavaScript, kB gzip (entry + its static imports)', js.gzipKiB, '≤ 400');
  print('console first-load JavaScript, files', js.files, 'info');
}

/** Follows Vite's manifest from index.html through static imports only: lazy routes are not first-load. */
export function consoleFirstLoadJs() {
  const dist = path.join(repoRoot, 'apps/web/dist');
  const manifestFile = path.join(dist, '.vite/manifest.json');
  if (!existsSync(manifestFile)) throw new Error('apps/web/dist/.vite/manifest.json is missing: build the console with `npm run build:web`');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, { file: string; imports?: string[]; isEntry?: boolean }>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const next of manifest[key].imports ?? []) visit(next);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  let bytes = 0;
  for (const key of seen) if (manifest[key].file.endsWith('.js')) bytes += gzipSync(readFileSync(path.join(dist, manifest[key].file)), { level: 9 }).length;
  return { gzipKiB: bytes / 1024, files: seen.size };
}

function print(label: string, value: number, target: string) {
  process.stdout.write(`${label.padEnd(92)} ${fmt(value).padStart(10)}   target ${target}\n`);
}
