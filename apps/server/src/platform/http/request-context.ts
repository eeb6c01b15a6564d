import type { Role } from '../../modules/org/roles.ts';

/** Who is acting: a signed-in user, or a machine client holding one of that user's API tokens. */
export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  hospitalId: number;
  departmentId: number;
  roles: Role[];
  via: 'session' | 'api_token';
  scopes: string[] | null;
};

/** What every service call receives: the actor plus what the audit log records about the request. */
export type RequestContext = {
  actor: Actor;
  ip: string | null;
  requestId: string;
};

/** For writes made by the platform itself (first start, CLI). */
export type SystemContext = { actor: null; ip: string | null; requestId: string };

export type AuditContext = RequestContext | SystemContext;
