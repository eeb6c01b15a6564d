/**
 * The HTTP plumbing the local robot servers share: read the body, hand the request to the vendor's rules, answer JSON,
 * and keep every call for the test to look at. Each vendor's file holds its own rules and error bodies.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type RobotRequest = { method: string; path: string; query: URLSearchParams; raw: string };
export type RobotReply = { status: number; body: Record<string, unknown> };
export type RobotCall = { method: string; path: string; query: Record<string, string>; raw: string; status: number; answer: Record<string, unknown> };

/** A test clock: the vendor's rate windows and signature time limits run on it, and tests move it forward. */
export class TestClock {
  private offsetMs = 0;
  now = () => Date.now() + this.offsetMs;
  advance(ms: number) {
    this.offsetMs += ms;
  }
}

/** Messages per robot within a sliding window, as the vendors count them. */
export class RateWindow {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a message; false when it is over the limit (and then it is not counted). */
  allow(robot: string, now: number): boolean {
    const recent = (this.hits.get(robot) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(robot, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(robot, recent);
    return true;
  }
}

/** The request ids vendors put in error messages (`hint: [...]`). */
export const hint = () => `${Math.floor(Date.now() / 1000)}_${randomBytes(6).toString('hex')}`;

export async function startRobotHttp(handle: (request: RobotRequest) => RobotReply): Promise<{ url: string; calls: RobotCall[]; close(): Promise<void> }> {
  const calls: RobotCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://robot.local');
      const raw = Buffer.concat(chunks).toString('utf8');
      const reply = handle({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, raw });
      calls.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), raw, status: reply.status, answer: reply.body });
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The JSON object of a body, or null when it is not one. */
export function parseObject(raw: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
export const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
