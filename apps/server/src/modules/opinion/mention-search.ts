import type { Segmenter } from '../../../../../packages/text/src/segment.ts';
import type { HospitalProfile } from './watch-rule.service.ts';

/**
 * The segmenter of mention search (architecture.md, "Chinese search"): jieba with every monitored hospital's own words
 * in its dictionary, so 号贩子, a doctor's name or a campus stays one token in the index and in the query alike.
 * One instance for the process: a word of one hospital in the dictionary does not hurt another's search, and a
 * jieba per hospital would cost its dictionary's memory each. It is rebuilt (~200 ms) only when a word is new.
 */
let words = new Set<string>();
let current: Promise<Segmenter> | undefined;

const termsOf = (profile: HospitalProfile) =>
  [profile.name, ...profile.aliases, ...profile.campuses, ...profile.departments, ...profile.staff].map((w) => w.trim()).filter((w) => w && !/\s/.test(w));

export function mentionSegmenter(profile: HospitalProfile): Promise<Segmenter> {
  const fresh = termsOf(profile).filter((w) => !words.has(w));
  if (!current || fresh.length) {
    words = new Set([...words, ...fresh]);
    const dictionary = [...words];
    current = import('../../../../../packages/text/src/segment.ts').then(({ createSegmenter }) => createSegmenter(dictionary));
  }
  return current;
}

/** What the search index holds of a mention: title, text and author, as search tokens. */
export function searchTokensOf(segmenter: Segmenter, mention: { title: string; text: string; author: string | null }) {
  return segmenter.tokensForSearch([mention.title, mention.text, mention.author ?? ''].join('\n'));
}
