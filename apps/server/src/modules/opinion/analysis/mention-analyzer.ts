import { normalizeForMatching } from '../../../../../../packages/text/src/normalize.ts';
import { createSegmenter, frequentWords, type Segmenter } from '../../../../../../packages/text/src/segment.ts';
import { featureHash, simhashOfHashes, type SimHash } from '../../../../../../packages/text/src/simhash.ts';
import { polarityClassifier, type PolarityClassifier, type PolarityModel } from './classifier.ts';
import { ClusterTracker, clusterRisk } from './cluster.ts';
import { grade } from './grading.ts';
import { polarityOf, readPolarity } from './polarity.ts';
import { handleReplacer, prepareMention, repostMark } from './prepare.ts';
import { judgeRelevance, type RelevanceContext } from './relevance.ts';
import { scan } from './scan.ts';
import type { TermTrie } from './term-trie.ts';
import type { Category, HospitalProfile, MentionAnalysis, MentionInput, Polarity, RiskLevel } from './types.ts';
import { buildVocabulary, watchTerms, type Entry, type WatchTerm } from './vocabulary.ts';

export type AnalysisSettings = {
  /** The hospital's classifier trained on its officers' corrections; it overrides the lexicon's polarity when sure. */
  polarityModel?: PolarityModel;
  /** How sure the classifier must be (posterior probability) to override; 0.9 by default. */
  modelMinProbability?: number;
};

/** How sure the hospital's classifier must be, unless told otherwise, to override the lexicon's polarity. */
export const defaultMinProbability = 0.9;

/**
 * One mention read in isolation (in any thread); its cluster, and the raise a growing cluster gives its
 * risk, are settled afterwards in arrival order by `settle`.
 */
export type MentionReading = {
  id: string | number;
  about: boolean;
  polarity: Polarity;
  risk: RiskLevel;
  category: Category;
  reasons: string[];
  clusterCap: RiskLevel;
  /** SimHash halves; signed is false for a text too short to compare. */
  hi: number;
  lo: number;
  signed: boolean;
  at: number | undefined;
  reach: number;
  sourceWeight: number;
};

/** Words tagged so far (the words before a generic name), kept up to this many. */
const placeTagsMax = 10_000;

/** Fewer words than this and two unrelated texts look alike: such a mention is its own cluster. */
const minClusterWords = 4;

/** A word of letters or digits (Han, Latin, digits, other scripts), not punctuation, space or symbols. */
function isContentWord(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
  // General punctuation, CJK symbols and punctuation, full-width forms.
  if ((c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xfe30 && c <= 0xffef)) return false;
  return contentStart.test(word);
}

const contentStart = /^[\p{L}\p{N}]/u;

/** Words of nearly every text (医院, 我们, 检查): jieba's dictionary words used at least this often. */
const frequentWordCount = 3000;
let frequentHashes: number[] | undefined;

const OWN_NAME = 1;
const FREQUENT = 2;

/**
 * The words whose SimHash weight is not that of ordinary words, by featureHash, in a small open-addressing
 * table (32 KB stays in cache; a table indexed by the hash itself would miss it on every word): the
 * hospital's own names (every mention shares them; they would make any two short mentions look alike) and
 * frequent words (weighed like the rest they would set the same bits in every signature, making unrelated
 * mentions look alike and index buckets crowded; left out of short texts, too few words would remain).
 */
class WordKinds {
  readonly #hashes: Uint32Array;
  readonly #kinds: Uint8Array;
  readonly #shift: number;

  constructor(ownNames: Iterable<string>) {
    const entries = new Map<number, number>();
    for (const hash of (frequentHashes ??= [...frequentWords(frequentWordCount)].map(featureHash))) entries.set(hash, FREQUENT);
    for (const name of ownNames) entries.set(featureHash(name), OWN_NAME);
    let bits = 4;
    while (1 << bits < entries.size * 2) bits++;
    this.#hashes = new Uint32Array(1 << bits);
    this.#kinds = new Uint8Array(1 << bits);
    this.#shift = 32 - bits;
    for (const [hash, kind] of entries) {
      let slot = this.#slot(hash);
      while (this.#kinds[slot]) slot = (slot + 1) & (this.#kinds.length - 1);
      this.#hashes[slot] = hash;
      this.#kinds[slot] = kind;
    }
  }

  #slot(hash: number): number {
    return Math.imul(hash, 0x9e3779b1) >>> this.#shift;
  }

