import {
  findBankCards,
  findLandlines,
  findMedicalRecordNumbers,
  findMobileNumbers,
  findResidentIds,
  mobileDigits,
  normalizeForMatching,
  originalRange,
  TermMatcher,
  visibleText,
} from '../../../../../../packages/text/src/index.ts';
import type { CheckerConfig, ComplianceFinding, FindingCategory, Locale, Severity } from './compliance-types.ts';
import {
  clauseBreaks,
  comparisonPatterns,
  defaultLexicon,
  type DefaultLexiconEntry,
  negatingPrefixes,
  negationCues,
  negationTails,
  negationWindow,
  type PatternRule,
  rules,
} from './default-lexicon.ts';

type Field = ComplianceFinding['field'];
type Messages = Record<Locale, string>;

/** A lexicon entry as the matcher carries it, its context words normalized like the text they are compared with. */
type TermRule = {
  kind: 'finding';
  category: FindingCategory;
  severity: Severity;
  rule: string;
  suggestion: string | null;
  unlessFollowedBy: string[];
  unlessPrecededBy: string[];
};
/** An allow-listed word or one of the hospital's own names: whatever lies inside it is not a finding. */
type Shield = { kind: 'shield' };

/** A finding before it is mapped back to the text: offsets are in the normalized text. */
type Candidate = { start: number; end: number; category: FindingCategory; severity: Severity; rule: string; suggestion: string | null };

const severityRank: Record<Severity, number> = { block: 3, warn: 2, info: 1 };
const categoryOrder = new Map<FindingCategory, number>(
  (['privacy_id', 'privacy_record', 'privacy_bankcard', 'privacy_phone', 'medical_claim', 'ad_absolute', 'term_forbidden', 'sensitive'] as const).map((c, i) => [c, i]),
);

const privacyRule = '《个人信息保护法》第二十五条';
const sensitivePrivacyRule = '《个人信息保护法》第二十五条、第二十八条';

/** What makes each kind of finding one, keyed by the rule it cites, then by category for imported entries. */
const reasonsByRule = new Map<string, Messages>([
  [rules.superlatives, { 'zh-CN': '属于绝对化用语', en: 'is an absolute claim' }],
  [rules.evidence, { 'zh-CN': '是“首个”“唯一”一类的表述，须有可靠依据并注明出处', en: 'claims a first or an only, which needs evidence and a cited source' }],
  [rules.efficacyGuarantee, { 'zh-CN': '是对疗效的断言或保证', en: 'asserts or guarantees a cure or an effect' }],
  [rules.safetyAssertion, { 'zh-CN': '是对安全性的断言或保证', en: 'asserts or guarantees safety' }],
  [rules.cureRates, { 'zh-CN': '说明了治愈率或有效率', en: 'states a cure or efficacy rate' }],
  [rules.comparison, { 'zh-CN': '与其他医疗机构作比较', en: 'compares with other medical institutions' }],
  [rules.disparagement, { 'zh-CN': '贬低其他医疗机构', en: 'disparages other medical institutions' }],
  [rules.endorsement, { 'zh-CN': '利用专家、患者等的名义作推荐或证明', en: "uses experts' or patients' names as endorsement" }],
  [rules.superstition, { 'zh-CN': '含迷信、荒诞的表述', en: 'is superstitious or fantastic' }],
]);

const reasonsByCategory: Record<FindingCategory, Messages> = {
  ad_absolute: { 'zh-CN': '属于绝对化用语', en: 'is an absolute claim' },
  medical_claim: { 'zh-CN': '是对医疗效果的断言、保证或比较', en: 'asserts, guarantees or compares medical outcomes' },
  privacy_id: { 'zh-CN': '疑似居民身份证号码', en: 'Looks like a resident ID number' },
  privacy_phone: { 'zh-CN': '疑似个人手机号码', en: 'Looks like a personal mobile number' },
  privacy_record: { 'zh-CN': '疑似患者的住院号、病案号等就诊标识', en: "Looks like a patient's admission, record or card number" },
  privacy_bankcard: { 'zh-CN': '疑似银行卡号', en: 'Looks like a bank card number' },
  term_forbidden: { 'zh-CN': '是本院已停用的名称或说法', en: 'is a name or wording the hospital no longer uses' },
  sensitive: { 'zh-CN': '在敏感词库中', en: 'is in a sensitive-word lexicon' },
};

const actionsBySeverity: Record<Severity, Messages> = {
  block: { 'zh-CN': '，发布前须修改', en: '; change it before publication' },
  warn: { 'zh-CN': '，请核实后修改', en: '; review and rephrase it' },
  info: { 'zh-CN': '，请核实', en: '; verify it' },
};

const privacyAction: Messages = { 'zh-CN': '，发布前须删除或脱敏', en: '; remove or mask it before publication' };

const isPrivacy = (category: FindingCategory) => category.startsWith('privacy_');

