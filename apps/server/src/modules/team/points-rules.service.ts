import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { errors } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { chinaDate } from './period.ts';
import { assertManagesTeam } from './team.policy.ts';
import { pointsRuleKinds, pointsRules, type PointsRuleKind } from './team.tables.ts';

type RuleRow = typeof pointsRules.$inferSelect;
export type Rule = Pick<RuleRow, 'kind' | 'channelKind' | 'category' | 'mediaLevel' | 'validFrom' | 'validTo'>;

/**
 * Which rule kinds count today. Coverage (the media module's 媒体报道登记) and confirmed opinion clues (the opinion
 * module) have no source yet: their rules can be set up now and count once the module settles its events here, the
 * way points-sources.ts settles publications and trainings.
 */
const availableKinds: ReadonlySet<PointsRuleKind> = new Set(['article', 'publication', 'training']);

export const ruleKinds = () => ({ items: pointsRuleKinds.map((kind) => ({ kind, sourceAvailable: availableKinds.has(kind) })) });

/** The conditions each kind can be narrowed by. */
const conditionsOf: Record<PointsRuleKind, readonly ('channelKind' | 'category' | 'mediaLevel')[]> = {
  article: ['category'],
  publication: ['channelKind', 'category'],
  coverage: ['mediaLevel'],
  opinion_clue: [],
  training: [],
};

export type Fact = { kind: PointsRuleKind; at: Date; channelKind?: string; category?: string; mediaLevel?: string };

/** A rule counts a fact of its kind that happened (China date) within its validity and meets each condition it sets. */
export function ruleMatches(rule: Rule, fact: Fact) {
  const day = chinaDate(fact.at);
  return (
    rule.kind === fact.kind &&
    day >= rule.validFrom &&
    (rule.validTo === null || day <= rule.validTo) &&
    (rule.channelKind === null || rule.channelKind === fact.channelKind) &&
    (rule.category === null || rule.category === fact.category) &&
    (rule.mediaLevel === null || rule.mediaLevel === fact.mediaLevel)
  );
}

export function toRule(r: RuleRow) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    channelKind: r.channelKind,
    category: r.category,
    mediaLevel: r.mediaLevel,
    points: r.points,
    validFrom: r.validFrom,
    validTo: r.validTo,
    sourceAvailable: availableKinds.has(r.kind),
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The 积分办法 is no secret: everyone in the hospital reads the rules. */
export async function listRules(db: Db, ctx: RequestContext, filter: { kind?: PointsRuleKind }) {
  const rows = await db
    .select()
    .from(pointsRules)
    .where(and(eq(pointsRules.hospitalId, ctx.actor.hospitalId), filter.kind ? eq(pointsRules.kind, filter.kind) : undefined))
    .orderBy(asc(pointsRules.kind), asc(pointsRules.id));
  return { items: rows.map(toRule), nextCursor: null };
}

export async function rulesOfKinds(db: DbOrTx, hospitalId: number, kinds: PointsRuleKind[]) {
  return db.select().from(pointsRules).where(and(eq(pointsRules.hospitalId, hospitalId), inArray(pointsRules.kind, kinds))).orderBy(asc(pointsRules.id));
}

export type RuleInput = {
  name: string;
  kind: PointsRuleKind;
  points: number;
  channelKind?: string | null;
  category?: string | null;
  mediaLevel?: RuleRow['mediaLevel'];
  validFrom?: string;
  validTo?: string | null;
};

const conditionNames = { channelKind: '阵地类型', category: '稿件类别', mediaLevel: '媒体级别' };

function assertCoherent(rule: Rule) {
  for (const condition of ['channelKind', 'category', 'mediaLevel'] as const) {
    if (rule[condition] !== null && !conditionsOf[rule.kind].includes(condition)) {
      throw errors.invalidField(condition, `这类规则不能按${conditionNames[condition]}限定`, `A ${rule.kind} rule cannot be narrowed by ${condition}`);
    }
  }
  if (rule.validTo !== null && rule.validTo < rule.validFrom) throw errors.invalidField('validTo', '失效日期不能早于生效日期', 'validTo is before validFrom');
}

export async function createRule(db: Db, ctx: RequestContext, input: RuleInput) {
  assertManagesTeam(ctx.actor);
  const values = {
    hospitalId: ctx.actor.hospitalId,
    name: input.name,
    kind: input.kind,
    points: input.points,
    channelKind: input.channelKind ?? null,
    category: input.category ?? null,
    mediaLevel: input.mediaLevel ?? null,
    validFrom: input.validFrom ?? chinaDate(new Date()),
    validTo: input.validTo ?? null,
    createdBy: ctx.actor.userId,
  };
  assertCoherent(values);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(pointsRules).values(values).returning();
    await recordAudit(tx, ctx, { action: 'points_rule.create', entityType: 'points_rule', entityId: row.id, hospitalId: row.hospitalId, after: toRule(row) });
    return toRule(row);
  });
}

/** A change applies to what happens from then on; entries already made keep their points. */
export async function updateRule(db: Db, ctx: RequestContext, id: number, patch: Partial<Omit<RuleInput, 'kind'>>) {
  assertManagesTeam(ctx.actor);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(pointsRules).where(and(eq(pointsRules.id, id), eq(pointsRules.hospitalId, ctx.actor.hospitalId))).for('update');
    if (!before) throw errors.notFound('points_rule');
    const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as typeof patch;
    assertCoherent({ ...before, ...changes });
    const [row] = await tx.update(pointsRules).set({ ...changes, updatedAt: new Date() }).where(eq(pointsRules.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'points_rule.update', entityType: 'points_rule', entityId: id, hospitalId: row.hospitalId, before: toRule(before), after: toRule(row) });
    return toRule(row);
  });
}
