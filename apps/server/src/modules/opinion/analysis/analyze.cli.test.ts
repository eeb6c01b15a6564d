import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { categories, polarities } from './types.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../../../../..');

function profileFile(profile: unknown) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'rongmei-opinion-')), 'profile.json');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

const profile = { name: '滨江市第一人民医院', aliases: ['滨江一院', '市一院'], campuses: [], departments: ['急诊科'], staff: ['王芳'], exclude: ['江城市第一人民医院'] };

function cli(args: string[], input: string) {
  return spawnSync('npm', ['run', '--silent', 'cli', '--', 'opinion', ...args], { cwd: repoRoot, input, encoding: 'utf8', timeout: 60_000 });
}

describe('npm run --silent cli -- opinion analyze', () => {
  it('answers each mention line in input order with the contract fields, and a malformed line with {id, error}', () => {
    const story = '滨江市第一人民医院急诊科护士态度恶劣，家属等待两个多小时无人处理，值班护士还对家属大声呵斥，目前医院尚未回应。';
    const lines = [
      JSON.stringify({ id: 'a', source: 'weibo', title: '', text: '真是好医院啊，在市一院排队五个小时', reposts: 3 }),
      '{not json',
      JSON.stringify({ id: 7, source: 'weibo', title: '' }),
      '',
      JSON.stringify({ id: 'b', source: 'news', title: '滨江市第一人民医院一患者术后死亡', text: '家属质疑医院延误治疗，卫健委已介入调查。', url: 'https://example.org/1', published_at: '2026-05-01T08:00:00+08:00' }),
      JSON.stringify({ id: 'c', source: 'weibo', title: '', text: '市一院小区二手房出售，拎包入住' }),
      JSON.stringify({ id: 'd', source: 'weibo', title: '', text: story }),
      JSON.stringify({ id: 'e', source: 'weibo', title: '', text: `太过分了//@张三:${story}` }),
      JSON.stringify({ id: 'f', source: 'weibo', title: '', text: 'x', published_at: 'yesterday' }),
    ];
    const res = cli(['analyze', '--hospital', profileFile(profile)], `${lines.join('\n')}\n`);
    expect(res.status, res.stderr).toBe(0);
    const out = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', null, 7, 'b', 'c', 'd', 'e', 'f']);

    for (const o of [out[0], out[3], out[4], out[5], out[6]]) {
      expect(Object.keys(o)).toEqual(['id', 'about_hospital', 'polarity', 'risk', 'category', 'cluster', 'reasons']);
      expect(polarities).toContain(o.polarity);
      expect(categories).toContain(o.category);
      expect([0, 1, 2, 3, 4]).toContain(o.risk);
      expect(o.reasons.every((r: unknown) => typeof r === 'string')).toBe(true);
    }
    expect(out[0]).toMatchObject({ about_hospital: true, polarity: 'negative', risk: 1, category: 'waiting_crowding', cluster: 'a' });
    expect(out[0].reasons).toContain('sarcasm:真是+好');
    expect(out[1]).toEqual({ id: null, error: expect.any(String) });
    expect(out[2]).toEqual({ id: 7, error: expect.stringMatching(/text/) });
    expect(out[3]).toMatchObject({ about_hospital: true, polarity: 'negative', risk: 4, category: 'death' });
    expect(out[4]).toMatchObject({ about_hospital: false, risk: 0, category: 'unrelated', cluster: 'c' });
    expect(out[5].cluster).toBe('d');
    expect(out[6].cluster).toBe('d');
    expect(out[7]).toEqual({ id: 'f', error: expect.stringMatching(/published_at/) });
  }, 60_000);

  it('prints nothing and succeeds on empty input', () => {
    const res = cli(['analyze', '--hospital', profileFile(profile)], '');
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toBe('');
  }, 60_000);

  it('refuses a missing or bad profile as a usage error (exit 2)', () => {
    expect(cli(['analyze'], '').status).toBe(2);
    const bad = cli(['analyze', '--hospital', profileFile({ aliases: 'x' })], '');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/name/);
    expect(cli(['analyze', '--hospital', '/nonexistent/profile.json'], '').status).toBe(2);
  }, 60_000);
});
