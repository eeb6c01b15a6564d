import { useMutation } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';
import { refreshTopics, type Topic, type TopicPlan } from './topics.api';

export const LEAD_STATUSES = ['new', 'accepted', 'declined'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export type LeadPhoto = { id: number; url: string; contentType: string; bytes: number; uploadedBy: number; createdAt: string };

export type Lead = {
  id: number;
  title: string;
  description: string;
  departmentId: number;
  /** A calendar day, YYYY-MM-DD. */
  suggestedDate: string | null;
  submittedBy: number;
  status: LeadStatus;
  declineReason: string | null;
  topicId: number | null;
  decidedBy: number | null;
  decidedAt: string | null;
  photos: LeadPhoto[];
  createdAt: string;
  updatedAt: string;
};

export type LeadInput = { title: string; description: string; departmentId?: number; suggestedDate?: string | null };

// The server's limits, checked here first so a wrong file is refused before anything is sent.
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTO_MAX_COUNT = 9;

const leadsKey = ['leads'] as const;

function refreshLeads() {
  return queryClient.invalidateQueries({ queryKey: leadsKey });
}

export function useLeadList(filters: { status?: LeadStatus }) {
  return useCursorList<Lead>([...leadsKey, 'list'], '/api/leads', filters);
}

function uploadPhoto(leadId: number, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api.post<LeadPhoto>(`/api/leads/${leadId}/photos`, form);
}

/**
 * Submits the lead, then its photos one by one (one file a request). A photo the server refuses does not undo the
 * lead: the answer says how many photos did not make it.
 */
export function useSubmitLead() {
  return useMutation({
    mutationFn: async ({ input, photos }: { input: LeadInput; photos: File[] }) => {
      const lead = await api.post<Lead>('/api/leads', input);
      let failedPhotos = 0;
      for (const photo of photos) await uploadPhoto(lead.id, photo).catch(() => (failedPhotos += 1));
      return { lead, failedPhotos };
    },
    onSettled: refreshLeads,
  });
}

export function useAcceptLead() {
  return useMutation({
    mutationFn: ({ id, ...plan }: TopicPlan & { id: number; title?: string }) => api.post<Topic>(`/api/leads/${id}/accept`, plan),
    onSuccess: () => Promise.all([refreshLeads(), refreshTopics()]),
  });
}

export function useDeclineLead() {
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => api.post<Lead>(`/api/leads/${id}/decline`, { reason }),
    onSuccess: refreshLeads,
  });
}