  /** OWN_NAME, FREQUENT, or 0 for an ordinary word. */
  of(hash: number): number {
    for (let slot = this.#slot(hash); ; slot = (slot + 1) & (this.#kinds.length - 1)) {
      const kind = this.#kinds[slot];
      if (!kind || this.#hashes[slot] === hash) return kind;
    }
  }
}

/** Ordinary words enough that frequent ones add nothing to tell a text from another. */
const enoughWords = 24;
const featureHashes = new Uint32Array(4096);
const featureWeights = new Float64Array(4096);
const frequentFound = new Uint32Array(4096);

/**
 * The words a repost is compared by: the longest part of its //@ chain, which is what it reposts (a comment
 * of two words must not move it away from the story); all the words of any other mention.
 */
function repostedPart(words: string[]): { from: number; to: number } {
  let best = { from: 0, to: words.length };
  let bestLength = -1;
  let from = 0;
  let length = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && words[i] !== repostMark) {
      length += words[i].length;
      continue;
    }
    if (from === 0 && i === words.length) return best;
    if (length > bestLength) {
      best = { from, to: i };
      bestLength = length;
    }
    from = i + 1;
    length = 0;
  }
  return best;
}

/**
 * The SimHash of a mention's words of two characters or more (rewrites change the particles, 的 了 其 对,
 * first), longer words weighing more as they are rarer; frequent words weigh 1 and count only in a short
 * text; the hospital's names do not count.
 */
function signature(words: string[], kinds: WordKinds): SimHash | undefined {
  let count = 0;
  let frequent = 0;
  const { from, to } = repostedPart(words);
  for (let i = from; i < to; i++) {
    const w = words[i];
    if (w.length < 2 || count === featureHashes.length || !isContentWord(w)) continue;
    const hash = featureHash(w);
    const kind = kinds.of(hash);
    if (kind === OWN_NAME) continue;
    if (kind === FREQUENT) {
      if (frequent < frequentFound.length) frequentFound[frequent++] = hash;
      continue;
    }
    const n = Math.min(w.length, 4);
    featureHashes[count] = hash;
    featureWeights[count++] = n * n;
  }
  if (count < enoughWords) {
    for (let f = 0; f < frequent && count < featureHashes.length; f++) {
      featureHashes[count] = frequentFound[f];
      featureWeights[count++] = 1;
    }
  }
  return count >= minClusterWords ? simhashOfHashes(featureHashes, featureWeights, count) : undefined;
}

/** The words a classifier sees: the content words and the emoticons. */
function modelWords(content: string[], emoticons: { symbol: string }[]): string[] {
  return emoticons.length ? [...content, ...emoticons.map((e) => e.symbol)] : content;
}

/**
 * The analysis for one hospital, compiled once per thread: jieba with the hospital's names as words, and
 * every dictionary (lexicon, categories, markers, watch rules) in one trie.
 */
export class MentionAnalyzer {
  readonly #segmenter: Segmenter;
  readonly #vocabulary: TermTrie<Entry>;
  readonly #relevance: RelevanceContext;
  readonly #watch: WatchTerm[];
  readonly #classify: PolarityClassifier | undefined;
  readonly #minProbability: number;
  readonly #placeTags = new Map<string, string>();
  readonly #handles: (match: string, name: string) => string;
  readonly #kinds: WordKinds;

