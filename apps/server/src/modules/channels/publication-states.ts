/**
 * A publication's life: scheduled → publishing → published | failed; failed → scheduled (retry);
 * published → withdrawing (platforms, through the outbox) → withdrawn. Every move is checked against this table.
 */
export const publicationStatuses = ['scheduled', 'publishing', 'published', 'failed', 'withdrawing', 'withdrawn'] as const;
export type PublicationStatus = (typeof publicationStatuses)[number];

const allowedMoves: Record<PublicationStatus, readonly PublicationStatus[]> = {
  scheduled: ['publishing', 'withdrawn'],
  publishing: ['publishing', 'published', 'failed'],
  published: ['withdrawing', 'withdrawn'],
  failed: ['scheduled', 'withdrawn'],
  withdrawing: ['withdrawn', 'published'],
  withdrawn: [],
};

export const canMovePublication = (from: PublicationStatus, to: PublicationStatus) => allowedMoves[from].includes(to);

/** Automatic attempts per publication before it is marked failed; an editor's retry starts another round. */
export const maxDeliveryAttempts = 5;

/** Backoff before attempt n+1 (n ≥ 1): 30 s, 2 min, 10 min, 30 min; a platform's Retry-After wins when longer. */
export function retryDelaySeconds(attemptsSoFar: number, retryAfterSeconds?: number) {
  const steps = [30, 120, 600, 1800];
  const backoff = steps[Math.min(attemptsSoFar, steps.length) - 1] ?? steps[0];
  return Math.max(backoff, retryAfterSeconds ?? 0);
}

/** Polls of an asynchronous platform (WeChat freepublish) before the publication is failed as timed out. */
export const maxPolls = 60;
