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
  /** A publication that was showing was taken down. */
  'publication.withdrawn': { publicationId: number; articleId: number; channelId: number };
  /** An opinion alert was raised, or its level rose (`raised: false`); the console stream and the incidents listen. */
  'alert.raised': { alertId: number; hospitalId: number; ruleId: number; clusterId: number | null; level: number; status: string; raised: boolean };
  /** Mentions were stored (analysed and clustered); maxRisk is the highest risk among those about the hospital. */
  'mention.ingested': { hospitalId: number; sourceId: number; mentionIds: number[]; clusterIds: number[]; maxRisk: number };
  /** An incident (舆情事件) was escalated to the leaders: red at once, any other level once a deadline passed. */
  'incident.escalated': { incidentId: number; hospitalId: number; level: number; title: string; reason: 'red' | 'first_response_overdue' | 'stage_overdue' };
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
