import { complaintFacts, degreeAdverbs, degreeUses, negators, scalars, scareQuotes, sentimentWords } from './lexicon.ts';
import type { Scan } from './scan.ts';
import type { Entry } from './vocabulary.ts';
import type { Category, Polarity } from './types.ts';

export type PolarityReading = {
  /** Positive is praise; the sum of every opinion word's weight after the rules below. */
  score: number;
  reasons: string[];
  /** Where the blame stands: offsets of the negative opinion words and complaint facts. */
  blame: number[];
  /** The topics of the complaint facts found (排队五个小时 is waiting_crowding). */
  facts: { category: Category; text: string; at: number }[];
};

/** A text needs this much net opinion to be more than neutral. */
const polarityThreshold = 0.6;

export function polarityOf(score: number): Polarity {
  if (score >= polarityThreshold) return 'positive';
  if (score <= -polarityThreshold) return 'negative';
  return 'neutral';
}

/** A negator reaches this many words ahead (不是很满意, 没有一个人管). */
const negationReach = 3;
/** A degree adverb reaches this many words ahead. */
const modifierReach = 2;
/** Negated praise is nearly as strong as blame (不满意); negated blame is only mild praise (不差). */
const negatedPraise = 0.9;
const negatedBlame = 0.6;
/** What follows a contrast weighs this much more, what came before it in the sentence this much less. */
const afterContrast = 1.5;
const beforeContrast = 0.5;
/** An aspect and a scalar (费用 + 高) weigh a little more than a plain opinion word. */
const aspectWeight = 1.2;
const ironyDegree = 1.3;
const emoticonCap = 3;
const maxReasons = 10;

type PolarityEntry = Extract<Entry, { kind: 'sentiment' | 'negator' | 'degree' | 'contrast' | 'irony' | 'aspect' | 'scalar' }>;

/** The longest lexicon hit at one word; hits of equal length share it (快 is both praise and a scalar). */
class Unit {
  sentiment: Extract<Entry, { kind: 'sentiment' }> | undefined;
  negator: Extract<Entry, { kind: 'negator' }> | undefined;
  degree: Extract<Entry, { kind: 'degree' }> | undefined;
  contrast = false;
  irony: string | undefined;
  aspect: number | undefined;
  scalar: Extract<Entry, { kind: 'scalar' }> | undefined;
  constructor(readonly end: number) {}

  take(e: PolarityEntry) {
    switch (e.kind) {
      case 'sentiment':
        this.sentiment = e;
        break;
      case 'negator':
        this.negator = e;
        break;
      case 'degree':
        this.degree = e;
        break;
      case 'contrast':
        this.contrast = true;
        break;
      case 'irony':
        this.irony = e.word;
        break;
      case 'aspect':
        this.aspect = e.sign;
        break;
      case 'scalar':
        this.scalar = e;
        break;
    }
  }
}

function isPolarityEntry(e: Entry): e is PolarityEntry {
  return e.kind === 'sentiment' || e.kind === 'negator' || e.kind === 'degree' || e.kind === 'contrast' || e.kind === 'irony' || e.kind === 'aspect' || e.kind === 'scalar';
}

type Parts = { prefix: string; negation: number; degree: number; rest: string };

/** One-character negators and degree adverbs (不, 太), and the first two characters of two-character ones (有点). */
const singleModifiers = new Set([...negators.keys(), ...degreeAdverbs.keys()].filter((w) => w.length === 1).map((w) => w.charCodeAt(0)));
const doubleModifiers = new Set([...negators.keys(), ...degreeAdverbs.keys()].filter((w) => w.length === 2));

/** A word jieba keeps whole though it is a negator or a degree adverb glued to an opinion word: 不差, 太少. */
function decompose(word: string): Parts | undefined {
  if (word.length >= 3 && doubleModifiers.has(word.slice(0, 2))) {
    const parts = cut(word, 2);
    if (parts) return parts;
  }
  return singleModifiers.has(word.charCodeAt(0)) ? cut(word, 1) : undefined;
}

