import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, fetchAllItems } from '../../app/api';
import { queryClient } from '../../app/query-client';
import type { PublicationStatus } from '../../../../server/src/modules/channels/publication-states.ts';

/** The server's own list of states (no copy to drift). */
export { publicationStatuses as PUBLICATION_STATUSES, type PublicationStatus } from '../../../../server/src/modules/channels/publication-states.ts';

/** What one channel carries of an article; the server derives it from the article and the editor's changes. */
export type PublicationVariant = {
  title: string;
  author: string | null;
  summary: string | null;
  html: string;
  text: string;
  sourceUrl: string | null;
};

/** The editor's changes to a variant: a field left out keeps what the server derives from the article. */
export type VariantChanges = Partial<Pick<PublicationVariant, 'title' | 'author' | 'summary' | 'html' | 'text'>>;

export type Publication = {
  id: number;
  articleId: number;
  channelId: number;
  /** The channel's column (栏目) it went into. */
  columnId: number | null;
  status: PublicationStatus;
  scheduledAt: string | null;
  publishedAt: string | null;
  externalId: string | null;
  externalUrl: string | null;
  /** Where an offline channel carries it, as the office writes it: 位置, 期号 … */
  placement: Record<string, string> | null;
  variant: PublicationVariant | null;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  withdrawnAt: string | null;
  createdAt: string;
  updatedAt: string;
};

type NewPublication = {
  articleId: number;
  channelId: number;
  columnId?: number;
  scheduledAt?: string;
  placement?: Record<string, string>;
  variant?: VariantChanges;
};

/** Something the platform would refuse, in both languages (the preview is not localised by the server). */
export type VariantProblem = { field: string; messages: { 'zh-CN': string; en: string } };

type PublicationPreview = { variant: PublicationVariant; problems: VariantProblem[] };

/** States a background job is still working on: lists showing one poll until it settles. */
const IN_FLIGHT: readonly PublicationStatus[] = ['scheduled', 'publishing', 'withdrawing'];
const POLL_MS = 3000;

function isInFlight(status: PublicationStatus): boolean {
  return IN_FLIGHT.includes(status);
}

/** The server's moves: only a failed delivery is retried; anything not yet out, or out and settled, can be withdrawn. */
export function canRetry(status: PublicationStatus): boolean {
  return status === 'failed';
}

export function canWithdraw(status: PublicationStatus): boolean {
  return status === 'scheduled' || status === 'failed' || status === 'published';
}

const publicationsKey = ['publications'] as const;

function pollWhileInFlight(publications: readonly Publication[] | undefined): number | false {
  return publications?.some((publication) => isInFlight(publication.status)) ? POLL_MS : false;
}

function refreshPublications() {
  return queryClient.invalidateQueries({ queryKey: publicationsKey });
}

/** One article's publications, newest first: one open per channel and the withdrawn ones before it, so fetched whole. */
export function useArticlePublications(articleId: number) {
  return useQuery({
    queryKey: [...publicationsKey, 'article', articleId],
    queryFn: () => fetchAllItems<Publication>('/api/publications', { articleId }),
    refetchInterval: (query) => pollWhileInFlight(query.state.data),
  });
}

/** Every publication, or one channel's, for the calendar: the API has no date filter, so the calendar places them itself. */
export function useAllPublications(channelId: number | undefined) {
  return useQuery({
    queryKey: [...publicationsKey, 'all', channelId ?? null],
    queryFn: () => fetchAllItems<Publication>('/api/publications', { channelId }),
    refetchInterval: (query) => pollWhileInFlight(query.state.data),
  });
}

export function usePublish() {
  return useMutation({
    mutationFn: (input: NewPublication) => api.post<Publication>('/api/publications', input),
    onSuccess: refreshPublications,
    // The panel and the variant editor show refusals where they happen.
    meta: { silent: true },
  });
}

export function useRetryPublication() {
  return useMutation({ mutationFn: (id: number) => api.post<Publication>(`/api/publications/${id}/retry`), onSuccess: refreshPublications });
}

export function useWithdrawPublication() {
  return useMutation({ mutationFn: (id: number) => api.post<Publication>(`/api/publications/${id}/withdraw`), onSuccess: refreshPublications });
}

/** A channel's variant with `changes` applied and what the platform would refuse; nothing is saved. */
export function usePublicationPreview(articleId: number, channelId: number, changes: VariantChanges | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['publication-preview', articleId, channelId, changes ?? {}],
    queryFn: () => api.post<PublicationPreview>('/api/publications/preview', { articleId, channelId, variant: changes }),
    // The last preview stays on screen while the next one loads, so typing does not make it flicker.
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    enabled,
    // The editor shows why a preview failed (an unconfigured channel, an adapter missing) in place of a toast.
    meta: { silent: true },
  });
}