function messageFor(c: Candidate, term: string, locale: Locale): string {
  const zh = locale === 'zh-CN';
  if (isPrivacy(c.category)) return `${reasonsByCategory[c.category][locale]}${privacyAction[locale]}${zh ? `（${c.rule}）` : ` (${c.rule})`}`;
  const reason = (c.category === 'term_forbidden' ? undefined : reasonsByRule.get(c.rule)) ?? reasonsByCategory[c.category];
  const action =
    c.category === 'term_forbidden' && c.suggestion
      ? { 'zh-CN': `，请改用“${c.suggestion}”`, en: `; use "${c.suggestion}" instead` }[locale]
      : actionsBySeverity[c.severity][locale];
  return zh ? `“${term}”${reason[locale]}${action}（${c.rule}）` : `"${term}" ${reason[locale]}${action} (${c.rule})`;
}

/** Digits and the X of an ID, half- or full-width as written. */
const maskable = /[0-9xX０-９ｘＸ]/g;

/** The number with the characters between the first `head` and the last `tail` digits (or X) starred. */
function maskDigits(term: string, head: number, tail: number): string {
  const total = term.match(maskable)?.length ?? 0;
  let seen = 0;
  return term.replace(maskable, (ch) => {
    seen++;
    return seen <= head || seen > total - tail ? ch : '*';
  });
}