function cut(word: string, at: number): Parts | undefined {
  const rest = word.slice(at);
  if (!sentimentWords.has(rest) && !scalars.has(rest)) return undefined;
  const prefix = word.slice(0, at);
  const negation = negators.get(prefix);
  const degree = degreeAdverbs.get(prefix);
  return negation !== undefined || degree !== undefined ? { prefix, negation: negation ?? 0, degree: degree ?? 1, rest } : undefined;
}

/**
 * One pass over a text's words, clause by clause: negators turn the next opinion word, degree adverbs scale
 * it, a contrast makes the rest of the sentence outweigh its beginning, an aspect gives a scalar its tone
 * (费用高 vs 效率高), complaint facts count without opinion words (排队五个小时), and praise in scare quotes,
 * or after an irony frame in a text that otherwise complains, is sarcasm and counts as blame.
 */
class PolarityPass {
  readonly reasons: string[] = [];
  total = 0;
  /** Sum of the negative contributions alone: how much the text complains, whatever else it says. */
  complaint = 0;
  sentence = 0;
  contrasted = false;
  negation = 0;
  negator = '';
  negationAge = 0;
  degree = 1;
  degreeAge = 0;
  ironyOpen = false;
  irony = '';
  aspect = 0;
  readonly ironic: { value: number; label: string }[] = [];
  readonly blame: number[] = [];

  constructor(readonly s: Scan) {}

  reason(r: string) {
    if (this.reasons.length < maxReasons) this.reasons.push(r);
  }

  resetClause() {
    this.negation = 0;
    this.degree = 1;
    this.aspect = 0;
  }

  /** An irony frame reaches to the end of its sentence (不愧是滨江一院，服务真周到). */
  endSentence() {
    this.total += this.sentence;
    this.sentence = 0;
    this.contrasted = false;
    this.ironyOpen = false;
    this.resetClause();
  }

  opinion(weight: number, word: string, first: number, last: number) {
    const words = this.s.words;
    let value = weight * this.degree;
    if (this.negation) {
      value = value > 0 ? -value * negatedPraise * this.negation : -value * negatedBlame * this.negation;
      this.reason(`negation:${this.negator}+${word}`);
    }
    const quoted = first > 0 && scareQuotes.has(words[first - 1]) && last + 1 < words.length && scareQuotes.has(words[last + 1]);
    if (value > 0 && quoted) {
      value = -Math.max(value, 1.5);
      this.reason(`sarcasm:"${word}"`);
    } else if (value > 0 && this.ironyOpen) {
      this.ironic.push({ value: value * (this.contrasted ? afterContrast : 1), label: `${this.irony}+${word}` });
    } else if (!this.negation) {
      this.reason(`${value > 0 ? 'positive' : 'negative'}:${word}`);
    }
    if (this.contrasted) value *= afterContrast;
    if (value < 0) {
      this.complaint += value;
      this.blame.push(this.s.starts[first]);
    }
    this.sentence += value;
    this.negation = 0;
    this.degree = 1;
    this.ironyOpen = false;
  }

  /** A word with no lexicon hit: maybe a glued negator/degree + opinion word; otherwise modifiers age. */
  plainWord(i: number) {
    const word = this.s.words[i];
    const parts = word.length >= 2 ? decompose(word) : undefined;
    if (parts) {
      if (parts.negation) {
        this.negation = this.negation ? 0 : parts.negation;
        this.negator = parts.prefix;
      }
      this.degree *= parts.degree;
      const scalar = scalars.get(parts.rest);
      if (scalar !== undefined && this.aspect) this.opinion(this.aspect * scalar * aspectWeight, word, i, i);
      else if (sentimentWords.has(parts.rest)) this.opinion(sentimentWords.get(parts.rest)!, word, i, i);
      return;
    }
    if (this.negation && ++this.negationAge > negationReach) this.negation = 0;
    if (this.degree !== 1 && ++this.degreeAge > modifierReach) this.degree = 1;
  }

