import type { PolarityReading } from './polarity.ts';
import type { Marker } from './risk-terms.ts';
import type { Scan } from './scan.ts';
import type { Category, Polarity, RiskLevel } from './types.ts';

export type Grade = {
  polarity: Polarity;
  risk: RiskLevel;
  category: Category;
  reasons: string[];
  /** How high the near-duplicate cluster's growth may still raise the risk (0: not at all). */
  clusterCap: RiskLevel;
};

export type GradeInput = {
  about: boolean;
  /** The tone read by the lexicon (or the hospital's trained classifier). */
  polarity: Polarity;
  /** Where the lexicon found blame, and the complaint facts it read. */
  reading: Pick<PolarityReading, 'blame' | 'facts'>;
  /** Reposts + comments + repost-chain links. */
  reach: number;
  /** 3 when central media wrote it. */
  sourceWeight: number;
  namedStaff: string | undefined;
};

/** A post with this reach is spreading (黄); with the second, it is clearly going viral (橙). */
const growingReach = 100;
const viralReach = 1000;
/** A topic word this close (in characters) to a word of blame is what the complaint is about. */
const blameReach = 10;

/** fact: a complaint stated as a fact (排队五个小时), which says more about the topic than one word. */
type EventHit = { category: Category; risk: RiskLevel; word: string; at: number; fact?: boolean };

const positiveCategories: Category[] = ['praise_staff', 'medical_achievement', 'public_service_event'];
const informational: Category[] = ['policy_news', 'medical_achievement', 'public_service_event'];
const isPositive = (e: EventHit) => positiveCategories.includes(e.category);
const isInformational = (e: EventHit) => informational.includes(e.category);
/** Topics of everyday life at the hospital (parking, queues), whatever the tone. */
const isTopical = (e: EventHit) => e.risk <= 1;
const isRoutine = (e: EventHit) => e.risk === 0;
const isPolicy = (e: EventHit) => e.category === 'policy_news';
const isComplaint = (e: EventHit) => e.risk === 1;
const isAllegation = (e: EventHit) => e.category === 'malpractice_injury' || e.category === 'medical_dispute';
const thirdParty: Marker[] = ['official_investigation', 'media_investigation', 'police', 'national_media'];

/**
 * The category among the allowed hits that scores most: one point a hit, three more when it stands by a word
 * of blame (态度不差，就是排队时间有点长 is about the queue), a complaint fact counting double; the first hit breaks ties.
 */
function topic(events: EventHit[], allowed: (e: EventHit) => boolean, blame: number[] = []): EventHit | undefined {
  const scores = new Map<Category, { score: number; first: EventHit }>();
  for (const e of events) {
    if (!allowed(e)) continue;
    let score = e.fact ? 2 : 1;
    for (const b of blame) if (Math.abs(b - e.at) <= blameReach) score += 3;
    const c = scores.get(e.category);
    if (c) c.score += score;
    else scores.set(e.category, { score, first: e });
  }
  let best: { score: number; first: EventHit } | undefined;
  for (const c of scores.values()) if (!best || c.score > best.score) best = c;
  return best?.first;
}

const max = (a: RiskLevel, b: RiskLevel): RiskLevel => (a > b ? a : b);

function mark(reasons: string[], markers: Map<Marker, string>, m: Marker) {
  reasons.push(`${m.replace('_', '-')}:${markers.get(m)}`);
}

/** Category words and markers found; of event words starting at one place, only the longest (医疗损害责任, not 医疗损害). */
function findings(s: Scan, facts: PolarityReading['facts']) {
  const events: EventHit[] = [];
  const markers = new Map<Marker, string>();
  let lastStart = -1;
  for (const hit of s.hits) {
    const e = hit.value;
    if (e.kind === 'event') {
      const event = { category: e.category, risk: e.risk, word: e.word, at: hit.start };
      // Hits come by start, shorter first: a longer one at the same start replaces the shorter.
      if (hit.start === lastStart) events[events.length - 1] = event;
      else events.push(event);
      lastStart = hit.start;
    } else if (e.kind === 'marker' && !markers.has(e.marker)) markers.set(e.marker, e.word);
  }
  for (const f of facts) events.push({ category: f.category, risk: 1, word: f.text, at: f.at, fact: true });
  return { events, markers };
}

/**
 * Category, risk level and the final polarity per docs/opinion-risk.md: risk follows the gravest event named
 * (not the tone of one post) for every mention that is not positive; the hospital's own statements are
 * neutral and keep the event's risk; reports of wrongdoing or of a grave event by others are negative; a
 * refutation is a neutral rumour at 1 or 2; an unverified claim is a negative rumour at 2-4 by what it claims
 * and how it spreads; reports that close an event are 2; evidence, repetition, a named staff member, reach,
 * police, the press and investigations raise a complaint's level; the hospital's achievements and public
 * service, told without complaint, are positive. A mention not about the hospital is unrelated at 0.
 */
