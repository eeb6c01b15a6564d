import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export class InstanceLockError extends Error {}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One Rongmei server per data directory with an embedded database: a second `npm start` would otherwise
 * take the first one's PostgreSQL for an orphan. A lock left by a killed process is simply taken over.
 */
export function runningInstancePid(dataDir: string): number | undefined {
  const file = path.join(dataDir, 'rongmei.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : undefined;
}

export function acquireInstanceLock(dataDir: string): () => void {
  const other = runningInstancePid(dataDir);
  if (other) throw new InstanceLockError(`Another Rongmei server (pid ${other}) is already running on ${dataDir}. Stop it first, or use another DATA_DIR.`);
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'rongmei.pid');
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}
