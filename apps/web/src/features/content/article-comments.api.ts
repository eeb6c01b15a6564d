import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';
import type { commentBody, commentSchema } from '../../../../server/src/modules/content/article-comments.schemas.ts';

/** A comment (批注) as the server returns it: a thread quotes a passage, a reply names its thread (parentId). */
export type ArticleComment = z.infer<typeof commentSchema>;
export type CommentInput = z.input<typeof commentBody>;

function commentsKey(articleId: number) {
  return ['articles', 'comments', articleId] as const;
}

/** The comments of a saved article; a new one (null) has none. */
export function useArticleComments(articleId: number | null) {
  return useCursorList<ArticleComment>(commentsKey(articleId ?? 0), `/api/articles/${articleId}/comments`, {}, articleId !== null);
}

const refresh = (articleId: number) => () => queryClient.invalidateQueries({ queryKey: commentsKey(articleId) });

export function useAddComment(articleId: number) {
  return useMutation({ mutationFn: (input: CommentInput) => api.post<ArticleComment>(`/api/articles/${articleId}/comments`, input), onSuccess: refresh(articleId) });
}

export function useResolveComment(articleId: number) {
  return useMutation({ mutationFn: (commentId: number) => api.post<ArticleComment>(`/api/articles/${articleId}/comments/${commentId}/resolve`), onSuccess: refresh(articleId) });
}