function maskedSuggestion(category: FindingCategory, term: string): string | null {
  if (category === 'privacy_id') return maskDigits(term, 6, 4);
  if (category === 'privacy_phone') return maskDigits(term, (term.match(maskable)?.length ?? 0) - 8, 4);
  if (category === 'privacy_bankcard') return maskDigits(term, 4, 4);
  return null;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/**
 * The compliance check of 统一传播口径: built once per hospital from its lexicons, names and numbers (every
 * matcher compiled), then run on each draft. It reads normalized text, so traditional characters, full-width
 * forms and separators slipped inside a word are seen through, and reports positions in the text as written.
 */
export class ComplianceChecker {
  readonly #matcher: TermMatcher<TermRule | Shield>;
  readonly #patterns: PatternRule[];
  readonly #publicMobiles: Set<string>;
  readonly #negationCues: string[];
  readonly #negationTails: string[];
  readonly #clauseBreaks: Set<string>;

  private constructor(matcher: TermMatcher<TermRule | Shield>, patterns: PatternRule[], publicMobiles: Set<string>) {
    this.#matcher = matcher;
    this.#patterns = patterns;
    this.#publicMobiles = publicMobiles;
    this.#negationCues = negationCues.map(normalized);
    this.#negationTails = negationTails.map(normalized);
    this.#clauseBreaks = new Set(clauseBreaks);
  }

  static build(config: CheckerConfig): ComplianceChecker {
    const useDefaults = config.includeDefaultLexicon !== false;
    const lexicon: DefaultLexiconEntry[] = [...(useDefaults ? defaultLexicon : []), ...config.entries];
    const entries: { term: string; value: TermRule | Shield }[] = lexicon.map((e) => ({
      term: e.term,
      value: {
        kind: 'finding',
        category: e.category,
        severity: e.severity,
        rule: e.rule,
        suggestion: e.suggestion ?? null,
        unlessFollowedBy: (e.unlessFollowedBy ?? []).map(normalized),
        unlessPrecededBy: (e.unlessPrecededBy ?? []).map(normalized),
      },
    }));
    for (const f of config.forbiddenTerms) {
      entries.push({
        term: f.term,
        value: { kind: 'finding', category: 'term_forbidden', severity: 'warn', rule: f.rule ?? '本院术语表', suggestion: f.useInstead, unlessFollowedBy: [], unlessPrecededBy: [] },
      });
    }
    const shield: Shield = { kind: 'shield' };
    for (const term of [...config.allowList, ...config.protectedNames]) entries.push({ term, value: shield });
    const publicMobiles = new Set(config.publicPhones.map(mobileDigits).filter((d) => d.length > 0));
    return new ComplianceChecker(new TermMatcher(entries), useDefaults ? comparisonPatterns : [], publicMobiles);
  }

  /** Findings of the title, then of the body (html reduced to the text a reader sees), each in text order. */
  check(input: { title?: string; text?: string; html?: string }, locale: Locale = 'zh-CN'): ComplianceFinding[] {
    return this.examine(input, locale).findings;
  }

  /** The findings together with the exact texts their offsets refer to, so a screen can highlight them in place. */
  examine(input: { title?: string; text?: string; html?: string }, locale: Locale = 'zh-CN') {
    const title = input.title ?? '';
    const body = input.html !== undefined ? visibleText(input.html) : (input.text ?? '');
    const findings = [...(title ? this.#checkField('title', title, locale) : []), ...(body ? this.#checkField('body', body, locale) : [])];
    return { checkedText: { title, body }, findings };
  }

  #checkField(field: Field, original: string, locale: Locale): ComplianceFinding[] {
    const normalizedText = normalizeForMatching(original);
    const text = normalizedText.text;
    const shields: { start: number; end: number }[] = [];
    /** Denied claims: a claim inside one (治愈 in 不保证治愈) is denied with it. */
    const denied: { start: number; end: number }[] = [];
    const candidates: Candidate[] = [];

    for (const hit of this.#matcher.findAll(text)) {
      const r = hit.value;
      if (r.kind === 'shield') {
        shields.push(hit);
        continue;
      }
      if (r.unlessFollowedBy.some((w) => text.startsWith(w, hit.end))) continue;
      if (r.unlessPrecededBy.some((w) => text.endsWith(w, hit.start))) continue;
      if (r.category === 'medical_claim' && this.#negated(text, hit.start, hit.end)) {
        denied.push(hit);
        continue;
      }
      candidates.push({ start: hit.start, end: hit.end, category: r.category, severity: r.severity, rule: r.rule, suggestion: r.suggestion });
    }
    for (const p of this.#patterns) {
      p.pattern.lastIndex = 0;
      for (let m = p.pattern.exec(text); m; m = p.pattern.exec(text)) {
        const start = m.index;
        const end = start + m[0].length;
        if (p.category === 'medical_claim' && this.#negated(text, start, end)) {
          denied.push({ start, end });
          continue;
        }
        candidates.push({ start, end, category: p.category, severity: p.severity, rule: p.rule, suggestion: p.suggestion });
      }
    }
    candidates.push(...this.#personalData(text));

    const inside = (c: Candidate, spans: { start: number; end: number }[]) => spans.some((s) => s.start <= c.start && c.end <= s.end);
    const kept = mergeOverlaps(candidates.filter((c) => !inside(c, shields) && !(c.category === 'medical_claim' && inside(c, denied))));
    return kept
      .map((c) => {
        const { start, end } = originalRange(normalizedText, c.start, c.end);
        const term = original.slice(start, end);
        const suggestion = isPrivacy(c.category) ? maskedSuggestion(c.category, term) : c.suggestion;
        return { field, category: c.category, severity: c.severity, term, start, end, message: messageFor(c, term, locale), suggestion, rule: c.rule };
      })
      .sort((a, b) => a.start - b.start || a.end - b.end || categoryOrder.get(a.category)! - categoryOrder.get(b.category)!);
  }

  /**
   * A denial, warning or question in the claim's clause: before it (无法根治, 谨防"包治百病", 无特效药), after it
   * (根治是不可能的), or a clause ending in a question mark (能根治？).
   */
  #negated(text: string, start: number, end: number): boolean {
    if (start > 0 && negatingPrefixes.includes(text[start - 1])) return true;
    let from = start;
    while (from > 0 && start - from < negationWindow && !this.#clauseBreaks.has(text[from - 1])) from--;
    const before = text.slice(from, start);
    if (this.#negationCues.some((cue) => before.includes(cue))) return true;
    let to = end;
    while (to < text.length && to - end < negationWindow && !this.#clauseBreaks.has(text[to])) to++;
    const after = text.slice(end, to);
    return text[to] === '?' || this.#negationTails.some((tail) => after.includes(tail));
  }

  /** Resident IDs, mobiles (not the hospital's published ones), record numbers and bank cards; landlines only fence off digits. */
  #personalData(text: string): Candidate[] {
    const landlines = findLandlines(text);
    const ids = findResidentIds(text);
    const found: Candidate[] = ids.map((m) => ({ start: m.start, end: m.end, category: 'privacy_id', severity: 'block', rule: privacyRule, suggestion: null }));
    for (const m of findMobileNumbers(text)) {
      if (landlines.some((l) => overlaps(l, m)) || this.#publicMobiles.has(mobileDigits(m.value))) continue;
      found.push({ start: m.start, end: m.end, category: 'privacy_phone', severity: 'warn', rule: privacyRule, suggestion: null });
    }
    for (const m of findMedicalRecordNumbers(text)) {
      found.push({ start: m.start, end: m.end, category: 'privacy_record', severity: 'block', rule: sensitivePrivacyRule, suggestion: null });
    }
    for (const m of findBankCards(text)) {
      if (landlines.some((l) => overlaps(l, m)) || ids.some((i) => overlaps(i, m))) continue;
      found.push({ start: m.start, end: m.end, category: 'privacy_bankcard', severity: 'block', rule: sensitivePrivacyRule, suggestion: null });
    }
    return found;
  }
}

function normalized(word: string): string {
  return normalizeForMatching(word).text;
}

/** Of overlapping findings of one category, the most severe stays, then the longest, then the first. */
function mergeOverlaps(candidates: Candidate[]): Candidate[] {
  const ranked = [...candidates].sort(
    (a, b) => severityRank[b.severity] - severityRank[a.severity] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const c of ranked) {
    if (!kept.some((k) => k.category === c.category && overlaps(k, c))) kept.push(c);
  }
  return kept;
}
