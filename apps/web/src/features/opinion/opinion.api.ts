import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, type Page, type Query } from '../../app/api';
import { useCurrentUser, type Role } from '../../app/auth/session';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';

/** The analysis fields of the server's opinion module (docs/opinion-risk.md). */
export const POLARITIES = ['negative', 'neutral', 'positive'] as const;
export type Polarity = (typeof POLARITIES)[number];
export const CATEGORIES = [
  'service_attitude', 'waiting_crowding', 'fees_billing', 'medical_dispute', 'malpractice_injury', 'death', 'violence',
  'corruption', 'privacy', 'infection_safety', 'rumor', 'environment_facilities', 'praise_staff', 'medical_achievement',
  'public_service_event', 'policy_news', 'unrelated',
] as const;
export type Category = (typeof CATEGORIES)[number];
export const RISKS = [0, 1, 2, 3, 4] as const;
export const SOURCE_KINDS = ['rss', 'push', 'import', 'manual'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const WATCH_RULE_KINDS = ['name', 'alias', 'campus', 'department', 'staff', 'exclude'] as const;
export type WatchRuleKind = (typeof WATCH_RULE_KINDS)[number];
export const CLUE_STATUSES = ['new', 'confirmed', 'dismissed'] as const;
export type ClueStatus = (typeof CLUE_STATUSES)[number];
export const IMPORT_FIELDS = ['id', 'title', 'text', 'url', 'author', 'published_at', 'reposts', 'comments', 'likes'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export type Mention = {
  id: number;
  sourceId: number;
  sourceName: string;
  sourceKind: SourceKind;
  externalId: string;
  url: string | null;
  title: string;
  text: string;
  author: string | null;
  publishedAt: string | null;
  occurredAt: string;
  ingestedAt: string;
  reposts: number;
  comments: number;
  likes: number;
  aboutHospital: boolean;
  polarity: Polarity;
  risk: number;
  category: Category;
  clusterId: number | null;
  clusterSize: number | null;
  reasons: string[];
  correctedFields: string[];
  correctedBy: number | null;
  correctedAt: string | null;
};

export type Correction = {
  id: number;
  mentionId: number;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  reason: string;
  analysisReasons: string[];
  correctedBy: number;
  createdAt: string;
};

export type Cluster = {
  id: number;
  firstMentionId: number | null;
  title: string;
  size: number;
  reach: number;
  firstSeenAt: string;
  lastSeenAt: string;
  lastHourCount: number;
  peakHourCount: number;
  maxRisk: number;
  aboutHospital: boolean;
};

export type PolarityPoint = { at: string; negative: number; neutral: number; positive: number };

export type ClusterDetail = Cluster & {
  firstMention: Mention | null;
  bucket: 'hour' | 'day';
  timeline: PolarityPoint[];
  sources: { sourceId: number; name: string; count: number }[];
};

export type Trend = {
  bucket: 'hour' | 'day';
  from: string;
  to: string;
  byPolarity: PolarityPoint[];
  bySource: { sourceId: number; name: string; points: { at: string; count: number }[] }[];
};

export type Share = {
  total: number;
  byPolarity: { key: Polarity; count: number }[];
  byRisk: { key: number; count: number }[];
  byCategory: { key: Category; count: number }[];
  bySource: { sourceId: number; name: string; count: number }[];
};

export type Source = {
  id: number;
  kind: SourceKind;
  name: string;
  url: string | null;
  status: 'active' | 'paused';
  pollIntervalMinutes: number;
  weight: number;
  hasSecret: boolean;
  health: {
    lastPolledAt: string | null;
    lastSuccessAt: string | null;
    lastErrorAt: string | null;
    lastError: string | null;
    consecutiveFailures: number;
    nextPollAt: string | null;
    bozoReason: string | null;
    itemsPerDay: number;
  };
  createdAt: string;
  updatedAt: string;
};

export type SourceInput = { kind: SourceKind; name: string; url?: string | null; pollIntervalMinutes?: number; weight?: number; status?: 'active' | 'paused' };

export type WatchRule = { id: number; kind: WatchRuleKind; term: string; note: string | null; status: 'active' | 'disabled'; origin: 'org' | 'manual'; createdAt: string; updatedAt: string };

type Verdict = { aboutHospital: boolean; polarity: Polarity; risk: number; category: Category };
export type RulePreview = { tested: number; matched: number; changed: { mention: Mention; before: Verdict; after: Verdict; reasons: string[] }[] };

export type ClueScreenshot = { id: number; url: string; contentType: string; bytes: number; createdAt: string };
export type Clue = {
  id: number;
  title: string;
  description: string;
  url: string | null;
  platform: string | null;
  seenAt: string | null;
  departmentId: number;
  reportedBy: number;
  status: ClueStatus;
  mentionId: number | null;
  decidedBy: number | null;
  decidedAt: string | null;
  dismissReason: string | null;
  screenshots: ClueScreenshot[];
  createdAt: string;
  updatedAt: string;
};
export type ClueInput = { title: string; description: string; url?: string | null; platform?: string | null; seenAt?: string | null };

export type ColumnMapping = Partial<Record<ImportField, number>>;
export type ImportPreview = { fileName: string; headers: string[]; sample: string[][]; rowCount: number; suggestedMapping: ColumnMapping };
export type ImportResult = { received: number; inserted: number; duplicates: number; errors: { row: number; message: string }[] };

export type MentionFilters = {
  sourceId?: number;
  polarity?: Polarity;
  minRisk?: number;
  category?: Category;
  clusterId?: number;
  aboutHospital?: boolean;
  from?: string;
  to?: string;
  q?: string;
};

// Screenshots: the server's limits, checked here first so a wrong file is refused before anything is sent.
export const SCREENSHOT_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const SCREENSHOT_MAX_BYTES = 10 * 1024 * 1024;
export const SCREENSHOT_MAX_COUNT = 9;

/** How often the desk and the wall screen look for new mentions. */
export const LIVE_REFRESH_MS = 5_000;

// The server's policy (opinion.policy.ts), mirrored so pages offer only what it accepts.
const SEERS: readonly Role[] = ['admin', 'editor', 'leader', 'opinion_officer'];
const MANAGERS: readonly Role[] = ['admin', 'editor', 'opinion_officer'];

export function useSeesOpinion(): boolean {
  return useCurrentUser().roles.some((role) => SEERS.includes(role));
}

export function useManagesOpinion(): boolean {
  return useCurrentUser().roles.some((role) => MANAGERS.includes(role));
}

const opinionKey = ['opinion'] as const;
const refreshOpinion = () => queryClient.invalidateQueries({ queryKey: opinionKey });

const PAGE_SIZE = 50;

/** The desk's stream: newest first, pages fetched on demand, every page re-read every few seconds. */
export function useLiveMentions(filters: MentionFilters, enabled = true) {
  const query = useInfiniteQuery({
    enabled,
    queryKey: [...opinionKey, 'mentions', filters],
    queryFn: ({ pageParam }) => api.get<Page<Mention>>('/api/opinion/mentions', { ...(filters as Query), limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    refetchInterval: LIVE_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  return {
    items: query.data?.pages.flatMap((page) => page.items) ?? [],
    isLoading: query.isPending,
    hasMore: query.hasNextPage,
    isLoadingMore: query.isFetchingNextPage,
    loadMore: () => void query.fetchNextPage(),
    updatedAt: query.dataUpdatedAt,
  };
}

export function useCorrections(mentionId: number | null) {
  return useQuery({
    queryKey: [...opinionKey, 'corrections', mentionId],
    queryFn: () => api.get<{ items: Correction[] }>(`/api/opinion/mentions/${mentionId}/corrections`),
    enabled: mentionId !== null,
  });
}

export type CorrectionInput = { aboutHospital?: boolean; polarity?: Polarity; risk?: number; category?: Category; reason: string };

export function useCorrectMention() {
  return useMutation({
    mutationFn: ({ id, ...input }: CorrectionInput & { id: number }) => api.patch<Mention>(`/api/opinion/mentions/${id}`, input),
    onSuccess: refreshOpinion,
  });
}

export function useTrend(query: MentionFilters & { bucket: 'hour' | 'day'; from: string; to: string }, live = false) {
  return useQuery({
    queryKey: [...opinionKey, 'trend', query],
    queryFn: () => api.get<Trend>('/api/opinion/trend', query as Query),
    refetchInterval: live ? LIVE_REFRESH_MS * 6 : false,
    placeholderData: keepPreviousData,
  });
}

export function useShare(query: MentionFilters, live = false) {
  return useQuery({
    queryKey: [...opinionKey, 'share', query],
    queryFn: () => api.get<Share>('/api/opinion/share', query as Query),
    refetchInterval: live ? LIVE_REFRESH_MS * 6 : false,
    placeholderData: keepPreviousData,
  });
}

export function useClusterList(filters: { minRisk?: number; minSize?: number; aboutHospital?: boolean }) {
  return useCursorList<Cluster>([...opinionKey, 'clusters'], '/api/opinion/clusters', filters);
}

export function useTopClusters(filters: { minRisk?: number; minSize?: number; from?: string }, live = false) {
  return useQuery({
    queryKey: [...opinionKey, 'top-clusters', filters],
    queryFn: () => api.get<Page<Cluster>>('/api/opinion/clusters', { ...filters, limit: 20 }),
    refetchInterval: live ? LIVE_REFRESH_MS * 2 : false,
  });
}

export function useCluster(id: number) {
  return useQuery({ queryKey: [...opinionKey, 'cluster', id], queryFn: () => api.get<ClusterDetail>(`/api/opinion/clusters/${id}`), refetchInterval: LIVE_REFRESH_MS * 2 });
}

// ── sources ───────────────────────────────────────────────────────────────

export function useSourceList() {
  return useCursorList<Source>([...opinionKey, 'sources'], '/api/opinion/sources', {});
}

export function useAllSources() {
  return useQuery({ queryKey: [...opinionKey, 'sources', 'all'], queryFn: () => api.get<Page<Source>>('/api/opinion/sources', { limit: 200 }), select: (page) => page.items });
}

export function useSaveSource() {
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: SourceInput }) => {
      if (id === null) return api.post<Source & { secret?: string }>('/api/opinion/sources', input);
      const { kind: _kind, ...patch } = input;
      return api.patch<Source & { secret?: string }>(`/api/opinion/sources/${id}`, patch);
    },
    onSuccess: refreshOpinion,
  });
}

export function useDeleteSource() {
  return useMutation({ mutationFn: (id: number) => api.delete<void>(`/api/opinion/sources/${id}`), onSuccess: refreshOpinion });
}

export function useRotateSecret() {
  return useMutation({ mutationFn: (id: number) => api.post<{ secret: string }>(`/api/opinion/sources/${id}/secret`), onSuccess: refreshOpinion });
}

export type PollOutcome = { status: 'fetched' | 'not_modified' | 'failed'; items?: number; inserted?: number; duplicates?: number; bozo?: boolean; error?: string };

export function usePollSource() {
  return useMutation({ mutationFn: (id: number) => api.post<{ outcome: PollOutcome; source: Source }>(`/api/opinion/sources/${id}/poll`), onSuccess: refreshOpinion });
}

// ── watch rules ───────────────────────────────────────────────────────────

export function useWatchRuleList(kind?: WatchRuleKind) {
  return useCursorList<WatchRule>([...opinionKey, 'watch-rules'], '/api/opinion/watch-rules', { kind });
}

export function useSaveWatchRule() {
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: Partial<Pick<WatchRule, 'kind' | 'term' | 'note' | 'status'>> }) =>
      id === null ? api.post<WatchRule>('/api/opinion/watch-rules', input) : api.patch<WatchRule>(`/api/opinion/watch-rules/${id}`, input),
    onSuccess: refreshOpinion,
  });
}

