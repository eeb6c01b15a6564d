import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..');

export async function freePort() {
  return new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** Starts the product exactly as `npm start` does (one Node process, tsx loader) and resolves when /api/health answers. */
export async function startProduct(env: Record<string, string>): Promise<{ child: ChildProcess; msToHealthy: number; url: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const url = `http://127.0.0.1:${env.PORT}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, msToHealthy: performance.now() - started, url };
}

export async function stopProduct(child: ChildProcess) {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

function kib(pid: number, file: 'status' | 'smaps_rollup', field: string): number {
  try {
    const text = readFileSync(`/proc/${pid}/${file}`, 'utf8');
    return Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The app process and every PostgreSQL process of its cluster. PSS shares shared_buffers fairly between them; RSS counts them again in each. */
export function memoryOf(appPid: number, clusterDir: string) {
  const pgPids = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmd.includes('postgres') && (cmd.includes(clusterDir) || isChildOfCluster(pid, clusterDir));
      } catch {
        return false;
      }
    });
  const all = [appPid, ...pgPids];
  return {
    appRssMiB: kib(appPid, 'status', 'VmRSS') / 1024,
    totalRssMiB: all.reduce((sum, pid) => sum + kib(pid, 'status', 'VmRSS'), 0) / 1024,
    totalPssMiB: all.reduce((sum, pid) => sum + kib(pid, 'smaps_rollup', 'Pss'), 0) / 1024,
    postgresProcesses: pgPids.length,
  };
}

function isChildOfCluster(pid: number, clusterDir: string): boolean {
  const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  if (!ppid || ppid === 1) return false;
  try {
    return readFileSync(`/proc/${ppid}/cmdline`, 'utf8').includes(clusterDir);
  } catch {
    return false;
  }
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
