import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api';
import { useCursorList } from '../../app/cursor-list';
import type { articleVersionSchema, articleVersionSummary } from '../../../../server/src/modules/content/content.schemas.ts';

export type ArticleVersionSummary = z.infer<typeof articleVersionSummary>;
/** A saved version: the article's fields as they were, and the body as a reader saw it. */
export type ArticleVersion = z.infer<typeof articleVersionSchema>;
export type ArticleSnapshot = ArticleVersion['snapshot'];

/** The list is keyed by the article's current version, so a save shows up in it at once. */
export function useArticleVersions(articleId: number, currentVersion: number) {
  return useCursorList<ArticleVersionSummary>(['articles', 'versions', articleId, currentVersion], `/api/articles/${articleId}/versions`, {});
}

/** A saved version never changes. */
export function useArticleVersion(articleId: number, version: number | null) {
  return useQuery({
    queryKey: ['articles', 'version', articleId, version],
    queryFn: () => api.get<ArticleVersion>(`/api/articles/${articleId}/versions/${version}`),
    enabled: version !== null,
    staleTime: Infinity,
  });
}
