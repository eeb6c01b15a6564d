/**
 * Alert rules as data, and their evaluation: pure functions of a rule, a mention's analysis and the size of its
 * cluster's recent growth. The services feed them rows; nothing here touches the database or the clock.
 */
import { normalizeForMatching, TermMatcher } from '../../../../../packages/text/src/index.ts';
import type { Role } from '../org/roles.ts';

/** 预警等级 of opinion-risk.md: 1 蓝, 2 黄, 3 橙, 4 红. */
export const alertLevels = [1, 2, 3, 4] as const;
export type AlertLevel = (typeof alertLevels)[number];

export const levelNames: Record<AlertLevel, { 'zh-CN': string; en: string }> = {
  1: { 'zh-CN': '蓝色', en: 'blue' },
  2: { 'zh-CN': '黄色', en: 'yellow' },
  3: { 'zh-CN': '橙色', en: 'orange' },
  4: { 'zh-CN': '红色', en: 'red' },
};

/** Levels that quiet hours never hold back (橙, 红). */
export const urgentLevel: AlertLevel = 3;

/** "HH:MM", Beijing time. */
export type ClockTime = string;

export type AlertRuleSpec = {
  /** Alert on a mention about the hospital whose risk is at or above this level. */
  minLevel: AlertLevel | null;
  /** Alert when a cluster gains `mentions` mentions within `minutes`; the alert is at least `level`. */
  growth: { mentions: number; minutes: number; level: AlertLevel } | null;
  /** Words that always alert, whatever the analysis says; the alert is at least `level`. */
  keywords: { terms: string[]; level: AlertLevel } | null;
  /** Notifications below 橙 raised in this window wait for its end; the console still shows them at once. */
  quietHours: { start: ClockTime; end: ClockTime } | null;
  /** An open alert nobody acknowledged within `afterMinutes` goes to these roles and channels (红 goes at once). */
  escalation: { afterMinutes: number; roles: Role[]; channelIds: number[] } | null;
};

/** What evaluation needs of a mention (the analysis of opinion-risk.md). */
export type MentionFacts = { aboutHospital: boolean; risk: number; title: string; text: string; author: string | null };

export type TriggerReason =
  | { kind: 'level'; risk: number }
  | { kind: 'growth'; mentions: number; minutes: number }
  | { kind: 'keyword'; terms: string[] };

export type RuleTrigger = { level: AlertLevel; reasons: TriggerReason[] };

/** Who is told when an alert is not acknowledged in time, unless a rule says otherwise. */
export const defaultEscalationRoles: readonly Role[] = ['leader'];

export const asLevel = (risk: number): AlertLevel | null => (risk >= 1 && risk <= 4 ? (Math.trunc(risk) as AlertLevel) : null);

const maxLevel = (a: AlertLevel, b: AlertLevel | null): AlertLevel => (b !== null && b > a ? b : a);

/** A rule ready to run over many mentions: its keywords compiled once into a matcher over normalised text. */
export class CompiledRule {
  readonly #matcher: TermMatcher<string> | null;

  constructor(readonly spec: AlertRuleSpec) {
    const terms = spec.keywords?.terms.filter((t) => t.trim()) ?? [];
    this.#matcher = terms.length ? new TermMatcher(terms.map((term) => ({ term, value: term }))) : null;
  }

