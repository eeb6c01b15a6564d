import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import type { IngestDeps } from './ingestion.service.ts';
import type { MentionVerdict } from './mention-analysis.ts';
import { mentionsByIds } from './mention.service.ts';
import { assertManagesOpinion } from './opinion.policy.ts';
import { mentions, opinionSources, type WatchRuleKind } from './opinion.tables.ts';
import { hospitalProfile, type HospitalProfile } from './watch-rule.service.ts';

const profileKey: Record<Exclude<WatchRuleKind, 'name'>, keyof Omit<HospitalProfile, 'name'>> = {
  alias: 'aliases',
  campus: 'campuses',
  department: 'departments',
  staff: 'staff',
  exclude: 'exclude',
};

/** The profile with one rule added or taken away; a full name is added as a further name (as the rules read it). */
function withRule(profile: HospitalProfile, rule: { kind: WatchRuleKind; term: string; remove: boolean }): HospitalProfile {
  const next = structuredClone(profile);
  if (rule.kind === 'name') {
    if (rule.remove) {
      next.aliases = next.aliases.filter((t) => t !== rule.term);
      if (next.name === rule.term) next.name = next.aliases.shift() ?? next.name;
    } else if (next.name !== rule.term) next.aliases.push(rule.term);
    return next;
  }
  const key = profileKey[rule.kind];
  next[key] = rule.remove ? next[key].filter((t) => t !== rule.term) : [...new Set([...next[key], rule.term])];
  return next;
}

const verdictView = (v: MentionVerdict) => ({ aboutHospital: v.aboutHospital, polarity: v.polarity, risk: v.risk, category: v.category });

/**
 * "Test this rule on recent mentions": the latest mentions read with the active rules and with the drafted change,
 * and those whose reading differs (relevance, polarity, risk or category), with the reasons of the new reading.
 */
export async function previewWatchRule(db: Db, deps: IngestDeps, ctx: RequestContext, rule: { kind: WatchRuleKind; term: string; remove: boolean; limit: number }) {
  assertManagesOpinion(ctx.actor);
  const current = await hospitalProfile(db, ctx.actor.hospitalId);
  const drafted = withRule(current, rule);
  const rows = await db
    .select({ mention: mentions, source: opinionSources.name })
    .from(mentions)
    .innerJoin(opinionSources, eq(opinionSources.id, mentions.sourceId))
    .where(and(eq(mentions.hospitalId, ctx.actor.hospitalId)))
    .orderBy(desc(mentions.id))
    .limit(rule.limit);
  const items = rows.map((r) => ({ ...r.mention, source: r.source }));
  const before = await deps.analyzers.withProfile(current, (analyse) => analyse(items));
  const after = await deps.analyzers.withProfile(drafted, (analyse) => analyse(items));
  const changedIds = items
    .map((m, i) => ({ id: m.id, i }))
    .filter(({ i }) => JSON.stringify(verdictView(before[i])) !== JSON.stringify(verdictView(after[i])));
  const views = new Map((await mentionsByIds(db, ctx.actor.hospitalId, changedIds.map((c) => c.id))).map((m) => [m.id, m]));
  return {
    tested: items.length,
    matched: after.filter((v) => v.aboutHospital).length,
    changed: changedIds.flatMap(({ id, i }) => {
      const mention = views.get(id);
      return mention ? [{ mention, before: verdictView(before[i]), after: verdictView(after[i]), reasons: after[i].reasons }] : [];
    }),
  };
}
