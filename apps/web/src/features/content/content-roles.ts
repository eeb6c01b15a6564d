import { useCurrentUser, type Role } from '../../app/auth/session';

// The server's publication policy, mirrored so 发布到官网 is offered only to those it accepts.
const PUBLISHERS: readonly Role[] = ['admin', 'editor'];

export function useCanPublish(): boolean {
  return useCurrentUser().roles.some((role) => PUBLISHERS.includes(role));
}
