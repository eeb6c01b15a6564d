import { normalizeForMatching } from '../../../../../../packages/text/src/normalize.ts';

export type TrieHit<T> = { start: number; end: number; value: T };

/**
 * A dictionary walked only from the starts of jieba's words, not from every character as Aho-Corasick does:
 * a term that starts inside a word is a false hit anyway (满意 in 满意度 is not praise), and a walk from
 * ~150 word starts costs a few microseconds where an automaton over 300 characters costs tens.
 * Terms go through normalizeForMatching, like the text they are matched against.
 */
/** Node ids fit 15 bits, so a node and a code unit make one int32 key. */
const maxNodes = 0x7fff;

export class TermTrie<T> {
  /** The root's children by code unit (0: none): most walks stop after one step, so that step is an array read. */
  readonly #root = new Uint16Array(65536);
  /**
   * Deeper children in an open-addressing table keyed node << 16 | code unit (a Map would box and hash
   * generically; this is the walk's inner loop), small enough to stay in cache. Built on first use, after
   * the terms are added.
   */
  #keys = new Int32Array(0);
  #children = new Uint16Array(0);
  #mask = 0;
  readonly #pending = new Map<number, number>();
  readonly #values: (T[] | undefined)[] = [undefined];

  add(term: string, value: T): void {
    const normalized = normalizeForMatching(term).text;
    if (!normalized) return;
    let node = 0;
    for (let i = 0; i < normalized.length; i++) {
      const code = normalized.charCodeAt(i);
      let child = node === 0 ? this.#root[code] || undefined : this.#pending.get((node << 16) | code);
      if (child === undefined) {
        child = this.#values.length;
        if (child > maxNodes) throw new RangeError(`more than ${maxNodes} characters of terms`);
        this.#values.push(undefined);
        if (node === 0) this.#root[code] = child;
        else this.#pending.set((node << 16) | code, child);
        this.#mask = 0;
      }
      node = child;
    }
    (this.#values[node] ??= []).push(value);
  }

  #build() {
    let size = 16;
    while (size < this.#pending.size * 2) size *= 2;
    this.#keys = new Int32Array(size).fill(-1);
    this.#children = new Uint16Array(size);
    this.#mask = size - 1;
    for (const [key, child] of this.#pending) {
      let slot = slotOf(key, this.#mask);
      while (this.#keys[slot] !== -1) slot = (slot + 1) & this.#mask;
      this.#keys[slot] = key;
      this.#children[slot] = child;
    }
  }

  #child(node: number, code: number): number {
    const key = (node << 16) | code;
    for (let slot = slotOf(key, this.#mask); ; slot = (slot + 1) & this.#mask) {
      const k = this.#keys[slot];
      if (k === key) return this.#children[slot];
      if (k === -1) return 0;
    }
  }

  /** Every term that starts at one of `starts` in `text` (already normalized), in order of start then end. */
  findAt(text: string, starts: ArrayLike<number>, count = starts.length): TrieHit<T>[] {
    if (this.#mask === 0) this.#build();
    const hits: TrieHit<T>[] = [];
    for (let s = 0; s < count; s++) {
      const start = starts[s];
      let node = this.#root[text.charCodeAt(start)];
      for (let i = start; node; ) {
        const values = this.#values[node];
        if (values) for (const value of values) hits.push({ start, end: i + 1, value });
        if (++i >= text.length) break;
        node = this.#child(node, text.charCodeAt(i));
      }
    }
    return hits;
  }
}

function slotOf(key: number, mask: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> 7) & mask;
}
