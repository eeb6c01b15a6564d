import { normalizeForMatching } from '../../../../../../packages/text/src/normalize.ts';
import { aspects, contrastWords, degreeAdverbs, ironyFrames, negators, scalars, sentimentWords } from './lexicon.ts';
import { eventTerms, markerTerms, type Marker } from './risk-terms.ts';
import { TermTrie } from './term-trie.ts';
import type { Category, HospitalProfile, RiskLevel } from './types.ts';

export type WatchKind = 'name' | 'alias' | 'campus' | 'department' | 'staff' | 'exclude';

/**
 * How a name of the hospital can mislead: `generic` names (市一院, 省医) exist in every city, `common` ones are
 * also ordinary words or places (华西, 协和); `distinctive` ones name this hospital alone.
 */
export type Ambiguity = 'distinctive' | 'generic' | 'common';

export type Entry =
  | { kind: 'sentiment'; word: string; weight: number }
  | { kind: 'negator'; word: string; strength: number }
  | { kind: 'degree'; word: string; factor: number }
  | { kind: 'contrast'; word: string }
  | { kind: 'irony'; word: string }
  | { kind: 'aspect'; word: string; sign: number }
  | { kind: 'scalar'; word: string; sign: number }
  | { kind: 'event'; word: string; category: Category; risk: RiskLevel }
  | { kind: 'marker'; word: string; marker: Marker }
  | { kind: 'watch'; word: string; watch: WatchKind; ambiguity: Ambiguity };

/** Characters that every city's hospitals share in their names. */
const genericNameChars = new Set('市省县区州第一二三四五六七八九十人民中医西结合妇幼保健儿童医院附属中心大学总科专东南北新老分院区');

function ambiguityOf(name: string): Ambiguity {
  if ([...name].every((c) => genericNameChars.has(c))) return 'generic';
  if (name.length <= 2 || (name.length <= 3 && !/[医院]/.test(name))) return 'common';
  return 'distinctive';
}

export type WatchTerm = { word: string; watch: WatchKind; ambiguity: Ambiguity };

/** The profile's names, normalized like the text, each with what it is and how far it can be trusted. */
export function watchTerms(profile: HospitalProfile): WatchTerm[] {
  const out: WatchTerm[] = [];
  const add = (words: string[], watch: WatchKind, ambiguity: (w: string) => Ambiguity) => {
    for (const raw of words) {
      const word = normalizeForMatching(raw.trim()).text;
      if (word) out.push({ word, watch, ambiguity: ambiguity(word) });
    }
  };
  add([profile.name], 'name', () => 'distinctive');
  add(profile.aliases, 'alias', ambiguityOf);
  add(profile.campuses, 'campus', ambiguityOf);
  add(profile.departments, 'department', () => 'generic');
  add(profile.staff, 'staff', () => 'common');
  add(profile.exclude, 'exclude', () => 'distinctive');
  return out;
}

/**
 * Lexicon words must start and end where jieba's words do (好 is not in 好像). Category and marker terms
 * of three characters or more may end inside a word (过期药 in 过期药品); shorter ones may not (死亡 is not
 * in 死亡率). The hospital's full name and campuses count wherever they start a word.
 */
/** Category and marker terms are also looked for inside long words (基金 in 自然科学基金); opinion words are not. */
export function foundInsideWords(entry: Entry): boolean {
  return entry.kind === 'event' || entry.kind === 'marker';
}

export function needsWordEnd(entry: Entry): boolean {
  switch (entry.kind) {
    case 'event':
    case 'marker':
      return entry.word.length <= 2;
    case 'watch':
      return entry.watch !== 'name' && entry.watch !== 'campus' && entry.watch !== 'exclude';
    default:
      return true;
  }
}

/** Every dictionary the analysis matches, in one trie walked once per mention. */
export function buildVocabulary(watch: WatchTerm[]): TermTrie<Entry> {
  const trie = new TermTrie<Entry>();
  for (const [word, weight] of sentimentWords) trie.add(word, { kind: 'sentiment', word, weight });
  for (const [word, strength] of negators) trie.add(word, { kind: 'negator', word, strength });
  for (const [word, factor] of degreeAdverbs) trie.add(word, { kind: 'degree', word, factor });
  for (const word of contrastWords) trie.add(word, { kind: 'contrast', word });
  for (const word of ironyFrames) trie.add(word, { kind: 'irony', word });
  for (const [word, sign] of aspects) trie.add(word, { kind: 'aspect', word, sign });
  for (const [word, sign] of scalars) trie.add(word, { kind: 'scalar', word, sign });
  for (const [word, term] of eventTerms) trie.add(word, { kind: 'event', word, ...term });
  for (const [word, marker] of markerTerms) trie.add(word, { kind: 'marker', word, marker });
  for (const term of watch) trie.add(term.word, { kind: 'watch', ...term });
  return trie;
}
