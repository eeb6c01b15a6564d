import { useMutation } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useCurrentUser, type Role } from '../../app/auth/session';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';
import type { Article, ArticleStatus } from './articles.api';

export const TOPIC_STATUSES = ['planned', 'in_progress', 'submitted', 'published', 'dropped'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

export type Topic = {
  id: number;
  title: string;
  brief: string | null;
  leadId: number | null;
  assigneeUserId: number;
  departmentId: number;
  channelIds: number[];
  /** A calendar day, YYYY-MM-DD. */
  dueDate: string;
  overdue: boolean;
  status: TopicStatus;
  /** The statuses the signed-in user may move the topic to now, as the server's table of moves says. */
  moves: TopicStatus[];
  articleId: number | null;
  articleStatus: ArticleStatus | null;
  dropReason: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
};

/** Who writes it, by when, and where it goes out. */
export type TopicPlan = { assigneeUserId: number; dueDate: string; channelIds: number[]; brief?: string | null };

export type TopicInput = TopicPlan & { title: string; departmentId: number };

export type TopicFilters = { assigneeUserId?: number; departmentId?: number };

// The server's planners (选题策划), mirrored so planning actions are offered only to those it accepts.
const PLANNERS: readonly Role[] = ['admin', 'editor'];

export function useCanPlanTopics(): boolean {
  return useCurrentUser().roles.some((role) => PLANNERS.includes(role));
}

export const topicsKey = ['topics'] as const;

export function refreshTopics() {
  return queryClient.invalidateQueries({ queryKey: topicsKey });
}

/** One column of the board: the topics in one status, newest first, a page at a time. */
export function useTopicColumn(status: TopicStatus, filters: TopicFilters) {
  return useCursorList<Topic>([...topicsKey, 'list'], '/api/topics', { status, ...filters });
}

export function useCreateTopic() {
  return useMutation({ mutationFn: (input: TopicInput) => api.post<Topic>('/api/topics', input), onSuccess: refreshTopics });
}

export function useUpdateTopic() {
  return useMutation({
    mutationFn: ({ id, ...changes }: Partial<TopicInput> & { id: number }) => api.patch<Topic>(`/api/topics/${id}`, changes),
    onSuccess: refreshTopics,
  });
}

export function useTransitionTopic() {
  return useMutation({
    mutationFn: ({ id, to, reason }: { id: number; to: TopicStatus; reason?: string }) => api.post<Topic>(`/api/topics/${id}/transition`, { to, reason }),
    onSuccess: refreshTopics,
  });
}

/** 写稿: the server creates the draft from the topic and links it. */
export function useWriteTopicArticle() {
  return useMutation({
    mutationFn: (id: number) => api.post<Article>(`/api/topics/${id}/article`, {}),
    onSuccess: () => Promise.all([refreshTopics(), queryClient.invalidateQueries({ queryKey: ['articles'] })]),
  });
}
