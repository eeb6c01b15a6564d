import { EventEmitter } from 'node:events';

/**
 * The in-process domain event bus. Events are published after the transaction that caused them commits,
 * so a listener never sees a change that was rolled back. Cross-instance delivery comes with the job queue.
 */
export type DomainEvents = {
  /** A user's sessions were ended (sign-out everywhere, disable, password change or reset). */
  'user.sessions_revoked': { userId: number };
  /** An article went out on a channel; the public website shows what is new. */
  'publication.published': { publicationId: number; articleId: number; channelId: number };
};

export class EventBus {
  private readonly emitter = new EventEmitter();

  publish<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]) {
    this.emitter.emit(name, payload);
  }

  subscribe<K extends keyof DomainEvents>(name: K, listener: (payload: DomainEvents[K]) => void) {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}

/** One bus per process; every server instance in it shares it. */
export const eventBus = new EventBus();
