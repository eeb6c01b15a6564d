/**
 * Real Weibo status objects (the spring-social-weibo fixtures, kept outside the repository and read in place):
 * the adapter's parsing must read them, and the protocol server's statuses must have their shape.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeiboProtocolServer, type WeiboProtocolServer } from './testing/weibo-protocol-server.ts';
import { createWeiboAdapter } from './weibo.adapter.ts';
import { parseWeiboDate, parseWeiboJson, parseWeiboStatus, weiboStatusUrl } from './weibo-text.ts';

const repoRoot = fileURLToPath(new URL('../../../../../../', import.meta.url));
const fixtures = path.join(path.resolve(repoRoot, '../shared/data/weibo'), 'spring-social-weibo');
const present = existsSync(fixtures) && readdirSync(fixtures).includes('status.json');

type Json = Record<string, unknown>;
const read = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');

/** Every status object of the fixtures that hold statuses, with where it came from; reposted ones included. */
function fixtureStatuses(): { where: string; raw: Json; exact: Json }[] {
  const out: { where: string; raw: Json; exact: Json }[] = [];
  const add = (where: string, raw: Json, exact: Json) => {
    out.push({ where, raw, exact });
    if (raw.retweeted_status) add(`${where}.retweeted_status`, raw.retweeted_status as Json, exact.retweeted_status as Json);
  };
  for (const [name, pick] of [
    ['status.json', (v: unknown) => [v]],
    ['repost.json', (v: unknown) => [v]],
    ['hotStatuses.json', (v: unknown) => v as unknown[]],
    ['timeline.json', (v: unknown) => (v as Json).statuses as unknown[]],
    ['repostTimeline.json', (v: unknown) => (v as Json).reposts as unknown[]],
    ['favorite.json', (v: unknown) => [(v as Json).status]],
  ] as const) {
    if (!existsSync(path.join(fixtures, name))) continue;
    const text = read(name);
    const plain = pick(JSON.parse(text));
    const exact = pick(parseWeiboJson(text));
    plain.forEach((s, i) => add(`${name}[${i}]`, s as Json, exact[i] as Json));
  }
  return out;
}

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

if (!present) {
  describe.skip(`Weibo conformance: fixtures not found at ${fixtures}`, () => {
    it('needs /work/shared/data/weibo/spring-social-weibo', () => undefined);
  });
} else {
  describe('Weibo conformance (spring-social-weibo fixtures)', () => {
    const statuses = fixtureStatuses();
    let server: WeiboProtocolServer;
    let ours: Json;
    beforeAll(async () => {
      server = await startWeiboProtocolServer({ accessToken: 't', uid: '1404376560', safeDomain: 'hospital.example.cn' });
      const adapter = createWeiboAdapter({ apiBase: server.apiBase });
      const checkpoint: Record<string, string> = {};
      await adapter.deliver({
        publicationId: 1, idempotencyKey: 'k', cover: null, loadImage: async () => null, checkpoint, signal: new AbortController().signal,
        saveCheckpoint: async (p) => void Object.assign(checkpoint, p),
        channel: { id: 1, kind: 'weibo', name: 'w', settings: { safeDomain: 'hospital.example.cn' }, secrets: { accessToken: 't' } },
        variant: { title: 't', author: null, summary: null, html: '', text: '你好', sourceUrl: 'https://www.hospital.example.cn/a/1' },
      });
      // what the server sent, read back through the wire format
      ours = JSON.parse(JSON.stringify(server.statusObject(server.statuses[0].id)));
    });
    afterAll(() => server.close());

    it('found status objects to check', () => {
      expect(statuses.length).toBeGreaterThanOrEqual(5);
    });

    it('reads the id, the author and the date of every real status', () => {
      for (const { where, raw, exact } of statuses) {
        const parsed = parseWeiboStatus(exact);
        expect(parsed.id, where).toBe(String(raw.id));
        expect(parsed.userId, where).toBe(String((raw.user as Json).id));
        expect(parsed.text, where).toBe(raw.text);
        expect(parsed.createdAt?.getTime(), where).toBe(new Date(String(raw.created_at).replace(/^\w+ (\w+) (\d+) ([\d:]+) ([+-]\d{4}) (\d{4})$/, '$1 $2 $5 $3 GMT$4')).getTime());
        expect(weiboStatusUrl(parsed), where).toBe(`https://weibo.com/${(raw.user as Json).id}/${raw.id}`);
      }
    });

    it('gives the protocol server statuses every field a real one always has, of the same JSON type', () => {
      const always = (objects: Json[]) => Object.keys(objects[0]).filter((k) => objects.every((o) => k in o));
      const tops = statuses.map((s) => s.raw);
      for (const key of always(tops)) {
        expect(ours, `status.${key}`).toHaveProperty(key);
        const types = new Set(tops.map((s) => jsonType(s[key])));
        expect([...types], `status.${key}`).toContain(jsonType(ours[key]));
      }
      const users = tops.map((s) => s.user as Json);
      const ourUser = ours.user as Json;
      for (const key of always(users)) {
        expect(ourUser, `user.${key}`).toHaveProperty(key);
        expect(jsonType(ourUser[key]), `user.${key}`).toBe(jsonType(users[0][key]));
      }
    });

    it('formats created_at, mid and ids like the real ones, and its status parses the same way', () => {
      expect(parseWeiboDate(String(ours.created_at))).not.toBeNull();
      for (const { raw } of statuses) expect(parseWeiboDate(String(raw.created_at))).not.toBeNull();
      expect(typeof ours.mid).toBe(typeof statuses[0].raw.mid);
      expect(String(ours.id)).toBe(ours.idstr);
      expect(parseWeiboStatus(ours)).toMatchObject({ id: server.statuses[0].id, userId: '1404376560' });
    });
  });
}