  /** The rule's keywords found in the mention (traditional/full-width/dodged spellings included), each once. */
  keywordHits(mention: Pick<MentionFacts, 'title' | 'text' | 'author'>): string[] {
    if (!this.#matcher) return [];
    const text = normalizeForMatching([mention.title, mention.text, mention.author ?? ''].join('\n')).text;
    return [...new Set(this.#matcher.findAll(text).map((m) => m.value))];
  }

  /**
   * Whether this mention raises (or joins as a trigger) an alert, and at what level. `clusterCount` is the number of
   * mentions its cluster gained in the rule's growth window, ending at this mention (null when the rule has no growth).
   */
  evaluate(mention: MentionFacts, clusterCount: number | null): RuleTrigger | null {
    const { spec } = this;
    const reasons: TriggerReason[] = [];
    let level: AlertLevel | null = null;
    const risk = mention.aboutHospital ? asLevel(mention.risk) : null;
    if (spec.minLevel !== null && risk !== null && risk >= spec.minLevel) {
      reasons.push({ kind: 'level', risk });
      level = risk;
    }
    if (spec.growth && mention.aboutHospital && clusterCount !== null && clusterCount >= spec.growth.mentions) {
      reasons.push({ kind: 'growth', mentions: clusterCount, minutes: spec.growth.minutes });
      level = maxLevel(maxLevel(spec.growth.level, risk), level);
    }
    const hits = this.keywordHits(mention);
    if (spec.keywords && hits.length) {
      reasons.push({ kind: 'keyword', terms: hits });
      level = maxLevel(maxLevel(spec.keywords.level, risk), level);
    }
    return level === null ? null : { level, reasons };
  }
}

/**
 * The level of an open alert after a mention of its cluster joins it: later mentions raise it (a repost that is
 * riskier than the first post), never lower it.
 */
export function levelAfter(current: AlertLevel, mention: Pick<MentionFacts, 'aboutHospital' | 'risk'>, trigger: RuleTrigger | null): AlertLevel {
  const risk = mention.aboutHospital ? asLevel(mention.risk) : null;
  return maxLevel(maxLevel(current, risk), trigger?.level ?? null);
}

// Beijing time has had no daylight saving since 1991: a fixed offset is exact and needs no time-zone database.
const beijingOffsetMs = 8 * 3_600_000;
const dayMs = 86_400_000;

export const parseClockTime = (time: ClockTime): number | null => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
};

/**
 * When the quiet period `at` falls in ends, or null when `at` is not quiet. A window whose end is before its start
 * runs overnight (22:00–07:00).
 */
export function quietHoursEnd(quiet: AlertRuleSpec['quietHours'], at: Date): Date | null {
  if (!quiet) return null;
  const start = parseClockTime(quiet.start);
  const end = parseClockTime(quiet.end);
  if (start === null || end === null || start === end) return null;
  const local = at.getTime() + beijingOffsetMs;
  const minute = Math.floor((local % dayMs) / 60_000);
  const quietNow = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!quietNow) return null;
  let endLocal = Math.floor(local / dayMs) * dayMs + end * 60_000;
  if (endLocal <= local) endLocal += dayMs;
  return new Date(endLocal - beijingOffsetMs);
}

/** Until when external notifications of an alert at `level` wait (quiet hours), or null to send now; 橙/红 never wait. */
export function notificationHeldUntil(spec: Pick<AlertRuleSpec, 'quietHours'>, level: AlertLevel, at: Date): Date | null {
  return level >= urgentLevel ? null : quietHoursEnd(spec.quietHours, at);
}

/** When an alert that became open (or rose) at `from` escalates if nobody acknowledges it: 红 at once. */
export function escalationDueAt(spec: Pick<AlertRuleSpec, 'escalation'>, level: AlertLevel, from: Date): Date | null {
  if (level === 4) return from;
  return spec.escalation ? new Date(from.getTime() + spec.escalation.afterMinutes * 60_000) : null;
}

/** Human-readable trigger reasons for messages and the console. */
export function describeReason(reason: TriggerReason): { 'zh-CN': string; en: string } {
  switch (reason.kind) {
    case 'level': {
      const level = asLevel(reason.risk)!;
      return { 'zh-CN': `风险等级达到${levelNames[level]['zh-CN']}`, en: `risk reached ${levelNames[level].en}` };
    }
    case 'growth':
      return { 'zh-CN': `${reason.minutes} 分钟内新增 ${reason.mentions} 条相关信息`, en: `${reason.mentions} mentions within ${reason.minutes} minutes` };
    case 'keyword':
      return { 'zh-CN': `命中关键词：${reason.terms.join('、')}`, en: `keywords: ${reason.terms.join(', ')}` };
  }
}
