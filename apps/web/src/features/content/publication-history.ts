import type { PublicationStatus } from '../../../../server/src/modules/channels/publication-states.ts';

/** An article's publications as history: which channel each keeps, and which withdrawn one can go out again. */
type PublicationLike = { id: number; channelId: number; status: PublicationStatus };

/**
 * Every state but withdrawn keeps the channel taken: the server allows one such publication per article and channel
 * (a failed one is retried, or withdrawn to give it up). Withdrawn ones are history, and the article may go out again.
 */
export function isOpen(status: PublicationStatus): boolean {
  return status !== 'withdrawn';
}

/** The channels where the article has an open publication: not offered for another one. */
export function channelsTaken(publications: readonly PublicationLike[]): Set<number> {
  return new Set(publications.filter((publication) => isOpen(publication.status)).map((publication) => publication.channelId));
}

/** The withdrawn publications that can be published again: the latest of their channel, with nothing open on it. */
export function republishable(publications: readonly PublicationLike[]): Set<number> {
  const taken = channelsTaken(publications);
  const latest = new Map<number, PublicationLike>();
  for (const publication of publications) {
    if ((latest.get(publication.channelId)?.id ?? 0) < publication.id) latest.set(publication.channelId, publication);
  }
  return new Set([...latest.values()].filter((publication) => !taken.has(publication.channelId)).map((publication) => publication.id));
}

/** Which time the article went to its channel (1 = the first), for the publications of channels it went to more than once. */
export function publicationOrdinals(publications: readonly PublicationLike[]): Map<number, number> {
  const perChannel = new Map<number, number[]>();
  for (const publication of [...publications].sort((a, b) => a.id - b.id)) perChannel.set(publication.channelId, [...(perChannel.get(publication.channelId) ?? []), publication.id]);
  return new Map([...perChannel.values()].filter((ids) => ids.length > 1).flatMap((ids) => ids.map((id, index) => [id, index + 1] as const)));
}
