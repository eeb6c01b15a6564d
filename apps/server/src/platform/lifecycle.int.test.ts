import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';

/** The product as `npm start` runs it, on its embedded PostgreSQL: crash recovery, graceful shutdown, the CLI. */
const embedded = !process.env.DATABASE_URL;
const repoRoot = path.resolve(import.meta.dirname, '../../../..');
/** As `npm start` runs it: one Node process with tsx as its loader, so signals reach the app itself. */
const node = (script: string) => [process.execPath, ['--import', 'tsx', script]] as const;
const adminPassword = 'Lifecycle#2026';

let dataDir: string;
let port: number;
const env = () => ({ ...process.env, DATA_DIR: dataDir, PORT: String(port), RONGMEI_ADMIN_PASSWORD: adminPassword, CONSOLE_BUILD: 'off', LOG_LEVEL: 'warn', DATABASE_URL: '' });

async function freePort() {
  return new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

async function startProduct(): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(...node('apps/server/src/main.ts'), { cwd: repoRoot, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { child, output: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy: ${output}`);
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
const postmasterPid = () => Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!embedded)('the product on its embedded PostgreSQL', () => {
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rongmei-lifecycle-'));
    port = await freePort();
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('survives a SIGKILL: the next start recovers the orphaned server and loses no committed data', async () => {
    const first = await startProduct();
    const admin = new ApiClient(`http://127.0.0.1:${port}`);
    await admin.login('admin', adminPassword);
    const created = await admin.post('/api/departments', { name: '崩溃前创建的科室', kind: 'clinical' });
    expect(created.status).toBe(201);

    const orphan = postmasterPid();
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(alive(orphan)).toBe(true);

    const second = await startProduct();
    expect(alive(orphan)).toBe(false);
    const again = new ApiClient(`http://127.0.0.1:${port}`);
    await again.login('admin', adminPassword);
    expect((await again.get(`/api/departments/${created.body.id}`)).body.name).toBe('崩溃前创建的科室');
    expect((await again.get('/api/health')).body.database).toMatchObject({ mode: 'embedded', version: expect.stringMatching(/^18\./) });

    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'create-user', '--username', 'cli.user', '--display-name', '命令行用户', '--department', '崩溃前创建的科室', '--roles', 'correspondent', '--password', 'Cli-created-2026'], { cwd: repoRoot, env: env(), encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('created user cli.user');
    await new ApiClient(`http://127.0.0.1:${port}`).login('cli.user', 'Cli-created-2026');

    const running = postmasterPid();
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    expect(alive(running)).toBe(false);
    expect(existsSync(path.join(dataDir, 'rongmei.pid'))).toBe(false);
  }, 120_000);

  it('lets an in-flight request finish on SIGTERM, then exits', async () => {
    const product = await startProduct();
    const admin = new ApiClient(`http://127.0.0.1:${port}`);
    await admin.login('admin', adminPassword);
    const body = JSON.stringify({ name: '关机时创建的科室', kind: 'functional' });
    const half = Math.floor(Buffer.byteLength(body) / 2);
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/departments', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie: admin.cookie!, 'x-csrf-token': admin.csrfToken! } },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on('error', reject);
      req.write(Buffer.from(body).subarray(0, half));
      setTimeout(() => {
        product.child.kill('SIGTERM');
        setTimeout(() => req.end(Buffer.from(body).subarray(half)), 300);
      }, 200);
    });
    const { status, text } = await response;
    expect(status, text).toBe(201);
    expect(await exited(product.child)).toBe(0);

    const again = await startProduct();
    const client = new ApiClient(`http://127.0.0.1:${port}`);
    await client.login('admin', adminPassword);
    expect((await client.get(`/api/departments/${JSON.parse(text).id}`)).body.name).toBe('关机时创建的科室');
    again.child.kill('SIGTERM');
    expect(await exited(again.child)).toBe(0);
  }, 120_000);

  it('refuses a second server on the same data directory', async () => {
    const first = await startProduct();
    const second = spawnSync(...node('apps/server/src/main.ts'), { cwd: repoRoot, env: { ...env(), PORT: String(await freePort()) }, encoding: 'utf8', timeout: 30_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('already running');
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);
  }, 120_000);
});

describe('the command line', () => {
  it('prints help', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'help'], { cwd: repoRoot, encoding: 'utf8' });
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/migrate[\s\S]*create-user/);
  });

  it('refuses an unknown role with a usage message', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'create-user', '--username', 'x1', '--display-name', 'x', '--department', '1', '--roles', 'boss'], { cwd: repoRoot, encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('unknown role boss');
  });
});
