import { useMutation, useQuery } from '@tanstack/react-query';
import { api, uploadWithProgress, type Page } from '../../app/api';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';
import type { RecordStatus } from '../org/campuses.api';
import type { FindingCategory, Severity } from './findings';

export type Lexicon = {
  id: number;
  name: string;
  category: FindingCategory;
  defaultSeverity: Severity;
  description: string | null;
  status: RecordStatus;
  entryCount: number;
  createdAt: string;
  updatedAt: string;
};

export type LexiconInput = { name: string; category: FindingCategory; defaultSeverity: Severity; description?: string | null };

export type LexiconEntry = {
  id: number;
  term: string;
  category: FindingCategory;
  severity: Severity;
  suggestion: string | null;
  note: string | null;
  createdAt: string;
};

export type LexiconEntryInput = {
  term: string;
  category?: FindingCategory;
  severity?: Severity;
  suggestion?: string | null;
  note?: string | null;
};

export type ImportSummary = { imported: number; duplicates: number; rejected: { line: number; text: string; reason: string }[] };

const lexiconsKey = ['lexicons'] as const;

function refreshLexicons() {
  return queryClient.invalidateQueries({ queryKey: lexiconsKey });
}

/** Every lexicon of the hospital: the server answers them in one page. */
export function useLexicons() {
  return useQuery({ queryKey: [...lexiconsKey, 'all'], queryFn: async () => (await api.get<Page<Lexicon>>('/api/lexicons')).items });
}

export function useLexicon(id: number) {
  return useQuery({ queryKey: [...lexiconsKey, 'one', id], queryFn: () => api.get<Lexicon>(`/api/lexicons/${id}`) });
}

export function useCreateLexicon() {
  return useMutation({
    mutationFn: (input: LexiconInput) => api.post<Lexicon>('/api/lexicons', input),
    onSuccess: refreshLexicons,
  });
}

export function useUpdateLexicon() {
  return useMutation({
    mutationFn: ({ id, ...changes }: Partial<LexiconInput> & { id: number; status?: RecordStatus }) =>
      api.patch<Lexicon>(`/api/lexicons/${id}`, changes),
    onSuccess: refreshLexicons,
  });
}

export function useLexiconEntries(lexiconId: number, filters: { q?: string }) {
  return useCursorList<LexiconEntry>([...lexiconsKey, 'entries', lexiconId], `/api/lexicons/${lexiconId}/entries`, filters);
}

export function useAddLexiconEntry(lexiconId: number) {
  return useMutation({
    mutationFn: (input: LexiconEntryInput) => api.post<LexiconEntry>(`/api/lexicons/${lexiconId}/entries`, input),
    onSuccess: refreshLexicons,
  });
}

export function useUpdateLexiconEntry(lexiconId: number) {
  return useMutation({
    mutationFn: ({ id, ...changes }: Partial<LexiconEntryInput> & { id: number }) =>
      api.patch<LexiconEntry>(`/api/lexicons/${lexiconId}/entries/${id}`, changes),
    onSuccess: refreshLexicons,
  });
}

export function useDeleteLexiconEntry(lexiconId: number) {
  return useMutation({
    mutationFn: (entryId: number) => api.delete<void>(`/api/lexicons/${lexiconId}/entries/${entryId}`),
    onSuccess: refreshLexicons,
  });
}

/** The file goes up as the multipart field `file`; the whole import succeeds or nothing is added. */
export function useImportLexiconFile(lexiconId: number) {
  return useMutation({
    meta: { silent: true },
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (percent: number) => void }) => {
      const form = new FormData();
      form.append('file', file);
      return uploadWithProgress<ImportSummary>(`/api/lexicons/${lexiconId}/import`, form, onProgress);
    },
    onSuccess: refreshLexicons,
  });
}