  degreeUse(word: string, last: number): boolean {
    const next = this.s.words[last + 1];
    return next !== undefined && degreeUses.get(word)?.includes(next[0]) === true;
  }

  unit(u: Unit, i: number, last: number) {
    if (u.scalar && this.aspect) this.opinion(this.aspect * u.scalar.sign * aspectWeight, u.scalar.word, i, last);
    else if (u.sentiment && !this.degreeUse(u.sentiment.word, last)) this.opinion(u.sentiment.weight, u.sentiment.word, i, last);
    else if (u.contrast) {
      this.sentence *= beforeContrast;
      this.contrasted = true;
      this.resetClause();
    } else if (u.negator) {
      this.negation = this.negation ? 0 : u.negator.strength;
      this.negator = u.negator.word;
      this.negationAge = 0;
      if (u.negator.strength < 1) this.degree *= u.negator.strength;
    } else if (u.irony) {
      this.ironyOpen = true;
      this.irony = u.irony;
      this.degree *= ironyDegree;
      this.degreeAge = 0;
    } else if (u.degree) {
      this.degree *= u.degree.factor;
      this.degreeAge = 0;
    }
    if (u.aspect !== undefined) this.aspect = u.aspect;
  }
}

function includedIn(this: string, needle: string): boolean {
  return this.includes(needle);
}

export function readPolarity(s: Scan, emoticons: { symbol: string; weight: number }[]): PolarityReading {
  const units: (Unit | undefined)[] = new Array(s.words.length);
  for (const hit of s.hits) {
    if (!isPolarityEntry(hit.value)) continue;
    const i = s.wordAt[hit.start];
    const unit = units[i];
    if (!unit || hit.end > unit.end) (units[i] = new Unit(hit.end)).take(hit.value);
    else if (hit.end === unit.end) unit.take(hit.value);
  }

  const pass = new PolarityPass(s);
  for (let i = 0; i < s.words.length; i++) {
    if (s.sentenceBreak[i]) pass.endSentence();
    else if (s.clauseBreak[i]) pass.resetClause();
    const unit = units[i];
    if (!unit) {
      pass.plainWord(i);
      continue;
    }
    const last = s.wordAt[unit.end] - 1;
    pass.unit(unit, i, last);
    i = last;
  }
  pass.endSentence();

  const facts: PolarityReading['facts'] = [];
  for (const fact of complaintFacts) {
    if (!fact.needs.some(includedIn, s.text)) continue;
    const m = fact.pattern.exec(s.text);
    if (!m) continue;
    pass.total += fact.weight;
    pass.complaint += fact.weight;
    pass.blame.push(m.index);
    facts.push({ category: fact.category, text: m[0], at: m.index });
    pass.reason(`fact:${m[0]}`);
  }

  if (emoticons.length) {
    let faces = 0;
    let shown = '';
    for (let k = 0; k < emoticons.length; k++) {
      faces += emoticons[k].weight;
      if (k < 3) shown += emoticons[k].symbol;
    }
    faces = Math.max(-emoticonCap, Math.min(emoticonCap, faces));
    pass.total += faces;
    if (faces < 0) pass.complaint += faces;
    pass.reason(`emoticon:${shown}`);
  }

  // Ironic praise turns into blame only when the rest of the text complains.
  const sarcastic = pass.complaint <= -1;
  for (const { value, label } of pass.ironic) {
    if (sarcastic) {
      pass.total -= 2 * value;
      pass.complaint -= value;
    }
    pass.reason(`${sarcastic ? 'sarcasm' : 'positive'}:${label}`);
  }
  return { score: pass.total, reasons: pass.reasons, blame: pass.blame, facts };
}
