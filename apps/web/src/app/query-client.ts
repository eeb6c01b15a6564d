import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { silent?: boolean };
    mutationMeta: { silent?: boolean };
  }
}

export const sessionQueryKey = ['auth', 'me'] as const;

type ErrorListener = (error: unknown) => void;
let errorListener: ErrorListener = () => {};

/** The UI (inside antd's <App>) registers how errors are shown; the cache itself has no React context. */
export function setApiErrorListener(listener: ErrorListener): void {
  errorListener = listener;
}

function handleError(error: unknown, silent: boolean | undefined): void {
  // A 401 other than a wrong password means the session ended: clearing it sends the user to sign in.
  if (error instanceof ApiError && error.status === 401 && error.code !== 'invalid_credentials') {
    queryClient.setQueryData(sessionQueryKey, null);
    return;
  }
  if (!silent) errorListener(error);
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => handleError(error, query.meta?.silent) }),
  mutationCache: new MutationCache({ onError: (error, _vars, _ctx, mutation) => handleError(error, mutation.meta?.silent) }),
  defaultOptions: {
    queries: {
      retry: (failureCount, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});
