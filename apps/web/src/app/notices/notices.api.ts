import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { useCursorList } from '../cursor-list';
import { queryClient } from '../query-client';

/** A notice of the console inbox (站内消息), as the server's platform/notices answers it. */
export type Notice = {
  id: number;
  /** `review.overdue`, `targets.behind` … */
  kind: string;
  title: string;
  body: string;
  /** A console path to open, or null. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
};

export const noticesKey = ['notices'] as const;
const UNREAD_POLL_MS = 60_000;

/** The badge's number: polled every minute, and again when the window regains focus; errors stay quiet. */
export function useUnreadNoticeCount() {
  return useQuery({
    queryKey: [...noticesKey, 'unread-count'],
    queryFn: () => api.get<{ count: number }>('/api/notices/unread-count'),
    select: (data) => data.count,
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
    meta: { silent: true },
  });
}

export function useNoticeList(enabled: boolean) {
  return useCursorList<Notice>([...noticesKey, 'list'], '/api/notices', {}, enabled);
}

export function refreshNotices() {
  return queryClient.invalidateQueries({ queryKey: noticesKey });
}

export function useMarkNoticeRead() {
  return useMutation({
    mutationFn: (id: number) => api.post<Notice>(`/api/notices/${id}/read`),
    onSuccess: () => refreshNotices(),
  });
}

export function useMarkAllNoticesRead() {
  return useMutation({
    mutationFn: () => api.post<{ count: number }>('/api/notices/read-all'),
    onSuccess: () => refreshNotices(),
  });
}
