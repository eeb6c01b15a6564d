import { useCurrentUser, type Role } from '../../app/auth/session';

// The server's rule (plan.service.ts): the publicity department and administrators set targets and run evaluations.
const MANAGERS: readonly Role[] = ['admin', 'editor'];

export function useCanManageTargets(): boolean {
  return useCurrentUser().roles.some((role) => MANAGERS.includes(role));
}
