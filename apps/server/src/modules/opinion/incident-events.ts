import type { DbOrTx } from '../../platform/db/database.ts';
import type { AuditContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { incidentEvents, type IncidentEventKind } from './incidents.tables.ts';

export type IncidentChange = { kind: IncidentEventKind; note?: string | null; data?: Record<string, unknown> };

/**
 * Writes one step of an incident's timeline and its audit entry, in the caller's transaction: every change of an
 * incident goes through here, so neither can be missed.
 */
export async function recordIncidentChange(tx: DbOrTx, ctx: AuditContext, incident: { id: number; hospitalId: number }, change: IncidentChange) {
  const data = change.data ?? {};
  await tx.insert(incidentEvents).values({ incidentId: incident.id, kind: change.kind, actorId: ctx.actor?.userId ?? null, note: change.note ?? null, data });
  await recordAudit(tx, ctx, {
    action: `incident.${change.kind}`,
    entityType: 'incident',
    entityId: incident.id,
    hospitalId: incident.hospitalId,
    after: change.note ? { ...data, note: change.note } : data,
  });
}
