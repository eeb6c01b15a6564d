import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../../platform/cli-usage-error.ts';
import { runComplianceCheck } from './compliance.cli.ts';

const profileFile = () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'rongmei-profile-')), 'hospital.json');
  writeFileSync(file, JSON.stringify({
    name: '成都市第一人民医院',
    aliases: ['市一医院'],
    campuses: ['东区院区'],
    departments: ['第一门诊部'],
    forbidden_names: [{ term: '成都市第一医院', use_instead: '成都市第一人民医院' }],
  }));
  return file;
};

async function run(lines: string[], args = ['check', '--profile', profileFile()]) {
  const output = new PassThrough();
  let written = '';
  output.on('data', (c) => (written += c));
  const code = await runComplianceCheck(args, Readable.from([lines.join('\n')]), output);
  return { code, results: written.trim().split('\n').map((l) => JSON.parse(l)) };
}

describe('compliance check CLI', () => {
  it('answers each JSON line in input order; a bad line yields {id, error} and the run goes on', async () => {
    const { code, results } = await run([
      JSON.stringify({ id: 'a', text: '全国最好的医院，保证根治' }),
      '{broken',
      JSON.stringify({ id: 2 }),
      JSON.stringify({ id: 3, text: '<p>成都市第一医院 &amp; 第一门诊部</p>' }),
      JSON.stringify({ id: 4, text: '成都市第一人民医院第一届护理技能大赛' }),
    ]);
    expect(code).toBe(0);
    expect(results.map((r) => r.id)).toEqual(['a', null, 2, 3, 4]);
    expect(results[0].findings.map((f: { category: string }) => f.category)).toEqual(expect.arrayContaining(['ad_absolute', 'medical_claim']));
    expect(results[1].error).toBeTruthy();
    expect(results[2].error).toMatch(/text/);
    expect(results[3].findings).toEqual([
      expect.objectContaining({ category: 'term_forbidden', term: '成都市第一医院', start: 0, end: 7, suggestion: '成都市第一人民医院' }),
    ]);
    expect(results[4].findings).toEqual([]);
  });

  it('refuses a missing or malformed profile as a usage error', async () => {
    await expect(run([], ['check'])).rejects.toThrow(CliUsageError);
    const bad = path.join(mkdtempSync(path.join(os.tmpdir(), 'rongmei-profile-')), 'bad.json');
    writeFileSync(bad, JSON.stringify({ aliases: 'x' }));
    await expect(run([], ['check', '--profile', bad])).rejects.toThrow(/name/);
  });

  it('runs through `npm run --silent cli -- compliance check`', () => {
    const res = spawnSync('npm', ['run', '--silent', 'cli', '--', 'compliance', 'check', '--profile', profileFile()], {
      cwd: path.resolve(import.meta.dirname, '../../../../..'),
      input: `${JSON.stringify({ id: 1, text: '药到病除，永不复发' })}\n`,
      encoding: 'utf8',
    });
    expect(res.status, res.stderr).toBe(0);
    const [line] = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(line.id).toBe(1);
    expect(line.findings.every((f: { category: string }) => f.category === 'medical_claim')).toBe(true);
    expect(line.findings.length).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