export function useDeleteWatchRule() {
  return useMutation({ mutationFn: (id: number) => api.delete<void>(`/api/opinion/watch-rules/${id}`), onSuccess: refreshOpinion });
}

export function useSyncWatchRules() {
  return useMutation({ mutationFn: () => api.post<{ added: number }>('/api/opinion/watch-rules/sync'), onSuccess: refreshOpinion });
}

export function usePreviewWatchRule() {
  return useMutation({ mutationFn: (rule: { kind: WatchRuleKind; term: string; remove?: boolean; limit?: number }) => api.post<RulePreview>('/api/opinion/watch-rules/preview', rule) });
}

// ── clues ─────────────────────────────────────────────────────────────────

export function useClueList(filters: { status?: ClueStatus; mine?: boolean }) {
  return useCursorList<Clue>([...opinionKey, 'clues'], '/api/opinion/clues', filters);
}

function uploadScreenshot(clueId: number, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api.post<ClueScreenshot>(`/api/opinion/clues/${clueId}/screenshots`, form);
}

/** Reports the clue, then its screenshots one by one; a refused screenshot does not undo the clue. */
export function useReportClue() {
  return useMutation({
    mutationFn: async ({ input, screenshots }: { input: ClueInput; screenshots: File[] }) => {
      const clue = await api.post<Clue>('/api/opinion/clues', input);
      let failedScreenshots = 0;
      for (const file of screenshots) await uploadScreenshot(clue.id, file).catch(() => (failedScreenshots += 1));
      return { clue, failedScreenshots };
    },
    onSettled: refreshOpinion,
  });
}

export function useConfirmClue() {
  return useMutation({ mutationFn: (id: number) => api.post<Clue>(`/api/opinion/clues/${id}/confirm`, {}), onSuccess: refreshOpinion });
}

export function useDismissClue() {
  return useMutation({ mutationFn: ({ id, reason }: { id: number; reason: string }) => api.post<Clue>(`/api/opinion/clues/${id}/dismiss`, { reason }), onSuccess: refreshOpinion });
}

// ── import ────────────────────────────────────────────────────────────────

export function usePreviewImport() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.post<ImportPreview>('/api/opinion/imports/preview', form);
    },
  });
}

export function useImportMentions() {
  return useMutation({
    mutationFn: ({ file, sourceId, mapping }: { file: File; sourceId: number; mapping: ColumnMapping }) => {
      const form = new FormData();
      form.append('sourceId', String(sourceId));
      form.append('mapping', JSON.stringify(mapping));
      form.append('file', file);
      return api.post<ImportResult>('/api/opinion/imports', form);
    },
    onSuccess: refreshOpinion,
  });
}
