import { describe, expect, it } from 'vitest';
import { normalizeForMatching } from '../../../../../../packages/text/src/index.ts';
import { findingCategories, severities } from './compliance-types.ts';
import { comparisonPatterns, defaultLexicon, negationCues, negationTails, rules } from './default-lexicon.ts';

/** 《法名》第X条[第X款][第X项], several joined by ；, as the taxonomy of illegal ad expressions writes them. */
const citation = /^《[^》]+》第[一二三四五六七八九十百]+条(?:第[一二三四五六七八九十]+款)?(?:第[一二三四五六七八九十]+项)?(?:；《[^》]+》第[一二三四五六七八九十百]+条(?:第[一二三四五六七八九十]+款)?(?:第[一二三四五六七八九十]+项)?)*$/;

describe('defaultLexicon', () => {
  it('holds a few hundred entries of absolute terms and medical claims', () => {
    expect(defaultLexicon.length).toBeGreaterThanOrEqual(300);
    expect(new Set(defaultLexicon.map((e) => e.category))).toEqual(new Set(['ad_absolute', 'medical_claim']));
  });

  it('has valid categories, severities and citations on every entry', () => {
    for (const e of defaultLexicon) {
      expect(findingCategories, e.term).toContain(e.category);
      expect(severities, e.term).toContain(e.severity);
      expect(e.rule, e.term).toMatch(citation);
    }
    for (const rule of Object.values(rules)) expect(rule).toMatch(citation);
  });

  it('lists each term once per category', () => {
    const keys = defaultLexicon.map((e) => `${e.category}:${e.term}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('writes terms and context words in normalized form, so they compare with normalized text as written', () => {
    const words = [...defaultLexicon.flatMap((e) => [e.term, ...(e.unlessFollowedBy ?? []), ...(e.unlessPrecededBy ?? [])]), ...negationCues, ...negationTails];
    for (const word of words) {
      expect(word.length, word).toBeGreaterThan(0);
      expect(normalizeForMatching(word).text, word).toBe(word);
    }
  });

  it('compiles its patterns for repeated search', () => {
    for (const p of comparisonPatterns) expect(p.pattern.flags).toContain('g');
  });
});
