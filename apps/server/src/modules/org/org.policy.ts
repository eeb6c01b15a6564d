import { errors } from '../../platform/http/errors.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { hospitalWideRoles } from './roles.ts';

/** Readable authorisation rules for the org module; services call these before touching data. */
export const orgPolicy = {
  isAdmin: (actor: Actor) => actor.roles.includes('admin'),
  seesWholeHospital: (actor: Actor) => actor.roles.some((r) => hospitalWideRoles.includes(r)),
  canReadUsersOf: (actor: Actor, departmentId: number) => orgPolicy.seesWholeHospital(actor) || actor.departmentId === departmentId,
};

export function assertAdmin(actor: Actor) {
  if (!orgPolicy.isAdmin(actor)) throw errors.forbidden();
}
