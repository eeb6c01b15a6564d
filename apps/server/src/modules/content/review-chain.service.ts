import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { errors } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { assertAdmin } from '../org/org.policy.ts';
import { articleCategories, reviewChains } from './content.tables.ts';
import { defaultReviewChain, type ArticleCategory, type ReviewStepRule, type Sensitivity } from './review-chain.ts';

const sensitivities: Sensitivity[] = ['normal', 'major'];

/** The chain an article of this category and sensitivity goes through now: the hospital's own, else the default. */
export async function reviewChainFor(db: DbOrTx, hospitalId: number, category: ArticleCategory, sensitivity: Sensitivity): Promise<ReviewStepRule[]> {
  const [row] = await db
    .select({ steps: reviewChains.steps })
    .from(reviewChains)
    .where(and(eq(reviewChains.hospitalId, hospitalId), eq(reviewChains.category, category), eq(reviewChains.sensitivity, sensitivity)));
  return row?.steps ?? defaultReviewChain(category, sensitivity);
}

/** Every category × sensitivity with the chain that applies and whether the hospital configured it. */
export async function listReviewChains(db: Db, ctx: RequestContext) {
  const rows = await db.select().from(reviewChains).where(eq(reviewChains.hospitalId, ctx.actor.hospitalId));
  const items = articleCategories.flatMap((category) =>
    sensitivities.map((sensitivity) => {
      const own = rows.find((r) => r.category === category && r.sensitivity === sensitivity);
      return { category, sensitivity, configured: Boolean(own), steps: own?.steps ?? defaultReviewChain(category, sensitivity), updatedAt: own?.updatedAt.toISOString() ?? null };
    }),
  );
  return { items, nextCursor: null };
}

/**
 * An administrator sets a chain. Rules that keep 三审 meaningful: step names are distinct, a department-scoped step
 * is decided by the author's department reviewer, and the chain ends with a hospital-wide step.
 */
export async function setReviewChain(db: Db, ctx: RequestContext, category: ArticleCategory, sensitivity: Sensitivity, steps: ReviewStepRule[]) {
  assertAdmin(ctx.actor);
  const names = new Set<string>();
  steps.forEach((step, i) => {
    if (names.has(step.name)) throw errors.invalidField(`steps.${i}.name`, '步骤名称重复', 'Step names must be distinct');
    names.add(step.name);
    if (step.scope === 'department' && step.role !== 'dept_reviewer') {
      throw errors.invalidField(`steps.${i}.scope`, '本科室范围的步骤只能由科室审核人审核', 'A department-scoped step is decided by a department reviewer');
    }
  });
  if (steps.at(-1)?.scope !== 'hospital') {
    throw errors.invalidField(`steps.${steps.length - 1}.scope`, '最后一步须为全院范围的审核（宣传部或领导）', 'The last step must be hospital-wide');
  }
  return db.transaction(async (tx) => {
    const before = await reviewChainFor(tx, ctx.actor.hospitalId, category, sensitivity);
    await tx
      .insert(reviewChains)
      .values({ hospitalId: ctx.actor.hospitalId, category, sensitivity, steps, updatedBy: ctx.actor.userId })
      .onConflictDoUpdate({ target: [reviewChains.hospitalId, reviewChains.category, reviewChains.sensitivity], set: { steps, updatedBy: ctx.actor.userId, updatedAt: sql`now()` } });
    await recordAudit(tx, ctx, { action: 'review_chain.set', entityType: 'review_chain', entityId: `${category}/${sensitivity}`, hospitalId: ctx.actor.hospitalId, before, after: steps });
    return { category, sensitivity, configured: true, steps, updatedAt: new Date().toISOString() };
  });
}

/** Back to the default chain. */
export async function resetReviewChain(db: Db, ctx: RequestContext, category: ArticleCategory, sensitivity: Sensitivity) {
  assertAdmin(ctx.actor);
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(reviewChains)
      .where(and(eq(reviewChains.hospitalId, ctx.actor.hospitalId), eq(reviewChains.category, category), eq(reviewChains.sensitivity, sensitivity)))
      .returning();
    if (!removed) throw errors.notFound('review chain');
    const steps = defaultReviewChain(category, sensitivity);
    await recordAudit(tx, ctx, { action: 'review_chain.reset', entityType: 'review_chain', entityId: `${category}/${sensitivity}`, hospitalId: ctx.actor.hospitalId, before: removed.steps, after: steps });
    return { category, sensitivity, configured: false, steps, updatedAt: null };
  });
}