export function grade(s: Scan, input: GradeInput): Grade {
  const reasons: string[] = [];
  const { events, markers } = findings(s, input.reading.facts);

  let polarity = input.polarity;
  if (markers.has('refutation')) {
    polarity = 'neutral';
    mark(reasons, markers, 'refutation');
  }
  if (!input.about) return { polarity, risk: 0, category: 'unrelated', reasons, clusterCap: 0 };

  const unverified = markers.has('rumor_spreading') || markers.has('hearsay');
  const allegation = polarity === 'negative' || unverified || events.some(isAllegation);
  // A death is a red event when it is blamed on the hospital; otherwise it is news, not a risk.
  for (const e of events) if (e.category === 'death' && !allegation) e.risk = 0;
  let gravest: EventHit | undefined;
  for (const e of events) if (!gravest || e.risk > gravest.risk) gravest = e;
  const eventRisk: RiskLevel = gravest?.risk ?? 0;
  const national = markers.has('national_media') || input.sourceWeight === 3;

  if (markers.has('refutation')) {
    const serious = eventRisk >= 3 || input.reach >= growingReach || national;
    reasons.push(`rumor:${serious ? 'serious or widespread' : 'local'}`);
    return { polarity, risk: serious ? 2 : 1, category: 'rumor', reasons, clusterCap: 2 };
  }

  const statement = markers.has('statement');
  if (statement) {
    polarity = 'neutral';
    mark(reasons, markers, 'statement');
  }
  let thirdPartyReport: Marker | undefined;
  for (const m of thirdParty) if (!thirdPartyReport && markers.has(m)) thirdPartyReport = m;
  const closing = markers.has('closing');
  if (!statement && !closing && polarity !== 'negative' && gravest && (eventRisk >= 3 || (thirdPartyReport && eventRisk >= 2))) {
    polarity = 'negative';
    reasons.push(thirdPartyReport ? `report-of-wrongdoing:${markers.get(thirdPartyReport)}` : `bad-news:${gravest.word}`);
  }

  if (polarity === 'neutral' && !statement && eventRisk === 0 && !events.some(isPolicy)) {
    const good = topic(events, isPositive);
    // Praise words alone (耐心, 专业) also fill notices (请耐心等待); achievements and public service do not.
    if (good && good.category !== 'praise_staff') {
      polarity = 'positive';
      reasons.push(`good-news:${good.word}`);
    }
  }

  if (polarity === 'positive') {
    const subject = topic(events, isPositive) ?? topic(events, isTopical);
    return { polarity, risk: 0, category: subject?.category ?? 'praise_staff', reasons, clusterCap: 0 };
  }

  // What goes round online (网传) about the hospital is a rumour whatever its tone; word of mouth (听说) only
  // when it complains of something grave. Spread raises what it claims.
  if ((markers.has('rumor_spreading') && !statement) || (markers.has('hearsay') && polarity === 'negative' && eventRisk >= 2)) {
    polarity = 'negative';
    mark(reasons, markers, markers.has('rumor_spreading') ? 'rumor_spreading' : 'hearsay');
    if (gravest) reasons.push(`claim:${gravest.category}:${gravest.word}`);
    const spreading = markers.has('rumor_spreading') || input.reach >= growingReach;
    let risk: RiskLevel = eventRisk === 4 ? 4 : eventRisk === 3 && spreading ? 3 : 2;
    if (input.reach >= viralReach) risk = max(risk, 3);
    return { polarity, risk, category: 'rumor', reasons, clusterCap: 3 };
  }

  if (polarity === 'neutral' && !statement && !closing && eventRisk < 3) {
    const subject = topic(events, isInformational) ?? topic(events, isRoutine);
    return { polarity, risk: 0, category: subject?.category ?? 'policy_news', reasons, clusterCap: 0 };
  }

  let category: Category;
  let risk: RiskLevel;
  if (eventRisk >= 2) {
    category = gravest!.category;
    risk = eventRisk;
    reasons.push(`event:${category}:${gravest!.word}`);
  } else {
    const subject = topic(events, isComplaint, input.reading.blame);
    category = subject?.category ?? (statement ? 'policy_news' : 'service_attitude');
    risk = statement && !subject ? 0 : 1;
    if (subject) reasons.push(`topic:${category}:${subject.word}`);
  }

  if (polarity === 'negative') {
    for (const m of ['evidence', 'repeated'] as Marker[]) {
      if (markers.has(m) && risk < 2) {
        risk = 2;
        mark(reasons, markers, m);
      }
    }
    if (input.namedStaff && risk < 2) {
      risk = 2;
      reasons.push(`named-staff:${input.namedStaff}`);
    }
    if (input.reach >= growingReach) {
      const level: RiskLevel = input.reach >= viralReach ? 3 : 2;
      if (risk < level) reasons.push(`reach:${input.reach}`);
      risk = max(risk, level);
    }
  }
  if (risk >= 1) {
    for (const m of ['police', 'media_investigation'] as Marker[]) {
      if (markers.has(m) && risk < 3) {
        risk = 3;
        mark(reasons, markers, m);
      }
    }
    if (markers.has('official_investigation') && risk < 4) {
      risk = eventRisk >= 2 || polarity === 'negative' ? 4 : 3;
      mark(reasons, markers, 'official_investigation');
    }
    if (national && polarity === 'negative' && risk >= 2 && risk < 4) {
      risk = 4;
      reasons.push(`national-media:${markers.get('national_media') ?? 'source'}`);
    }
  }
  if (closing && eventRisk >= 2) {
    risk = 2;
    mark(reasons, markers, 'closing');
  }
  return { polarity, risk, category, reasons, clusterCap: risk >= 1 ? 3 : 0 };
}
