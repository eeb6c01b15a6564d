import { errors } from '../../platform/http/errors.ts';
import type { Actor } from '../../platform/http/request-context.ts';

/** Who may do what with public opinion (舆情). Everyone else may report clues and see their own. */
export const opinionPolicy = {
  /** The monitoring desk, mentions, clusters, sources and every clue. */
  seesOpinion: (actor: Actor) => actor.roles.some((r) => r === 'admin' || r === 'editor' || r === 'leader' || r === 'opinion_officer'),
  /** Sources, watch rules, corrections, imports, confirming clues: the officers' work (leaders read). */
  managesOpinion: (actor: Actor) => actor.roles.some((r) => r === 'admin' || r === 'editor' || r === 'opinion_officer'),
};

export function assertSeesOpinion(actor: Actor) {
  if (!opinionPolicy.seesOpinion(actor)) throw errors.forbidden();
}

export function assertManagesOpinion(actor: Actor) {
  if (!opinionPolicy.managesOpinion(actor)) throw errors.forbidden();
}