  constructor(profile: HospitalProfile, settings: AnalysisSettings = {}) {
    this.#watch = watchTerms(profile);
    this.#segmenter = createSegmenter(this.#watch.map((w) => w.word));
    this.#vocabulary = buildVocabulary(this.#watch);
    const own = this.#watch.filter((w) => w.watch === 'name' || w.watch === 'campus' || (w.watch === 'alias' && w.ambiguity === 'distinctive'));
    this.#relevance = {
      tagOf: (word) => {
        let tag = this.#placeTags.get(word);
        if (tag === undefined) {
          const tagged = this.#segmenter.tag(word);
          tag = tagged.length === 1 ? tagged[0].tag : '';
          if (this.#placeTags.size >= placeTagsMax) this.#placeTags.clear();
          this.#placeTags.set(word, tag);
        }
        return tag;
      },
      ownNames: own.map((w) => w.word).join('|'),
      authorNames: own,
    };
    this.#classify = settings.polarityModel ? polarityClassifier(settings.polarityModel) : undefined;
    this.#minProbability = settings.modelMinProbability ?? defaultMinProbability;
    const named = this.#watch.filter((w) => w.watch !== 'exclude' && w.watch !== 'department');
    this.#kinds = new WordKinds(named.filter((w) => w.watch !== 'staff').map((w) => w.word));
    this.#handles = handleReplacer((handle) => {
      const name = normalizeForMatching(handle).text;
      return named.some((w) => name.includes(w.word));
    });
  }

  #scan(mention: MentionInput) {
    const prepared = prepareMention(mention, this.#handles);
    const normalized = normalizeForMatching(prepared.text);
    const words = this.#segmenter.cutDictionaryWords(normalized.text);
    return { prepared, s: scan(normalized, words, this.#vocabulary) };
  }

  /** The words a classifier sees: the content words of the normalized, segmented text, and its emoticons. */
  words(mention: MentionInput): string[] {
    const { prepared, s } = this.#scan(mention);
    return modelWords(s.words.filter(isContentWord), prepared.emoticons);
  }

  read(mention: MentionInput): MentionReading {
    return this.readWith(mention, { classify: this.#classify, minProbability: this.#minProbability });
  }

  /**
   * The reading with another classifier (or none) in place of the analyzer's own, on the same compiled dictionaries:
   * how a candidate model is evaluated against the lexicon alone without compiling the analysis once per fold.
   */
  readWith(mention: MentionInput, model: { classify?: PolarityClassifier; minProbability?: number }): MentionReading {
    const { prepared, s } = this.#scan(mention);
    const relevance = judgeRelevance(s, prepared.author && normalizeForMatching(prepared.author).text, this.#relevance);
    const reading = readPolarity(s, prepared.emoticons);
    let polarity = polarityOf(reading.score);
    const modelReasons: string[] = [];
    const predicted = model.classify?.(modelWords(s.words.filter(isContentWord), prepared.emoticons));
    if (predicted && predicted.probability >= (model.minProbability ?? defaultMinProbability)) {
      polarity = predicted.polarity;
      modelReasons.push(`model:${predicted.polarity}(${predicted.probability.toFixed(2)})`);
    }
    const graded = grade(s, { about: relevance.about, polarity, reading, reach: prepared.reach, sourceWeight: prepared.sourceWeight, namedStaff: relevance.namedStaff });
    const signed = signature(s.words, this.#kinds);
    return {
      id: mention.id,
      about: relevance.about,
      polarity: graded.polarity,
      risk: graded.risk,
      category: graded.category,
      reasons: [...relevance.reasons, ...reading.reasons, ...modelReasons, ...graded.reasons],
      clusterCap: graded.clusterCap,
      hi: signed?.hi ?? 0,
      lo: signed?.lo ?? 0,
      signed: signed !== undefined,
      at: prepared.publishedAt,
      reach: prepared.reach,
      sourceWeight: prepared.sourceWeight,
    };
  }
}

/**
 * Puts a reading into its near-duplicate cluster (in arrival order) and lets the cluster's growth raise the
 * risk of a complaint about the hospital, up to the reading's cap.
 */
export function settle(reading: MentionReading, clusters: ClusterTracker, now: number): MentionAnalysis {
  const { cluster, growth } = clusters.assign(reading.id, {
    signature: reading.signed ? { hi: reading.hi, lo: reading.lo } : undefined,
    at: reading.at ?? now,
    reach: reading.reach,
    sourceWeight: reading.sourceWeight,
  });
  let risk = reading.risk;
  const reasons = reading.reasons;
  if (reading.clusterCap > risk && cluster.size > 1) {
    const raised = clusterRisk(cluster, growth);
    const level = Math.min(raised.risk, reading.clusterCap) as RiskLevel;
    if (level > risk) {
      risk = level;
      reasons.push(raised.reason);
    }
  }
  return { id: reading.id, about_hospital: reading.about, polarity: reading.polarity, risk, category: reading.category, cluster: cluster.id, reasons };
}

