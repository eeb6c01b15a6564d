/**
 * 64-bit SimHash (Charikar) as two unsigned 32-bit halves: BigInt arithmetic is an order of magnitude slower
 * and near-duplicate detection runs on every ingested mention.
 */
export type SimHash = { hi: number; lo: number };

/**
 * A feature's 32-bit hash: FNV-1a over UTF-16 code units, then murmur3's finaliser so short tokens still
 * spread over all 32 bits. Callers that look features up by hash (a weight table) hash each feature once.
 */
export function featureHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

function fmix(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const votes = new Float64Array(64);

/**
 * The SimHash of weighted features given by their featureHash: each feature votes its weight for or against
 * every bit of its 64-bit hash; a bit is set when the votes for it win. Only the votes for each bit are
 * added up (walking the set bits alone): a bit wins when they exceed half the total weight.
 */
export function simhashOfHashes(hashes: ArrayLike<number>, weights: ArrayLike<number>, count = hashes.length): SimHash {
  votes.fill(0);
  let total = 0;
  for (let f = 0; f < count; f++) {
    const w = weights[f];
    if (!(w > 0)) continue;
    total += w;
    const lo = hashes[f];
    // The high half is a second mix of the first hash: one pass over the characters gives all 64 bits.
    const hi = fmix(lo ^ 0x9e3779b9);
    for (let x = lo; x !== 0; x &= x - 1) votes[31 - Math.clz32(x & -x)] += w;
    for (let x = hi; x !== 0; x &= x - 1) votes[63 - Math.clz32(x & -x)] += w;
  }
  const half = total / 2;
  let lo = 0;
  let hi = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (votes[bit] > half) lo |= 1 << bit;
    if (votes[32 + bit] > half) hi |= 1 << bit;
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

/** The SimHash of weighted features (tokens); a repeated feature votes once per occurrence. */
export function simhash(features: readonly string[], weight: (feature: string) => number = unitWeight): SimHash {
  return simhashOfHashes(features.map(featureHash), features.map(weight));
}

function unitWeight(): number {
  return 1;
}

function popcount32(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function hammingDistance(a: SimHash, b: SimHash): number {
  return popcount32((a.hi ^ b.hi) >>> 0) + popcount32((a.lo ^ b.lo) >>> 0);
}

/** Entries in insertion order, chained per block key (typed arrays: no holes, no boxing). */
type Generation<T> = {
  size: number;
  /** hi and lo of entry e at 2e and 2e + 1: one cache line read per candidate. */
  hashes: Uint32Array;
  values: T[];
  /** First and last entry of each key's chain, per block; -1: none. */
  heads: Int32Array[];
  tails: Int32Array[];
  /** Next entry in the same chain, per block. */
  next: Int32Array[];
};

/** Bits [start, start + width) of the 64-bit value (bit 0: the lowest bit of lo); width ≤ 16. */
function bits(hi: number, lo: number, start: number, width: number): number {
  const mask = (1 << width) - 1;
  if (start >= 32) return (hi >>> (start - 32)) & mask;
  if (start + width <= 32) return (lo >>> start) & mask;
  return ((lo >>> start) | (hi << (32 - start))) & mask;
}

/** Every mask of `width` bits with at most r bits set, fewest first. */
function masks(width: number, r: number): Int32Array {
  const out: number[] = [];
  for (let bitsSet = 0; bitsSet <= r; bitsSet++) for (let m = 0; m < 1 << width; m++) if (popcount32(m) === bitsSet) out.push(m);
  return Int32Array.from(out);
}

/**
 * Finds a stored SimHash within maxDistance bits of a query without comparing against everything
 * (multi-index hashing): the 64 bits are cut into blocks, enough of them (four, or ⌊maxDistance / 2⌋ + 1)
 * that two hashes at most maxDistance bits apart differ in at most one bit in some block (none, for a
 * distance under 4); each block's table is probed with the query's block and its one-bit neighbours, and
 * only the entries found there are compared. Memory stays bounded: entries live in two generations of
 * `capacity` each, and the oldest generation is dropped when the newest fills.
 */
export class SimHashIndex<T> {
  readonly #maxDistance: number;
  readonly #capacity: number;
  readonly #blocks: { start: number; width: number; masks: Int32Array }[] = [];
  #current: Generation<T>;
  #previous: Generation<T> | undefined;

  constructor(options: { maxDistance: number; capacity: number }) {
    const { maxDistance, capacity } = options;
    if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 15) throw new RangeError('maxDistance must be an integer in 0..15');
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.#maxDistance = maxDistance;
    this.#capacity = capacity;
    const count = Math.max(4, Math.floor(maxDistance / 2) + 1);
    const radius = Math.floor(maxDistance / count);
    for (let b = 0, start = 0; b < count; b++) {
      const width = Math.floor(64 / count) + (b < 64 % count ? 1 : 0);
      this.#blocks.push({ start, width, masks: masks(width, radius) });
      start += width;
    }
    this.#current = this.#generation();
  }

  #generation(): Generation<T> {
    const c = this.#capacity;
    const tables = () => this.#blocks.map((b) => new Int32Array(1 << b.width).fill(-1));
    return { size: 0, hashes: new Uint32Array(2 * c), values: [], heads: tables(), tails: tables(), next: this.#blocks.map(() => new Int32Array(c)) };
  }

  get size(): number {
    return this.#current.size + (this.#previous?.size ?? 0);
  }

  add(signature: SimHash, value: T): void {
    if (this.#current.size >= this.#capacity) {
      this.#previous = this.#current;
      this.#current = this.#generation();
    }
    const g = this.#current;
    const index = g.size++;
    g.hashes[2 * index] = signature.hi;
    g.hashes[2 * index + 1] = signature.lo;
    g.values.push(value);
    for (let b = 0; b < this.#blocks.length; b++) {
      const { start, width } = this.#blocks[b];
      const key = bits(signature.hi, signature.lo, start, width);
      const tail = g.tails[b][key];
      if (tail < 0) g.heads[b][key] = index;
      else g.next[b][tail] = index;
      g.tails[b][key] = index;
      g.next[b][index] = -1;
    }
  }

  /** The closest stored entry within maxDistance (the earliest stored among equally close ones), or undefined. */
  nearest(signature: SimHash): { value: T; distance: number } | undefined {
    const { hi, lo } = signature;
    let bestValue: T | undefined;
    let bestDistance = this.#maxDistance + 1;
    let bestOrder = Infinity;
    const generations = this.#previous ? [this.#previous, this.#current] : [this.#current];
    for (let gi = 0; gi < generations.length; gi++) {
      const g = generations[gi];
      for (let b = 0; b < this.#blocks.length; b++) {
        const { start, width, masks } = this.#blocks[b];
        const heads = g.heads[b];
        const next = g.next[b];
        const key = bits(hi, lo, start, width);
        for (let m = 0; m < masks.length; m++) {
          for (let e = heads[key ^ masks[m]]; e >= 0; e = next[e]) {
            const distance = popcount32(g.hashes[2 * e] ^ hi) + popcount32(g.hashes[2 * e + 1] ^ lo);
            const order = gi * this.#capacity + e;
            if (distance < bestDistance || (distance === bestDistance && order < bestOrder)) {
              bestValue = g.values[e];
              bestDistance = distance;
              bestOrder = order;
              // Equal hashes share every bucket and chains keep insertion order: the first met is the earliest.
              if (distance === 0) return { value: bestValue, distance };
            }
          }
        }
      }
    }
    return bestDistance <= this.#maxDistance ? { value: bestValue as T, distance: bestDistance } : undefined;
  }
}
