import { errors } from '../../platform/http/errors.ts';
import type { Actor } from '../../platform/http/request-context.ts';

/** Who may do what with the hospital's one voice (口径). */
export const messagingPolicy = {
  /** Lexicons, terms and the allow-list shape every check: the publicity department and administrators keep them. */
  canManageRules: (actor: Actor) => actor.roles.some((r) => r === 'admin' || r === 'editor'),
  /** Statements are drafted by those who speak for the hospital. */
  canDraftStatements: (actor: Actor) => actor.roles.some((r) => r === 'admin' || r === 'editor' || r === 'spokesperson' || r === 'leader'),
  /** Approval is the publicity department's or a leader's, and never one's own (四眼原则). */
  canApproveStatements: (actor: Actor) => actor.roles.some((r) => r === 'editor' || r === 'leader'),
};

export function assertCanManageRules(actor: Actor) {
  if (!messagingPolicy.canManageRules(actor)) throw errors.forbidden();
}

export function assertCanDraftStatements(actor: Actor) {
  if (!messagingPolicy.canDraftStatements(actor)) throw errors.forbidden();
}
