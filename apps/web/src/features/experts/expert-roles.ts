import { useCurrentUser, type Role } from '../../app/auth/session';

// The server's rule (expert.service.ts): the publicity department and administrators keep the registry; everyone reads it.
const KEEPERS: readonly Role[] = ['admin', 'editor'];

export function useCanManageExperts(): boolean {
  return useCurrentUser().roles.some((role) => KEEPERS.includes(role));
}
