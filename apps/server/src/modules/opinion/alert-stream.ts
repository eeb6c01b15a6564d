/**
 * The console's live alert stream (Server-Sent Events). Each connection belongs to a signed-in user who may see
 * opinion; it gets every change to the hospital's alerts as `event: alert` with the alert_event id as its SSE id, so a
 * browser that reconnects with Last-Event-ID resumes where it stopped (on any instance: the ids are the table's).
 *
 * Fed by `alert.raised` (and the alert services' nudges) at once, and by a short poll of alert_event so that changes
 * made on other instances arrive too. Heartbeats keep proxies from closing an idle stream and re-check the session:
 * a stream ends when its session does.
 */
import type { ServerResponse } from 'node:http';
import { and, desc, eq, gt, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import type { Role } from '../org/roles.ts';
import { alertsByIds, type Alert } from './alert.service.ts';
import { alertEvents } from './alerts.tables.ts';

export type StreamEvent = { eventId: number; kind: string; level: number; at: string; notify: boolean; alert: Alert };

type Client = {
  actor: Actor;
  response: ServerResponse;
  /** Events already written (replay and live may both find one). */
  sent: Set<number>;
  /** Live events that arrived while the replay was being read, written after it. */
  pending: { id: number; write: () => void }[] | null;
  heartbeat: NodeJS.Timeout;
};

type Hub = { clients: Set<Client>; lastId: number; since: Date; seen: Map<number, number>; pulling: boolean; again: boolean };

const replayLimit = 200;
/** Events newer than this are read again on every pull: a transaction may commit a lower id after a higher one. */
const lateCommitSeconds = 10;

/** A stream ended by the server (close, sign-out) may still be written to by a pull in flight: that write is dropped. */
function emit(response: ServerResponse, text: string) {
  if (!response.writableEnded && !response.destroyed) response.write(text);
}

export class AlertStream {
  private readonly hubs = new Map<number, Hub>();
  private readonly poller: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly options: { pollMs: number; heartbeatMs: number },
  ) {
    this.poller = setInterval(() => {
      for (const hospitalId of this.hubs.keys()) this.nudge(hospitalId);
    }, options.pollMs);
    this.poller.unref();
  }

  /** Something changed in this hospital's alerts: read the new events and write them to its connections. */
  nudge(hospitalId: number) {
    const hub = this.hubs.get(hospitalId);
    if (!hub) return;
    if (hub.pulling) {
      hub.again = true;
      return;
    }
    hub.pulling = true;
    this.pull(hospitalId, hub)
      .catch((err) => this.logger.warn({ err, hospitalId }, 'alert stream pull failed; the next poll retries'))
      .finally(() => {
        hub.pulling = false;
      });
  }

  /**
   * Serves one connection until the client goes, the session ends or the server closes. `lastEventId` (the browser's
   * Last-Event-ID) replays what was missed; too much missed answers `reset`, and the console reloads its list.
   */
  async open(response: ServerResponse, actor: Actor, lastEventId: number | null, stillSignedIn: () => Promise<boolean>) {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    emit(response, 'retry: 3000\n\n');
    const hub = await this.hubOf(actor.hospitalId);
    if (response.destroyed) return;
    const client: Client = {
      actor,
      response,
      sent: new Set(),
      pending: [],
      heartbeat: setInterval(() => {
        emit(response, `: heartbeat ${Date.now()}\n\n`);
        stillSignedIn().then(
          (ok) => {
            if (!ok) response.end();
          },
          () => undefined,
        );
      }, this.options.heartbeatMs),
    };
    hub.clients.add(client);
    response.on('close', () => {
      clearInterval(client.heartbeat);
      hub.clients.delete(client);
      if (hub.clients.size === 0) this.hubs.delete(actor.hospitalId);
    });

    let position = hub.lastId;
    if (lastEventId !== null) {
      const rows = await this.db
        .select()
        .from(alertEvents)
        .where(and(eq(alertEvents.hospitalId, actor.hospitalId), gt(alertEvents.id, lastEventId)))
        .orderBy(alertEvents.id)
        .limit(replayLimit + 1);
      if (rows.length > replayLimit) {
        emit(response, 'event: reset\ndata: {}\n\n');
      } else {
        const byId = await alertsByIds(this.db, [...new Set(rows.map((r) => r.alertId))]);
        for (const row of rows) this.write(client, row.id, 'alert', this.eventOf(client, row, byId.get(row.alertId)!), { replay: true });
      }
      position = Math.max(position, rows.at(-1)?.id ?? lastEventId);
    }
    emit(response, `event: ready\ndata: ${JSON.stringify({ position })}\n\n`);
    const waiting = client.pending ?? [];
    client.pending = null;
    for (const item of waiting) if (!client.sent.has(item.id)) item.write();
  }

  /** Ends every stream (the server is closing). */
  close() {
    clearInterval(this.poller);
    for (const hub of this.hubs.values()) for (const client of hub.clients) client.response.end();
    this.hubs.clear();
  }

  /** Ends a user's streams at once (signed out everywhere, disabled, password changed). */
  endUser(userId: number) {
    for (const hub of this.hubs.values()) for (const client of hub.clients) if (client.actor.userId === userId) client.response.end();
  }

  private async hubOf(hospitalId: number): Promise<Hub> {
    const existing = this.hubs.get(hospitalId);
    if (existing) return existing;
    const [last] = await this.db.select({ id: alertEvents.id }).from(alertEvents).where(eq(alertEvents.hospitalId, hospitalId)).orderBy(desc(alertEvents.id)).limit(1);
    // Another connection of the hospital may have made the hub while this one read.
    const hub = this.hubs.get(hospitalId) ?? { clients: new Set(), lastId: last?.id ?? 0, since: new Date(), seen: new Map(), pulling: false, again: false };
    this.hubs.set(hospitalId, hub);
    return hub;
  }

  private async pull(hospitalId: number, hub: Hub) {
    do {
      hub.again = false;
      const rows = await this.db
        .select()
        .from(alertEvents)
        .where(
          and(
            eq(alertEvents.hospitalId, hospitalId),
            or(gt(alertEvents.id, hub.lastId), sql`${alertEvents.at} > greatest(now() - make_interval(secs => ${lateCommitSeconds}), ${hub.since.toISOString()}::timestamptz)`),
          ),
        )
        .orderBy(alertEvents.id)
        .limit(500);
      const fresh = rows.filter((r) => !hub.seen.has(r.id));
      if (fresh.length) {
        const byId = await alertsByIds(this.db, [...new Set(fresh.map((r) => r.alertId))]);
        for (const row of fresh) {
          hub.seen.set(row.id, Date.now());
          hub.lastId = Math.max(hub.lastId, row.id);
          const alert = byId.get(row.alertId);
          if (!alert) continue;
          for (const client of hub.clients) this.write(client, row.id, 'alert', this.eventOf(client, row, alert));
        }
      }
      for (const [id, at] of hub.seen) if (at < Date.now() - 6 * lateCommitSeconds * 1000) hub.seen.delete(id);
    } while (hub.again);
  }

  private eventOf(client: Client, row: typeof alertEvents.$inferSelect, alert: Alert): StreamEvent {
    const notify = (row.notifyRoles as Role[]).some((r) => client.actor.roles.includes(r));
    return { eventId: row.id, kind: row.kind, level: row.level, at: row.at.toISOString(), notify, alert };
  }

  /** Writes an event once per connection; live events wait while the connection's replay is still being read. */
  private write(client: Client, id: number, event: string, data: StreamEvent, options: { replay?: boolean } = {}) {
    const send = () => {
      if (client.sent.has(id)) return;
      client.sent.add(id);
      if (client.sent.size > 2000) client.sent.delete(client.sent.values().next().value!);
      emit(client.response, `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    if (client.pending && !options.replay) client.pending.push({ id, write: send });
    else send();
  }
}
