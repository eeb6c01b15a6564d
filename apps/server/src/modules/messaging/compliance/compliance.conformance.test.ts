import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComplianceChecker } from './compliance-checker.ts';
import { comparisonPatterns, defaultLexicon } from './default-lexicon.ts';
import { parseLexiconFile } from './lexicon-file.ts';

/** Real lexicons collected in ../shared (test material only: read from there, never copied into the repo). */
const repoRoot = path.resolve(import.meta.dirname, '../../../../../..');
const lexiconsDir = path.resolve(repoRoot, '../shared/data/lexicons');
const houbbDir = path.join(lexiconsDir, 'sensitive/houbb-sensitive-word');
const taxonomyFile = path.join(lexiconsDir, 'ad-law/illegal-ad-expressions.json');
const exists = existsSync(lexiconsDir);
if (!exists) console.log(`lexicon conformance skipped: ${lexiconsDir} is absent`);

const filesUnder = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? filesUnder(file) : [file];
    });

const parse = (file: string) => parseLexiconFile(path.basename(file), readFileSync(file, 'utf8'), { category: 'sensitive', severity: 'warn' });

describe.skipIf(!exists)('lexicon conformance (../shared/data/lexicons)', () => {
  it('imports every word list there; only the ad-law taxonomy, which holds no terms, yields none', () => {
    const report: string[] = [];
    for (const file of filesUnder(lexiconsDir)) {
      const parsed = parse(file);
      const reasons = [...new Set(parsed.rejected.map((r) => r.reason))];
      report.push(`${path.relative(lexiconsDir, file).padEnd(60)} ${String(parsed.entries.length).padStart(6)} entries ${String(parsed.duplicates).padStart(5)} duplicates ${String(parsed.rejected.length).padStart(4)} rejected ${reasons.join(' ')}`);
      if (file === taxonomyFile) {
        expect(parsed.entries).toEqual([]);
        expect(new Set(parsed.rejected.map((r) => r.reason))).toEqual(new Set(['no_term']));
        continue;
      }
      expect(parsed.entries.length, file).toBeGreaterThan(0);
      expect(parsed.rejected.length, file).toBeLessThan(parsed.entries.length * 0.05);
      for (const r of parsed.rejected) expect(['single_ascii_char', 'term_too_long'], `${file}:${r.line}`).toContain(r.reason);
    }
    console.log(`lexicon files:\n${report.join('\n')}`);
  });

  it('reads houbb tags as sensitive words with named tags', () => {
    const tagged = parse(path.join(houbbDir, 'sensitive_word_tags.txt'));
    expect(tagged.entries.length).toBeGreaterThan(40_000);
    expect(tagged.entries.every((e) => e.category === 'sensitive' && e.note?.startsWith('标签：'))).toBe(true);
  });

  it('builds a checker from the houbb dictionary whose allow-list words are never findings', () => {
    const dict = parse(path.join(houbbDir, 'sensitive_word_dict.txt')).entries;
    const allowList = parse(path.join(houbbDir, 'sensitive_word_allow.txt')).entries.map((e) => e.term);
    expect(allowList.length).toBeGreaterThanOrEqual(10);
    const checker = ComplianceChecker.build({ entries: dict, allowList, forbiddenTerms: [], protectedNames: [], publicPhones: [] });
    for (const word of allowList) expect(checker.check({ text: word }), word).toEqual([]);
    for (const e of dict.slice(0, 50)) expect(checker.check({ text: `据报道，${e.term}。` }).map((f) => f.category), e.term).toContain('sensitive');
  });

  it('cites its medical and absolute rules as the taxonomy of illegal ad expressions does', () => {
    const taxonomy = JSON.parse(readFileSync(taxonomyFile, 'utf8')) as { code: string; legal_basis: string }[];
    expect(taxonomy).toHaveLength(245);
    expect(taxonomy.filter((r) => /^YL\d+$/.test(r.code))).toHaveLength(23);
    const cited = new Set(taxonomy.flatMap((r) => r.legal_basis.split('；')));
    const ours = new Set([...defaultLexicon, ...comparisonPatterns].flatMap((e) => e.rule.split('；')));
    for (const part of ours) expect(cited, part).toContain(part);
  });
});
