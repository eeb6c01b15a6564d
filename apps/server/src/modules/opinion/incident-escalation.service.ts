/**
 * Telling the leaders when an incident escalates: the escalation itself is written by the SLA check (in the change's
 * transaction, see incident-sla.service.ts); this turns each escalated incident not yet told into notification
 * deliveries, through the same outbox as alerts. It runs on the `incident.escalated` event at once and from the SLA
 * sweep, which catches escalations whose event a crash lost, so none is told twice and none is missed.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { SystemContext } from '../../platform/http/request-context.ts';
import { asLevel } from './alert-rules.ts';
import { notificationChannels } from './alerts.tables.ts';
import { recordIncidentChange } from './incident-events.ts';
import { slaPolicyOf } from './incident-sla.service.ts';
import { incidents } from './incidents.tables.ts';
import { incidentEscalationHeadline } from './notify/alert-message.ts';
import { queueDelivery, sendNow, type NotifyDeps } from './notify/notification-delivery.service.ts';

const notifier: SystemContext = { actor: null, ip: null, requestId: 'job:incident-escalation' };
const batch = 50;

/** Queues the notifications of escalated incidents not yet told, and sends them after commit. Returns how many incidents. */
export async function notifyIncidentEscalations(db: Db, deps: NotifyDeps, onlyIds?: number[]): Promise<number> {
  const untold = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.escalated, true), isNull(incidents.escalationNotifiedAt), onlyIds ? inArray(incidents.id, onlyIds) : undefined))
    .orderBy(asc(incidents.id))
    .limit(batch);
  let told = 0;
  for (const { id } of untold) {
    const deliveryIds = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(incidents)
        .where(and(eq(incidents.id, id), isNull(incidents.escalationNotifiedAt)))
        .for('update', { skipLocked: true });
      if (!row) return [];
      const policy = await slaPolicyOf(tx, row.hospitalId, row.level);
      const chosen = policy.escalationChannelIds;
      const channels =
        chosen?.length === 0
          ? []
          : await tx
              .select()
              .from(notificationChannels)
              .where(and(eq(notificationChannels.hospitalId, row.hospitalId), eq(notificationChannels.status, 'active'), chosen ? inArray(notificationChannels.id, chosen) : undefined))
              .orderBy(asc(notificationChannels.id));
      const level = asLevel(row.level) ?? 4;
      const ids: number[] = [];
      for (const channel of channels) {
        const deliveryId = await queueDelivery(tx, deps, {
          hospitalId: row.hospitalId,
          alertId: null,
          incidentId: row.id,
          channel,
          purpose: 'incident_escalation',
          level,
          summary: incidentEscalationHeadline(level, row.title),
          // Escalations are 红 or overdue: quiet hours never hold them.
          heldUntil: null,
          createdBy: null,
        });
        if (deliveryId !== null) ids.push(deliveryId);
      }
      await tx.update(incidents).set({ escalationNotifiedAt: sql`now()` }).where(eq(incidents.id, row.id));
      await recordIncidentChange(tx, notifier, row, {
        kind: 'escalation_notified',
        note: channels.length ? `已通过 ${channels.map((c) => `「${c.name}」`).join('、')} 报告分管领导` : '没有可用的通知渠道：请在 SLA 设置中为该等级选择升级通知渠道',
        data: { channelIds: channels.map((c) => c.id) },
      });
      told++;
      return ids;
    });
    sendNow(db, deps, deliveryIds);
  }
  return told;
}
