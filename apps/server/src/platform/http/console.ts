import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody, errors, localeOf } from './errors.ts';

export const defaultConsoleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

const consolePolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** The built web console at /, with index.html for client-side routes; unknown /api paths get a JSON 404. */
export async function registerConsole(app: FastifyInstance, consoleDir = defaultConsoleDir) {
  const indexFile = path.join(consoleDir, 'index.html');
  const hasConsole = existsSync(indexFile);
  if (hasConsole) {
    await app.register(fastifyStatic, {
      root: consoleDir,
      wildcard: false,
      index: false,
      setHeaders: (res, filePath) => {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  const indexHtml = hasConsole ? await readFile(indexFile, 'utf8') : null;

  app.setNotFoundHandler(async (request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && request.url !== '/api';
    if (wantsPage && indexHtml) {
      return reply.type('text/html; charset=utf-8').header('content-security-policy', consolePolicy).header('cache-control', 'no-cache').send(indexHtml);
    }
    return reply.status(404).send(errorBody(errors.routeNotFound(request.method, request.url.split('?')[0]), localeOf(request.headers['accept-language'])));
  });
}
