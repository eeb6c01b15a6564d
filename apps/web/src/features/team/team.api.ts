import { useMutation, useQuery } from '@tanstack/react-query';
import { api, type Page, type Query } from '../../app/api';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';
import type { DepartmentKind } from '../org/departments.api';

/** The values of the server's team module (team.tables.ts). */
export const GRID_ROLES = ['correspondent', 'publicity_member', 'opinion_officer', 'science_expert', 'influencer_doctor'] as const;
export type GridRole = (typeof GRID_ROLES)[number];
export const MEMBER_STATUSES = ['active', 'paused', 'left'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const ATTENDANCE_VALUES = ['pending', 'present', 'absent', 'excused'] as const;
export type Attendance = (typeof ATTENDANCE_VALUES)[number];
export const RULE_KINDS = ['article', 'publication', 'coverage', 'opinion_clue', 'training'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const MEDIA_LEVELS = ['national', 'provincial', 'municipal', 'county', 'industry'] as const;
export type MediaLevel = (typeof MEDIA_LEVELS)[number];
export const ENTRY_KINDS = ['award', 'reversal', 'adjustment'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export type SourceType = RuleKind | 'manual';

export type Level = { id: number; position: number; name: string; description: string | null; createdAt: string; updatedAt: string };

export type Member = {
  id: number;
  userId: number;
  displayName: string;
  username: string;
  homeDepartmentId: number | null;
  homeDepartmentName: string;
  levelId: number;
  gridRoles: GridRole[];
  departments: { id: number; name: string }[];
  since: string;
  status: MemberStatus;
  note: string | null;
  createdAt: string;
  updatedAt: string;
};

export type MemberInput = { userId: number; levelId: number; gridRoles: GridRole[]; departmentIds?: number[]; since?: string; status?: MemberStatus; note?: string | null };
export type MemberFilters = { levelId?: number; gridRole?: GridRole; departmentId?: number; status?: MemberStatus };

export type Overview = {
  levels: (Level & { members: number })[];
  departments: { departmentId: number; departmentName: string; kind: DepartmentKind; members: number; correspondents: number; publicityMembers: number; needs: GridRole; gap: boolean }[];
  gaps: number;
};

export type Training = { id: number; topic: string; trainer: string; startsAt: string; place: string; description: string | null; attendees: number; present: number; createdBy: number; createdAt: string; updatedAt: string };
export type TrainingDetail = Training & {
  attendeeList: { userId: number; displayName: string; departmentId: number; departmentName: string; attendance: Attendance; recordedAt: string | null }[];
};
export type TrainingInput = { topic: string; trainer: string; startsAt: string; place: string; description?: string | null };

export type Rule = {
  id: number;
  name: string;
  kind: RuleKind;
  channelKind: string | null;
  category: string | null;
  mediaLevel: MediaLevel | null;
  points: number;
  validFrom: string;
  validTo: string | null;
  sourceAvailable: boolean;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
};
export type RuleInput = { name: string; kind: RuleKind; points: number; channelKind?: string | null; category?: string | null; mediaLevel?: MediaLevel | null; validFrom?: string; validTo?: string | null };

export type Entry = {
  id: number;
  userId: number;
  displayName: string;
  departmentId: number;
  departmentName: string;
  points: number;
  kind: EntryKind;
  reason: string;
  sourceType: SourceType;
  sourceId: number | null;
  articleId: number | null;
  ruleId: number | null;
  ruleName: string | null;
  reversesId: number | null;
  occurredAt: string;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
};
export type EntryFilters = { from?: string; to?: string; userId?: number; departmentId?: number; sourceType?: SourceType; kind?: EntryKind };

export type GroupBy = 'person' | 'department';
export type RankingRow = { rank: number; userId: number | null; displayName: string | null; departmentId: number; departmentName: string; points: number; entries: number; people: number | null };
export type Ranking = { from: string; to: string; groupBy: GroupBy; items: RankingRow[] };
export type Period = { from?: string; to?: string };

export type CommendationItem = { rank: number; userId: number; displayName: string; departmentId: number; departmentName: string; points: number };
export type ProposalInput = { year: number; topN: number; minPoints: number; excludeUserIds: number[] };
export type Commendation = {
  id: number;
  year: number;
  title: string;
  topN: number;
  minPoints: number;
  excludedUserIds: number[];
  items: CommendationItem[];
  note: string | null;
  confirmedBy: number;
  confirmedByName: string;
  confirmedAt: string;
};

const teamKey = ['team'] as const;
const gridKey = [...teamKey, 'grid'] as const;
const trainingKey = [...teamKey, 'trainings'] as const;
const pointsKey = [...teamKey, 'points'] as const;
const commendationKey = [...teamKey, 'commendations'] as const;

const refresh = (key: readonly string[]) => queryClient.invalidateQueries({ queryKey: key });

export function useLevels() {
  return useQuery({ queryKey: [...gridKey, 'levels'], queryFn: async () => (await api.get<Page<Level>>('/api/team/grid/levels')).items });
}

export function useSaveLevel() {
  return useMutation({
    mutationFn: ({ id, ...input }: { id?: number; name: string; description?: string | null; position?: number }) =>
      id === undefined ? api.post<Level>('/api/team/grid/levels', input) : api.patch<Level>(`/api/team/grid/levels/${id}`, input),
    onSuccess: () => refresh(gridKey),
  });
}

export function useDeleteLevel() {
  return useMutation({ mutationFn: (id: number) => api.delete<void>(`/api/team/grid/levels/${id}`), onSuccess: () => refresh(gridKey) });
}

export function useOverview() {
  return useQuery({ queryKey: [...gridKey, 'overview'], queryFn: () => api.get<Overview>('/api/team/grid/overview') });
}

export function useMemberList(filters: MemberFilters) {
  return useCursorList<Member>([...gridKey, 'members'], '/api/team/grid/members', filters);
}

export function useSaveMember() {
  return useMutation({
    mutationFn: ({ id, userId, ...changes }: MemberInput & { id?: number }) =>
      id === undefined ? api.post<Member>('/api/team/grid/members', { userId, ...changes }) : api.patch<Member>(`/api/team/grid/members/${id}`, changes),
    onSuccess: () => refresh(gridKey),
  });
}

export function useDeleteMember() {
  return useMutation({ mutationFn: (id: number) => api.delete<void>(`/api/team/grid/members/${id}`), onSuccess: () => refresh(gridKey) });
}

export function useTrainingList(filters: Period) {
  return useCursorList<Training>([...trainingKey, 'list'], '/api/team/trainings', filters);
}

export function useTraining(id: number | null) {
  return useQuery({ queryKey: [...trainingKey, 'detail', id], queryFn: () => api.get<TrainingDetail>(`/api/team/trainings/${id}`), enabled: id !== null });
}

export function useSaveTraining() {
  return useMutation({
    mutationFn: ({ id, ...input }: TrainingInput & { id?: number }) =>
      id === undefined ? api.post<TrainingDetail>('/api/team/trainings', input) : api.patch<TrainingDetail>(`/api/team/trainings/${id}`, input),
    onSuccess: () => refresh(trainingKey),
  });
}

export function useDeleteTraining() {
  return useMutation({ mutationFn: (id: number) => api.delete<void>(`/api/team/trainings/${id}`), onSuccess: () => refresh(trainingKey) });
}

/** Attendance changes move points: the ledger and rankings are refetched too. */
function refreshAttendance() {
  return Promise.all([refresh(trainingKey), refresh(pointsKey)]);
}

export function useAddAttendees(trainingId: number) {
  return useMutation({ mutationFn: (userIds: number[]) => api.post<TrainingDetail>(`/api/team/trainings/${trainingId}/attendees`, { userIds }), onSuccess: refreshAttendance });
}

export function useRemoveAttendee(trainingId: number) {
  return useMutation({ mutationFn: (userId: number) => api.delete<TrainingDetail>(`/api/team/trainings/${trainingId}/attendees/${userId}`), onSuccess: refreshAttendance });
}

export function useRecordAttendance(trainingId: number) {
  return useMutation({
    mutationFn: (items: { userId: number; attendance: Attendance }[]) => api.put<TrainingDetail>(`/api/team/trainings/${trainingId}/attendance`, { items }),
    onSuccess: refreshAttendance,
  });
}

export type TrainingRecord = {
  userId: number;
  displayName: string;
  summary: { sessions: number; present: number; absent: number; excused: number };
  items: { trainingId: number; topic: string; trainer: string; startsAt: string; place: string; attendance: Attendance }[];
};

export function useTrainingRecord(userId: number | null) {
  return useQuery({ queryKey: [...trainingKey, 'record', userId], queryFn: () => api.get<TrainingRecord>(`/api/team/people/${userId}/trainings`), enabled: userId !== null });
}

export function useRuleKinds() {
  return useQuery({
    queryKey: [...pointsKey, 'rule-kinds'],
    queryFn: () => api.get<{ items: { kind: RuleKind; sourceAvailable: boolean }[] }>('/api/team/points/rule-kinds'),
    select: (data) => new Set(data.items.filter((k) => k.sourceAvailable).map((k) => k.kind)),
    staleTime: Infinity,
  });
}

export function useRules() {
  return useQuery({ queryKey: [...pointsKey, 'rules'], queryFn: async () => (await api.get<Page<Rule>>('/api/team/points/rules')).items });
}

export function useSaveRule() {
  return useMutation({
    mutationFn: ({ id, kind, ...changes }: RuleInput & { id?: number }) =>
      id === undefined ? api.post<Rule>('/api/team/points/rules', { kind, ...changes }) : api.patch<Rule>(`/api/team/points/rules/${id}`, changes),
    onSuccess: () => refresh(pointsKey),
  });
}

export function useRanking(period: Period, groupBy: GroupBy) {
  return useQuery({ queryKey: [...pointsKey, 'ranking', period, groupBy], queryFn: () => api.get<Ranking>('/api/team/points', { ...period, groupBy }) });
}

export function useEntryList(filters: EntryFilters) {
  return useCursorList<Entry>([...pointsKey, 'entries'], '/api/team/points/entries', filters);
}

export function useAdjustPoints() {
  return useMutation({
    mutationFn: (input: { userId: number; points: number; reason: string; occurredOn?: string }) => api.post<Entry>('/api/team/points/adjustments', input),
    onSuccess: () => refresh(pointsKey),
  });
}

export function useRecompute() {
  return useMutation({
    mutationFn: (period: { from: string; to: string }) =>
      api.post<{ from: string; to: string; articles: number; trainings: number; awarded: number; reversed: number }>('/api/team/points/recompute', period),
    onSuccess: () => refresh(pointsKey),
  });
}

export function useProposal(input: ProposalInput | null) {
  return useQuery({
    queryKey: [...commendationKey, 'proposal', input],
    queryFn: () => {
      const { excludeUserIds, ...rest } = input!;
      const query: Query = { ...rest, exclude: excludeUserIds.length ? excludeUserIds.join(',') : undefined };
      return api.get<{ year: number; topN: number; minPoints: number; items: CommendationItem[] }>('/api/team/commendations/proposal', query);
    },
    enabled: input !== null,
  });
}

export function useCommendations() {
  return useQuery({ queryKey: [...commendationKey, 'list'], queryFn: async () => (await api.get<Page<Commendation>>('/api/team/commendations')).items });
}

export function useConfirmCommendation() {
  return useMutation({
    mutationFn: (input: ProposalInput & { note?: string | null }) => api.post<Commendation>('/api/team/commendations', input),
    onSuccess: () => refresh(commendationKey),
  });
}

export function useRevokeCommendation() {
  return useMutation({ mutationFn: (id: number) => api.delete<void>(`/api/team/commendations/${id}`), onSuccess: () => refresh(commendationKey) });
}

/** Downloads go through the browser: a GET with the session cookie, saved under the server's file name. */
export const rankingExportUrl = (period: Period) => `/api/team/points/export.xlsx?${new URLSearchParams(Object.entries(period).filter((e): e is [string, string] => !!e[1]))}`;
export const commendationExportUrl = (id: number) => `/api/team/commendations/${id}/export.xlsx`;
