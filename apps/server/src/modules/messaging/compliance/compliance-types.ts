/** What the compliance check looks for, and what it reports. */
export const findingCategories = ['ad_absolute', 'medical_claim', 'privacy_id', 'privacy_phone', 'privacy_record', 'privacy_bankcard', 'term_forbidden', 'sensitive'] as const;
export type FindingCategory = (typeof findingCategories)[number];

export const severities = ['block', 'warn', 'info'] as const;
export type Severity = (typeof severities)[number];

export type ComplianceFinding = {
  field: 'title' | 'body';
  category: FindingCategory;
  severity: Severity;
  /** Exactly as it appears in the visible text, dodge characters included (根*治). */
  term: string;
  /** UTF-16 offsets in that field's visible text, end exclusive. */
  start: number;
  end: number;
  message: string;
  suggestion: string | null;
  /** Its source: 《广告法》第九条第三项, 《医疗广告管理办法》第七条第二项, 本院术语表, or the imported lexicon's name. */
  rule: string;
};

export type LexiconEntryInput = { term: string; category: FindingCategory; severity: Severity; rule: string; suggestion?: string | null; note?: string | null };

export type ForbiddenTerm = { term: string; useInstead: string; rule?: string };

export type CheckerConfig = {
  entries: LexiconEntryInput[];
  allowList: string[];
  forbiddenTerms: ForbiddenTerm[];
  /** The hospital's full and short names, campuses, departments: never flagged (成都市第一人民医院 contains 第一). */
  protectedNames: string[];
  /** The hospital's published numbers: never privacy_phone. */
  publicPhones: string[];
  /** The curated default lexicon of default-lexicon.ts; true unless set to false. */
  includeDefaultLexicon?: boolean;
};

export type Locale = 'zh-CN' | 'en';
