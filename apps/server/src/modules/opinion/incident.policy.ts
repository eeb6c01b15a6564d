import { errors } from '../../platform/http/errors.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { orgPolicy } from '../org/org.policy.ts';
import { opinionPolicy } from './opinion.policy.ts';

/** What an incident's access depends on besides the actor. */
export type IncidentFacts = { departmentId: number; ownerId: number; createdBy: number };

export type IncidentAccess = { read: boolean; manage: boolean; isAssignee: boolean };

const isOfficer = (actor: Actor) => actor.roles.includes('opinion_officer');
const runsIncidents = (actor: Actor) => actor.roles.some((r) => r === 'admin' || r === 'editor');

/**
 * Who may do what with a 舆情事件: the hospital-wide roles (leaders, editors, administrators) see every incident; an
 * opinion officer those of their department, those they own or opened, and those they have a task in; anyone else
 * only what they own or have a task in. Editors, administrators, the owner and officers who see it run it; leaders
 * read and write notes (批示); an assignee completes their task.
 */
export const incidentPolicy = {
  opensIncidents: (actor: Actor) => opinionPolicy.managesOpinion(actor),
  /** The SLA per level is the publicity department's setting. */
  setsSla: (actor: Actor) => runsIncidents(actor),
  /** Removing one is for mistakes only (see deleteIncident). */
  deletesIncidents: (actor: Actor) => runsIncidents(actor),
  access(actor: Actor, incident: IncidentFacts, isAssignee: boolean): IncidentAccess {
    const own = incident.ownerId === actor.userId || incident.createdBy === actor.userId;
    const officerScope = isOfficer(actor) && (incident.departmentId === actor.departmentId || own || isAssignee);
    const read = orgPolicy.seesWholeHospital(actor) || officerScope || own || isAssignee;
    const manage = runsIncidents(actor) || officerScope || incident.ownerId === actor.userId;
    return { read, manage, isAssignee };
  },
};

export function assertOpensIncidents(actor: Actor) {
  if (!incidentPolicy.opensIncidents(actor)) throw errors.forbidden();
}
