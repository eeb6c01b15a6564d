import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Logger } from 'pino';
import type { DbOrTx } from './database.ts';

type Handler = (payload: string) => void;

/** Reconnection waits: 1 s, doubling to 30 s. */
const backoffMs = (attempt: number) => Math.min(30_000, 1_000 * 2 ** attempt);

/**
 * PostgreSQL LISTEN/NOTIFY between the app's instances: what one instance commits, the others hear of at once, with
 * no polling. A notification is sent with the transaction that causes it (`notifyInstances`), so it is heard only if
 * that commits. One dedicated connection listens; when it drops, it reconnects with backoff and tells the `onGap`
 * handlers, since what was sent meanwhile is lost and they must re-read what they keep from the database.
 */
export class InstanceNotifications {
  readonly #handlers = new Map<string, Set<Handler>>();
  readonly #gapHandlers = new Set<() => void>();
  #client: pg.Client | null = null;
  #connecting: Promise<void> | null = null;
  #retry: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(
    private readonly connection: pg.ClientConfig,
    private readonly logger: Logger,
  ) {}

  /** Listens on a channel (connecting on first use); returns the unsubscribe. */
  async listen(channel: string, handler: Handler): Promise<() => void> {
    let handlers = this.#handlers.get(channel);
    const fresh = !handlers;
    if (!handlers) this.#handlers.set(channel, (handlers = new Set()));
    handlers.add(handler);
    await this.#connect();
    if (fresh && this.#client) await this.#client.query(`listen ${pg.escapeIdentifier(channel)}`);
    return () => handlers.delete(handler);
  }

  /** Called after a reconnection: notifications sent while the connection was down are lost. */
  onGap(handler: () => void): () => void {
    this.#gapHandlers.add(handler);
    return () => this.#gapHandlers.delete(handler);
  }

  async close() {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }

  #connect(attempt = 0): Promise<void> {
    if (this.#client || this.#closed) return Promise.resolve();
    this.#connecting ??= (async () => {
      const client = new pg.Client({ ...this.connection, application_name: 'rongmei-listener' });
      client.on('notification', ({ channel, payload }) => {
        for (const handler of this.#handlers.get(channel) ?? []) {
          try {
            handler(payload ?? '');
          } catch (err) {
            this.logger.warn({ err, channel }, 'a database notification handler failed');
          }
        }
      });
      client.on('error', (err) => this.logger.warn({ err }, 'the database listener connection failed; reconnecting'));
      client.on('end', () => {
        if (this.#client !== client || this.#closed) return;
        this.#client = null;
        this.#scheduleReconnect(0);
      });
      try {
        await client.connect();
        for (const channel of this.#handlers.keys()) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      } catch (err) {
        await client.end().catch(() => undefined);
        this.logger.warn({ err }, 'the database listener could not connect; retrying');
        this.#scheduleReconnect(attempt + 1);
        return;
      }
      this.#client = client;
      if (attempt > 0) for (const handler of this.#gapHandlers) handler();
    })().finally(() => (this.#connecting = null));
    return this.#connecting;
  }

  #scheduleReconnect(attempt: number) {
    if (this.#closed || this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      void this.#connect(Math.max(attempt, 1));
    }, backoffMs(attempt));
    this.#retry.unref();
  }
}

/** Sends a notification with the caller's transaction: the other instances hear it when, and only if, it commits. */
export async function notifyInstances(tx: DbOrTx, channel: string, payload: string) {
  await tx.execute(sql`select pg_notify(${channel}, ${payload})`);
}
