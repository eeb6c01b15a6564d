import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { api, type Page, type Query } from './api';

const PAGE_SIZE = 50;

export type CursorList<T> = {
  items: T[];
  isLoading: boolean;
  hasMore: boolean;
  isLoadingMore: boolean;
  loadMore: () => void;
};

/** A keyset-paginated list: the pages fetched so far, flattened, and a way to fetch the next one. Not fetched while disabled. */
export function useCursorList<T>(queryKey: QueryKey, path: string, filters: Query, enabled = true): CursorList<T> {
  const query = useInfiniteQuery({
    enabled,
    queryKey: [...queryKey, filters],
    queryFn: ({ pageParam }) => api.get<Page<T>>(path, { ...filters, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
  return {
    items: query.data?.pages.flatMap((page) => page.items) ?? [],
    isLoading: query.isPending,
    hasMore: query.hasNextPage,
    isLoadingMore: query.isFetchingNextPage,
    loadMore: () => void query.fetchNextPage(),
  };
}
