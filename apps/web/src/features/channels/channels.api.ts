import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';
import type { RecordStatus } from '../org/campuses.api';

/** The channel kinds of domain.md's 统一阵地管理, as the server names them; /api/channel-kinds says which are online and what each integration takes. */
const CHANNEL_KINDS = [
  'website',
  'wechat_service',
  'wechat_subscription',
  'weibo',
  'douyin',
  'wechat_channels',
  'xiaohongshu',
  'bilibili',
  'toutiao',
  'personal_account',
  'webhook',
  'magazine',
  'bulletin_board',
  'display_board',
  'screen',
  'cctv_broadcast',
  'morning_broadcast',
  'live_stream',
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CHANNEL_STATUSES = ['active', 'paused', 'retired'] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

export type Channel = {
  id: number;
  kind: ChannelKind;
  name: string;
  online: boolean;
  ownerDepartmentId: number;
  managerUserId: number | null;
  registration: Record<string, string>;
  settings: Record<string, string>;
  /** The names of the secrets that hold a value; the values themselves never leave the server. */
  secretsSet: string[];
  status: ChannelStatus;
  createdAt: string;
  updatedAt: string;
};

/** A credential an integration needs: a secret one is written, never read back. */
/** `optional` fields add a feature (WeChat's push of publish results); publishing works without them. */
export type IntegrationField = { name: string; secret: boolean; optional?: boolean };

export type ChannelKindInfo = { kind: ChannelKind; online: boolean; publishable: boolean; integrationFields: IntegrationField[] };

export type NewChannel = {
  kind: ChannelKind;
  name: string;
  ownerDepartmentId: number;
  managerUserId?: number;
  registration?: Record<string, string>;
  settings?: Record<string, string>;
  secrets?: Record<string, string>;
  status?: ChannelStatus;
};

export type ChannelChanges = {
  name?: string;
  ownerDepartmentId?: number;
  managerUserId?: number | null;
  registration?: Record<string, string>;
  settings?: Record<string, string>;
  /** A value sets that secret, null removes it, an absent key keeps it. */
  secrets?: Record<string, string | null>;
  status?: ChannelStatus;
};

export type ChannelFilters = { kind?: ChannelKind; status?: ChannelStatus; ownerDepartmentId?: number; q?: string };

/** A column (栏目) of a channel, such as 《肿而言之》. */
export type ChannelColumn = {
  id: number;
  channelId: number;
  name: string;
  description: string | null;
  status: RecordStatus;
  createdAt: string;
  updatedAt: string;
};

type ChannelColumnInput = { name: string; description?: string | null };

const channelsKey = ['channels'] as const;
const channelKindsKey = ['channel-kinds'] as const;

function channelColumnsKey(channelId: number) {
  return ['channel-columns', channelId] as const;
}

function refreshChannels() {
  return queryClient.invalidateQueries({ queryKey: channelsKey });
}

export function useChannelList(filters: ChannelFilters) {
  return useCursorList<Channel>([...channelsKey, 'list'], '/api/channels', filters);
}

/** The kinds the server knows, with whether each is online and the integration fields it takes. */
export function useChannelKinds() {
  return useQuery({
    queryKey: channelKindsKey,
    queryFn: () => api.get<{ items: ChannelKindInfo[] }>('/api/channel-kinds'),
    select: (data) => data.items,
    staleTime: Infinity,
  });
}

export function useCreateChannel() {
  return useMutation({
    mutationFn: (input: NewChannel) => api.post<Channel>('/api/channels', input),
    onSuccess: refreshChannels,
  });
}

export function useUpdateChannel() {
  return useMutation({
    mutationFn: ({ id, ...changes }: ChannelChanges & { id: number }) => api.patch<Channel>(`/api/channels/${id}`, changes),
    onSuccess: refreshChannels,
  });
}

export function useChannelColumns(channelId: number | null) {
  return useQuery({
    queryKey: channelColumnsKey(channelId ?? 0),
    queryFn: () => api.get<{ items: ChannelColumn[] }>(`/api/channels/${channelId}/columns`),
    select: (data) => data.items,
    enabled: channelId !== null,
  });
}

export function useCreateChannelColumn(channelId: number) {
  return useMutation({
    mutationFn: (input: ChannelColumnInput) => api.post<ChannelColumn>(`/api/channels/${channelId}/columns`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelColumnsKey(channelId) }),
  });
}

export function useUpdateChannelColumn(channelId: number) {
  return useMutation({
    mutationFn: ({ id, ...changes }: Partial<ChannelColumnInput> & { id: number; status?: RecordStatus }) =>
      api.patch<ChannelColumn>(`/api/channels/${channelId}/columns/${id}`, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelColumnsKey(channelId) }),
  });
}
