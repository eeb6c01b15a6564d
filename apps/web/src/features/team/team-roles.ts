import { useCurrentUser, type Role } from '../../app/auth/session';

// The server's rules (team.policy.ts): the publicity department and administrators run the grid, training and
// rules; adjustments and the commendation list are editors' own; editors, leaders and administrators see everyone.
const MANAGERS: readonly Role[] = ['admin', 'editor'];
const HOSPITAL_WIDE: readonly Role[] = ['admin', 'editor', 'leader'];

export function useCanManageTeam(): boolean {
  return useCurrentUser().roles.some((role) => MANAGERS.includes(role));
}

export function useJudgesPoints(): boolean {
  return useCurrentUser().roles.includes('editor');
}

export function useSeesWholeHospital(): boolean {
  return useCurrentUser().roles.some((role) => HOSPITAL_WIDE.includes(role));
}
