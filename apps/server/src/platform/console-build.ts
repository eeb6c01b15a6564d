import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const webRoot = path.join(repoRoot, 'apps/web');
const distDir = path.join(webRoot, 'dist');
/** Outside dist/, which `npm run build:web` empties. */
const stampFile = path.join(repoRoot, 'node_modules/.cache/rongmei/console-source-hash');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
}

/** A digest of everything the console build reads: its sources, its config and the locked dependency versions. */
export async function consoleSourceHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = [
    ...(await filesUnder(path.join(webRoot, 'src'))),
    path.join(webRoot, 'index.html'),
    path.join(webRoot, 'vite.config.ts'),
    path.join(repoRoot, 'package-lock.json'),
  ];
  for (const file of files) {
    if (!existsSync(file)) continue;
    hash.update(path.relative(repoRoot, file)).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

/** `npm start` builds the console when it is missing or older than its sources; Vite runs in a child process so the server stays lean. */
export async function ensureConsoleBuilt(logger: Logger) {
  if (!existsSync(path.join(webRoot, 'index.html'))) return;
  const wanted = await consoleSourceHash();
  const current = existsSync(stampFile) ? (await readFile(stampFile, 'utf8')).trim() : null;
  if (current === wanted && existsSync(path.join(distDir, 'index.html'))) return;
  logger.info('building the web console (first start or sources changed)…');
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(webRoot, 'vite.config.ts'), '--logLevel', 'warn'], {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed with exit code ${code}`))));
  });
  await mkdir(path.dirname(stampFile), { recursive: true });
  await writeFile(stampFile, wanted);
  logger.info({ ms: Date.now() - started }, 'web console built');
}
