import { AhoCorasick } from '@monyone/aho-corasick';
import { normalizeForMatching } from './normalize.ts';

export type TermMatch<T> = { start: number; end: number; value: T };

/**
 * A dictionary compiled once and run over normalized text: every occurrence of every term, overlapping ones
 * included, at UTF-16 offsets (what normalizeForMatching's offset map speaks). Terms go through
 * normalizeForMatching at build time, so 治癒, ＮＯ．１ and 根 治 find 治愈, no.1 and 根治.
 * A term may carry several values (one per entry that lists it).
 */
export class TermMatcher<T> {
  readonly #values = new Map<string, T[]>();
  readonly #automaton: AhoCorasick;

  constructor(entries: readonly { term: string; value: T }[]) {
    for (const { term, value } of entries) {
      const normalized = normalizeForMatching(term).text;
      if (!normalized) continue;
      const values = this.#values.get(normalized);
      if (values) values.push(value);
      else this.#values.set(normalized, [value]);
    }
    this.#automaton = new AhoCorasick([...this.#values.keys()]);
  }

  /** Distinct normalized terms in the dictionary. */
  get size(): number {
    return this.#values.size;
  }

  /** Every occurrence in text already passed through normalizeForMatching, by start, longer first. */
  findAll(normalizedText: string): TermMatch<T>[] {
    const matches: TermMatch<T>[] = [];
    for (const hit of this.#automaton.matchInText(normalizedText)) {
      for (const value of this.#values.get(hit.keyword)!) matches.push({ start: hit.begin, end: hit.end, value });
    }
    return matches.sort((a, b) => a.start - b.start || b.end - a.end);
  }
}
