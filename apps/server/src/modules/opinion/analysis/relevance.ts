import type { TrieHit } from './term-trie.ts';
import type { Scan } from './scan.ts';
import type { Entry, WatchTerm } from './vocabulary.ts';
import type { Marker } from './risk-terms.ts';

export type Relevance = {
  about: boolean;
  reasons: string[];
  /** A staff member of the hospital is named with their title (a named complaint weighs more). */
  namedStaff: string | undefined;
};

type WatchHit = TrieHit<Extract<Entry, { kind: 'watch' }>>;
type MarkerHit = TrieHit<Extract<Entry, { kind: 'marker' }>>;

/** How far (in characters) a medical word may stand from a common-word name to make it the hospital. */
const contextWindow = 15;
/** How far after a name a landmark word (旁边, 对面) may follow. */
const landmarkReach = 2;

export type RelevanceContext = {
  /** Part-of-speech tag of a word (ns: a place name). */
  tagOf(word: string): string;
  /** The hospital's own names as one string: a place inside it (滨江 of 滨江市第一人民医院) is not another city. */
  ownNames: string;
  /** Names that identify the hospital's own accounts when they are the author. */
  authorNames: WatchTerm[];
};

function overlaps(a: TrieHit<Entry>, b: TrieHit<Entry>): boolean {
  return a.start < b.end && b.start < a.end;
}

function markerBetween(markers: MarkerHit[], marker: Marker, from: number, to: number): MarkerHit | undefined {
  for (const m of markers) if (m.value.marker === marker && m.start >= from && m.start <= to) return m;
  return undefined;
}

/** Beside h but not inside it, within the context window. */
function near(h: TrieHit<Entry>, m: TrieHit<Entry>): boolean {
  return (m.end <= h.start || m.start >= h.end) && m.end >= h.start - contextWindow && m.start <= h.end + contextWindow;
}

/** A medical word, a department or a staff name near h. */
function medicalContext(h: WatchHit, markers: MarkerHit[], watch: WatchHit[]): string | undefined {
  for (const m of markers) if (m.value.marker === 'medical_context' && near(h, m)) return m.value.word;
  for (const w of watch) if ((w.value.watch === 'department' || w.value.watch === 'staff') && near(h, w)) return w.value.word;
  return undefined;
}

/**
 * The watch rules: is the mention about the monitored hospital? The full name and distinctive names count
 * where they stand; a generic short name (市一院) counts unless a place or hospital other than the hospital's
 * own comes right before it (绵阳市一院); a common-word name (华西, 协和) needs a medical word nearby; a staff
 * name needs a title beside it (王芳护士); departments only lend context. A name inside an excluded phrase,
 * followed by a business or housing word (市一院小区), or used only as a landmark (医院旁边) does not count, and
 * an excluded phrase anywhere rules the mention out unless the full name stands elsewhere in it.
 */
export function judgeRelevance(s: Scan, author: string, context: RelevanceContext): Relevance {
  const watch: WatchHit[] = [];
  const markers: MarkerHit[] = [];
  const excluded: WatchHit[] = [];
  for (const h of s.hits) {
    if (h.value.kind === 'watch') {
      if (h.value.watch === 'exclude') excluded.push(h as WatchHit);
      else watch.push(h as WatchHit);
    } else if (h.value.kind === 'marker') markers.push(h as MarkerHit);
  }
  const reasons: string[] = [];
  for (const x of excluded) reasons.push(`excluded:${x.value.word}`);

  let counted = false;
  let fullName = false;
  let namedStaff: string | undefined;
  for (const h of watch) {
    const { watch: kind, word, ambiguity } = h.value;
    if (kind === 'department' || excluded.some((x) => overlaps(h, x))) continue;
    let reason: string;
    const suffix = markerBetween(markers, 'not_hospital', h.end, h.end);
    const landmark = suffix ? undefined : markerBetween(markers, 'landmark', h.end, h.end + landmarkReach);
    if (suffix) reason = `not-hospital:${word}${suffix.value.word}`;
    else if (landmark) reason = `landmark:${word}${landmark.value.word}`;
    else if (kind === 'staff') {
      let title: MarkerHit | undefined;
      for (const m of markers) if (m.value.marker === 'staff_title' && (m.start === h.end || m.end === h.start)) title = m;
      if (!title) continue;
      namedStaff = word;
      counted = true;
      reason = `staff:${word}${title.value.word}`;
    } else if (ambiguity === 'generic' && otherPlaceBefore(s, h, context)) {
      reason = `other-place:${s.words[s.wordAt[h.start] - 1]}${word}`;
    } else if (ambiguity === 'common') {
      const why = medicalContext(h, markers, watch);
      if (why) counted = true;
      reason = why ? `${kind}:${word}+context:${why}` : `ambiguous:${word}`;
    } else {
      counted = true;
      if (kind === 'name') fullName = true;
      reason = `${kind}:${word}`;
    }
    if (!reasons.includes(reason)) reasons.push(reason);
  }

  if (author) {
    for (const n of context.authorNames) {
      if (!author.includes(n.word)) continue;
      counted = true;
      reasons.push(`author:${author}`);
      break;
    }
  }
  if (excluded.length && !fullName) counted = false;
  return { about: counted, reasons, namedStaff };
}

/** 绵阳 in 绵阳市一院, 江城市第一人民医院 before 东院区: a name of another city or hospital right before a generic one. */
function otherPlaceBefore(s: Scan, h: WatchHit, context: RelevanceContext): boolean {
  const index = s.wordAt[h.start];
  if (index <= 0) return false;
  const previous = s.words[index - 1];
  if (previous.length < 2 || context.ownNames.includes(previous)) return false;
  return previous.endsWith('医院') || context.tagOf(previous) === 'ns';
}
