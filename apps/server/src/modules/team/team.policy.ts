import { errors } from '../../platform/http/errors.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { orgPolicy } from '../org/org.policy.ts';

/**
 * Who may do what with the publicity grid, training and points. The publicity department (editors) and
 * administrators run them; hospital-wide roles read everything; everyone else reads their own department's people
 * and their own points, and the department ranking, which the hospital publishes anyway (通报).
 */
export const teamPolicy = {
  manages: (actor: Actor) => actor.roles.some((r) => r === 'admin' || r === 'editor'),
  /** Judgements on people's points — a manual adjustment, the commendation list — are the publicity department's own. */
  judges: (actor: Actor) => actor.roles.includes('editor'),
  seesWholeHospital: (actor: Actor) => orgPolicy.seesWholeHospital(actor),
};

export function assertManagesTeam(actor: Actor) {
  if (!teamPolicy.manages(actor)) throw errors.forbidden();
}

export function assertJudgesPoints(actor: Actor) {
  if (!teamPolicy.judges(actor)) throw errors.forbidden();
}

/** The one department a caller's person-level reads are limited to, or undefined for the whole hospital. */
export const ownDepartmentUnlessHospitalWide = (actor: Actor) => (teamPolicy.seesWholeHospital(actor) ? undefined : actor.departmentId);
