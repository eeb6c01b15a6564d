import { useCurrentUser, type Role } from '../../app/auth/session';

// The server's messaging policy, mirrored so the console offers only what it will accept.
const RULE_KEEPERS: readonly Role[] = ['admin', 'editor'];
const STATEMENT_DRAFTERS: readonly Role[] = ['admin', 'editor', 'spokesperson', 'leader'];
const STATEMENT_APPROVERS: readonly Role[] = ['editor', 'leader'];

function useHasAnyRole(roles: readonly Role[]): boolean {
  return useCurrentUser().roles.some((role) => roles.includes(role));
}

/** Lexicons, terms and the allow-list. */
export function useCanManageRules(): boolean {
  return useHasAnyRole(RULE_KEEPERS);
}

export function useCanDraftStatements(): boolean {
  return useHasAnyRole(STATEMENT_DRAFTERS);
}

export function useCanApproveStatements(): boolean {
  return useHasAnyRole(STATEMENT_APPROVERS);
}
