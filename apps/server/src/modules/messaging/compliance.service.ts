import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { hospitalNameBook, hospitalNameStamp } from '../org/name-book.service.ts';
import type { ComplianceChecker } from './compliance/compliance-checker.ts';
import type { CheckerConfig, FindingCategory, ForbiddenTerm } from './compliance/compliance-types.ts';
import { currentMessagingRevision } from './messaging-revision.ts';
import { allowedTerms, lexiconEntries, lexicons, terms } from './messaging.tables.ts';

export type CheckInput = { title?: string; text?: string; html?: string };

type Cached = { key: string; checker: Promise<ComplianceChecker> };

/**
 * One compiled checker per hospital per process, rebuilt only when its rules move: the messaging revision
 * (bumped with every lexicon, term or allow-list change) or the hospital's names (profile, campuses, departments).
 */
const checkers = new Map<number, Cached>();

async function loadCheckerConfig(db: Db, hospitalId: number): Promise<CheckerConfig> {
  const [entryRows, allowedRows, termRows, book] = await Promise.all([
    db
      .select({ term: lexiconEntries.term, category: lexiconEntries.category, severity: lexiconEntries.severity, suggestion: lexiconEntries.suggestion, note: lexiconEntries.note, lexicon: lexicons.name })
      .from(lexiconEntries)
      .innerJoin(lexicons, eq(lexicons.id, lexiconEntries.lexiconId))
      .where(and(eq(lexicons.hospitalId, hospitalId), eq(lexicons.status, 'active'))),
    db.select({ term: allowedTerms.term }).from(allowedTerms).where(eq(allowedTerms.hospitalId, hospitalId)),
    db.select().from(terms).where(and(eq(terms.hospitalId, hospitalId), eq(terms.status, 'active'))),
    hospitalNameBook(db, hospitalId),
  ]);
  const forbiddenTerms: ForbiddenTerm[] = [
    ...book.formerNames.map((term) => ({ term, useInstead: book.fullName, rule: '医院信息：曾用名' })),
    ...termRows.flatMap((t) => t.variants.map((term) => ({ term, useInstead: t.canonical, rule: '本院术语表' }))),
  ];
  return {
    entries: entryRows.map((e) => ({
      term: e.term,
      category: e.category as FindingCategory,
      severity: e.severity,
      rule: `词库：${e.lexicon}`,
      suggestion: e.suggestion,
      note: e.note,
    })),
    allowList: allowedRows.map((r) => r.term),
    forbiddenTerms,
    protectedNames: [book.fullName, ...book.shortNames, ...book.campusNames, ...book.departmentNames].filter(Boolean),
    publicPhones: book.publicPhones,
  };
}

export async function complianceCheckerFor(db: Db, hospitalId: number): Promise<ComplianceChecker> {
  const [revision, stamp] = await Promise.all([currentMessagingRevision(db, hospitalId), hospitalNameStamp(db, hospitalId)]);
  const key = `${revision}/${stamp}`;
  const cached = checkers.get(hospitalId);
  if (cached?.key === key) return cached.checker;
  // The checker and its dictionaries load on the first check, not at start-up.
  const checker = Promise.all([loadCheckerConfig(db, hospitalId), import('./compliance/compliance-checker.ts')]).then(([config, { ComplianceChecker }]) =>
    ComplianceChecker.build(config),
  );
  checkers.set(hospitalId, { key, checker });
  checker.catch(() => checkers.delete(hospitalId));
  return checker;
}

/** The compliance check every draft passes before review; the content module calls this too. */
export async function checkCompliance(db: Db, ctx: RequestContext, input: CheckInput, locale: Locale) {
  const checker = await complianceCheckerFor(db, ctx.actor.hospitalId);
  return checker.examine(input, locale);
}
