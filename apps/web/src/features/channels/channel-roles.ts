import { useCurrentUser, type Role } from '../../app/auth/session';

// The server's channel policy, mirrored so the console offers only what it will accept: everyone reads the registry.
const CHANNEL_KEEPERS: readonly Role[] = ['admin', 'editor'];

/** Channels and their columns. */
export function useCanManageChannels(): boolean {
  return useCurrentUser().roles.some((role) => CHANNEL_KEEPERS.includes(role));
}
