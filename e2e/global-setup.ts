import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startWeChatProtocolServer, type WeChatProtocolServer } from '../apps/server/src/modules/channels/adapters/testing/wechat-protocol-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminPassword: string;
    /** The local WeChat API the product publishes to, and where a spec steers it (token expiry, event push, counts). */
    wechat: { appId: string; appSecret: string; controlUrl: string };
  }
}

const ADMIN_PASSWORD = 'Admin#2026pass';
const HEALTH_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
const repoRoot = path.resolve(import.meta.dirname, '..');

/** The environment a user's shell would have: vitest's NODE_ENV=test would give a development build of React. */
function userEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { NODE_ENV: _vitestNodeEnv, ...env } = process.env;
  return { ...env, ...extra };
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env: userEnvironment(), stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function exitedWithin(child: ChildProcess, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const stopped = await Promise.race([exited(child).then(() => true as const), timedOut]);
  clearTimeout(timer);
  return stopped;
}

async function waitForHealth(baseUrl: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`the server exited with ${server.exitCode} before it was healthy:\n${await readFile(logFile, 'utf8')}`);
    }
    const healthy = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server was not healthy within ${HEALTH_TIMEOUT_MS} ms:\n${await readFile(logFile, 'utf8')}`);
}

const wechatAccount = { appId: 'wx7e2e0a1b2c3d4e5f', appSecret: 'e2e0a1b2c3d4e5f60718293a4b5c6d7e' };

/** A spec runs in another process than this setup: it steers the WeChat protocol server over this small HTTP API. */
async function startWeChatControl(wechat: WeChatProtocolServer) {
  const control = createHttpServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
    if (request.method === 'POST' && request.url === '/expire-tokens') wechat.controls.expireAllTokens();
    else if (request.method === 'POST' && request.url === '/push-events') wechat.controls.pushEventsTo(body);
    else if (!(request.method === 'GET' && request.url === '/counts')) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(wechat.controls.counts()));
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const address = control.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, close: () => new Promise<void>((resolve) => control.close(() => resolve())) };
}

/** Builds the console and starts the product as a user would, on a fresh data directory and a free port. */
export default async function startProduct(project: TestProject) {
  await run('npm', ['run', 'build:web']);
  const wechat = await startWeChatProtocolServer(wechatAccount);
  const wechatControl = await startWeChatControl(wechat);

  const dataDir = await mkdtemp(path.join(tmpdir(), 'rongmei-e2e-'));
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(dataDir, 'server.log');
  const log = createWriteStream(logFile);

  const server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: userEnvironment({ DATA_DIR: dataDir, PORT: String(port), RONGMEI_ADMIN_PASSWORD: ADMIN_PASSWORD, WECHAT_API_BASE: wechat.url }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);

  const stopProduct = async () => {
    server.kill('SIGTERM');
    if (!(await exitedWithin(server, STOP_TIMEOUT_MS))) {
      server.kill('SIGKILL');
      await exited(server);
    }
    await new Promise<void>((resolve) => log.end(resolve));
    await rm(dataDir, { recursive: true, force: true });
    await wechatControl.close();
    await wechat.close();
  };

  try {
    await waitForHealth(baseUrl, server, logFile);
  } catch (error) {
    await stopProduct();
    throw error;
  }

  project.provide('baseUrl', baseUrl);
  project.provide('adminPassword', ADMIN_PASSWORD);
  project.provide('wechat', { ...wechatAccount, controlUrl: wechatControl.url });
  return stopProduct;
}
