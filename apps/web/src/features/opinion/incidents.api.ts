import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useCurrentUser, type Role } from '../../app/auth/session';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';
import type { ArticleStatus } from '../content/articles.api';
import type { Cluster, Mention } from './opinion.api';

/** The stages of the server's transition table (incident-stages.ts), in order. */
export const INCIDENT_STAGES = ['discovered', 'assessed', 'handled', 'responded', 'repaired', 'reviewed', 'closed'] as const;
export type IncidentStage = (typeof INCIDENT_STAGES)[number];
export const INCIDENT_LEVELS = [1, 2, 3, 4] as const;
export type IncidentLevel = (typeof INCIDENT_LEVELS)[number];
export const OPEN_STAGES = INCIDENT_STAGES.filter((s) => s !== 'closed') as Exclude<IncidentStage, 'closed'>[];

export type Incident = {
  id: number;
  title: string;
  summary: string;
  level: IncidentLevel;
  stage: IncidentStage;
  departmentId: number;
  departmentName: string | null;
  ownerId: number;
  ownerName: string | null;
  createdBy: number;
  discoveredAt: string;
  stageEnteredAt: string;
  stageDueAt: string | null;
  stageOverdue: boolean;
  firstResponseDueAt: string;
  respondedAt: string | null;
  firstResponseOverdue: boolean;
  firstResponseMet: boolean | null;
  escalated: boolean;
  escalatedAt: string | null;
  escalationReason: 'red' | 'first_response_overdue' | 'stage_overdue' | null;
  lessons: string;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type IncidentTask = {
  id: number;
  title: string;
  assigneeId: number;
  assigneeName: string | null;
  dueAt: string | null;
  done: boolean;
  doneAt: string | null;
  doneBy: number | null;
  overdue: boolean;
  createdBy: number;
  createdAt: string;
  canComplete: boolean;
};

export type IncidentEventKind =
  | 'created' | 'updated' | 'stage_changed' | 'cluster_linked' | 'cluster_unlinked' | 'mention_linked' | 'mention_unlinked' | 'alert_linked'
  | 'task_added' | 'task_updated' | 'task_done' | 'task_reopened' | 'task_removed' | 'note' | 'response_drafted' | 'response_submitted'
  | 'first_response_overdue' | 'stage_overdue' | 'escalated' | 'escalation_notified';

export type IncidentEvent = { id: number; kind: IncidentEventKind; actorId: number | null; actorName: string | null; note: string | null; data: Record<string, unknown>; at: string };

export type IncidentResponse = {
  statementId: number;
  statementVersion: number;
  statementTopic: string;
  title: string;
  body: string;
  draftedBy: number;
  submittedAt: string | null;
  updatedAt: string;
  article: { id: number; title: string; status: ArticleStatus; submittedAt: string | null; approvedAt: string | null } | null;
  publications: { id: number; channelId: number; channelName: string; channelKind: string; publishedAt: string | null; live: boolean }[];
};

/** An alert as the incident shows it (the alerts module's fields it uses). */
export type LinkedAlert = { id: number; title: string; level: number; status: string; ruleName: string; mentionCount: number; raisedAt: string };

export type IncidentMove = { to: IncidentStage; reasonRequired: boolean; requires?: 'approved_response' | 'lessons' };

export type IncidentDetail = Incident & {
  clusters: Cluster[];
  mentions: Mention[];
  mentionCount: number;
  alerts: LinkedAlert[];
  tasks: IncidentTask[];
  events: IncidentEvent[];
  response: IncidentResponse | null;
  moves: IncidentMove[];
  permissions: { manage: boolean; delete: boolean };
};

export type RepairWindow = { from: string; to: string; volume: number; negative: number; neutral: number; positive: number; negativeShare: number | null };
export type RepairMeasure = {
  responseAt: string | null;
  requestedHours: number;
  windowHours: number;
  before: RepairWindow | null;
  after: RepairWindow | null;
  volumeChange: number | null;
  negativeShareChange: number | null;
  improved: boolean | null;
  series: { at: string; negative: number; neutral: number; positive: number }[];
};

export type StatementSuggestion = { id: number; topic: string; wording: string; facts: string; version: number; score: number };

export type SlaPolicy = {
  level: IncidentLevel;
  firstResponseMinutes: number;
  stageMinutes: Record<Exclude<IncidentStage, 'closed'>, number>;
  /** The notification channels told of an escalation; null: every active one; []: none. */
  escalationChannelIds: number[] | null;
  custom: boolean;
};

export type IncidentInput = { title: string; level: IncidentLevel; summary?: string; discoveredAt?: string };
export type IncidentChanges = Partial<Pick<Incident, 'title' | 'summary' | 'level' | 'ownerId' | 'lessons'>>;

// The server's incident policy, mirrored so the board offers only what it accepts.
const OPENERS: readonly Role[] = ['admin', 'editor', 'opinion_officer'];
const SLA_SETTERS: readonly Role[] = ['admin', 'editor'];

export function useOpensIncidents(): boolean {
  return useCurrentUser().roles.some((role) => OPENERS.includes(role));
}

export function useSetsSla(): boolean {
  return useCurrentUser().roles.some((role) => SLA_SETTERS.includes(role));
}

const incidentsKey = ['incidents'] as const;
const refreshIncidents = () => queryClient.invalidateQueries({ queryKey: incidentsKey });
const base = (id: number) => `/api/opinion/incidents/${id}`;

/** A column of the board: the incidents in one stage that the user may see, newest first. */
export function useIncidentColumn(stage: IncidentStage, filters: { escalated?: boolean; mine?: boolean }) {
  return useCursorList<Incident>([...incidentsKey, 'list'], '/api/opinion/incidents', { stage, ...filters });
}

export function useIncident(id: number) {
  // The SLA clocks and a reviewer's decision elsewhere change what the page shows: it is re-read every half minute.
  return useQuery({ queryKey: [...incidentsKey, 'one', id], queryFn: () => api.get<IncidentDetail>(base(id)), refetchInterval: 30_000 });
}

/** Every change answers with the incident as it is now; the page shows it without a second request. */
function useIncidentChange<V>(request: (input: V) => Promise<IncidentDetail>) {
  return useMutation({
    mutationFn: request,
    onSuccess: (incident) => {
      queryClient.setQueryData([...incidentsKey, 'one', incident.id], incident);
      return refreshIncidents();
    },
  });
}

export function useCreateIncident() {
  return useIncidentChange((input: IncidentInput) => api.post<IncidentDetail>('/api/opinion/incidents', input));
}

export function useCreateIncidentFromAlert() {
  return useIncidentChange((alertId: number) => api.post<IncidentDetail>('/api/opinion/incidents/from-alert', { alertId }));
}

export function useUpdateIncident(id: number) {
  return useIncidentChange((changes: IncidentChanges) => api.patch<IncidentDetail>(base(id), changes));
}

export function useDeleteIncident() {
  return useMutation({ mutationFn: (id: number) => api.delete<void>(base(id)), onSuccess: refreshIncidents });
}

export function useTransitionIncident(id: number) {
  return useIncidentChange((input: { to: IncidentStage; reason?: string; at?: string }) => api.post<IncidentDetail>(`${base(id)}/transitions`, input));
}

export function useLinkCluster(id: number) {
  return useIncidentChange((clusterId: number) => api.post<IncidentDetail>(`${base(id)}/clusters`, { clusterId }));
}

export function useUnlinkCluster(id: number) {
  return useIncidentChange((clusterId: number) => api.delete<IncidentDetail>(`${base(id)}/clusters/${clusterId}`));
}

export function useUnlinkMention(id: number) {
  return useIncidentChange((mentionId: number) => api.delete<IncidentDetail>(`${base(id)}/mentions/${mentionId}`));
}

export function useAddTask(id: number) {
  return useIncidentChange((input: { title: string; assigneeId: number; dueAt?: string | null }) => api.post<IncidentDetail>(`${base(id)}/tasks`, input));
}

export function useUpdateTask(id: number) {
  return useIncidentChange(({ taskId, ...changes }: { taskId: number; done?: boolean }) => api.patch<IncidentDetail>(`${base(id)}/tasks/${taskId}`, changes));
}

export function useRemoveTask(id: number) {
  return useIncidentChange((taskId: number) => api.delete<IncidentDetail>(`${base(id)}/tasks/${taskId}`));
}

export function useAddNote(id: number) {
  return useIncidentChange((text: string) => api.post<IncidentDetail>(`${base(id)}/notes`, { text }));
}

const refreshIncident = (id: number) => queryClient.invalidateQueries({ queryKey: [...incidentsKey, 'one', id] });

export function useDraftResponse(id: number) {
  return useMutation({
    mutationFn: (input: { statementId: number; title?: string; body?: string }) => api.put<IncidentResponse>(`${base(id)}/response`, input),
    onSuccess: () => refreshIncident(id),
  });
}

export function useSubmitResponse(id: number) {
  return useMutation({
    mutationFn: (acknowledgement?: string) => api.post<IncidentResponse>(`${base(id)}/response/submit`, acknowledgement ? { acknowledgement: { reason: acknowledgement } } : {}),
    onSuccess: () => Promise.all([refreshIncident(id), queryClient.invalidateQueries({ queryKey: ['articles'] })]),
  });
}

export function useStatementSuggestions(id: number, enabled: boolean) {
  return useQuery({ queryKey: [...incidentsKey, 'suggestions', id], queryFn: () => api.get<{ items: StatementSuggestion[] }>(`${base(id)}/statement-suggestions`), enabled });
}

export function useRepairMeasure(id: number, hours: number, enabled: boolean) {
  return useQuery({ queryKey: [...incidentsKey, 'repair', id, hours], queryFn: () => api.get<RepairMeasure>(`${base(id)}/repair`, { hours }), enabled });
}

/** Open alerts, newest first, to open an incident from. */
export function useOpenAlerts(enabled: boolean) {
  return useQuery({
    queryKey: [...incidentsKey, 'open-alerts'],
    queryFn: () => api.get<{ items: LinkedAlert[] }>('/api/opinion/alerts', { status: 'open', limit: 50 }),
    enabled,
  });
}

export function useSlaPolicies(enabled: boolean) {
  return useQuery({ queryKey: [...incidentsKey, 'sla'], queryFn: () => api.get<{ items: SlaPolicy[] }>('/api/opinion/incident-sla'), enabled });
}

export function useSetSlaPolicy() {
  return useMutation({
    mutationFn: ({ level, ...policy }: Omit<SlaPolicy, 'custom'>) => api.put<{ items: SlaPolicy[] }>(`/api/opinion/incident-sla/${level}`, policy),
    onSuccess: (policies) => queryClient.setQueryData([...incidentsKey, 'sla'], policies),
  });
}

export const incidentReportUrl = (id: number) => `${base(id)}/report.docx`;
