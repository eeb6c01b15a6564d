import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, fetchAllItems } from '../../app/api';
import type { Role } from '../../app/auth/session';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';
import type { Mention } from './opinion.api';

/** The alerts contract of the server's opinion module (alerts.schemas.ts). */
export const ALERT_LEVELS = [1, 2, 3, 4] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
export const ALERT_STATUSES = ['open', 'acknowledged', 'incident', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const CHANNEL_KINDS = ['wecom', 'dingtalk', 'feishu', 'email', 'webhook'] as const;
export type NotificationChannelKind = (typeof CHANNEL_KINDS)[number];
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_PURPOSES = ['alert', 'escalation', 'incident_escalation', 'test'] as const;
export type DeliveryPurpose = (typeof DELIVERY_PURPOSES)[number];

export type TriggerReason = { kind: 'level'; risk: number } | { kind: 'growth'; mentions: number; minutes: number } | { kind: 'keyword'; terms: string[] };

export type AlertRuleSpec = {
  minLevel: AlertLevel | null;
  growth: { mentions: number; minutes: number; level: AlertLevel } | null;
  keywords: { terms: string[]; level: AlertLevel } | null;
  quietHours: { start: string; end: string } | null;
  escalation: { afterMinutes: number; roles: Role[]; channelIds: number[] } | null;
  recipients: { roles: Role[]; channelIds: number[] };
};

export type AlertRule = AlertRuleSpec & { id: number; name: string; status: 'active' | 'disabled'; createdBy: number; createdAt: string; updatedAt: string };
export type AlertRuleInput = AlertRuleSpec & { name: string; status?: 'active' | 'disabled' };

export type Alert = {
  id: number;
  ruleId: number;
  ruleName: string;
  clusterId: number | null;
  status: AlertStatus;
  level: AlertLevel;
  title: string;
  reasons: TriggerReason[];
  mentionCount: number;
  firstMentionId: number;
  lastMentionAt: string;
  notifiedLevel: number;
  escalationDueAt: string | null;
  escalatedLevel: number;
  escalatedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: number | null;
  closedAt: string | null;
  closedBy: number | null;
  closeNote: string | null;
  incidentId: number | null;
  raisedAt: string;
  updatedAt: string;
};

export const ALERT_EVENT_KINDS = ['raised', 'updated', 'level_raised', 'acknowledged', 'reopened', 'closed', 'escalated', 'incident_linked'] as const;
export type AlertEventKind = (typeof ALERT_EVENT_KINDS)[number];

export type Delivery = {
  id: number;
  alertId: number | null;
  incidentId: number | null;
  channelId: number;
  channelName: string;
  channelKind: NotificationChannelKind;
  purpose: DeliveryPurpose;
  level: number | null;
  target: string;
  payloadSummary: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  responseCode: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type AlertDetail = Alert & {
  mentions: Mention[];
  events: { id: number; kind: AlertEventKind; level: number; actorId: number | null; note: string | null; at: string }[];
  deliveries: Delivery[];
};

export type NotificationChannel = {
  id: number;
  kind: NotificationChannelKind;
  name: string;
  settings: Record<string, string>;
  /** Which secrets hold a value; the values never leave the server. */
  secretsSet: string[];
  target: string;
  status: 'active' | 'disabled';
  createdAt: string;
  updatedAt: string;
};

export type ChannelField = { name: string; secret: boolean; required: boolean };
export type ChannelKindInfo = { kind: NotificationChannelKind; fields: ChannelField[] };

export type NotificationChannelInput = {
  kind?: NotificationChannelKind;
  name?: string;
  settings?: Record<string, string>;
  /** A value sets that secret, null removes it, an absent key keeps it. */
  secrets?: Record<string, string | null>;
  status?: 'active' | 'disabled';
};

export type AlertFilters = { status?: AlertStatus; minLevel?: AlertLevel; ruleId?: number; q?: string };
export type DeliveryFilters = { channelId?: number; status?: DeliveryStatus; purpose?: DeliveryPurpose; alertId?: number };

/** One change of an alert as the live stream tells it; `notify` says the change is for the reader's roles (cue it). */
export type AlertStreamEvent = { eventId: number; kind: AlertEventKind; level: number; at: string; notify: boolean; alert: Alert };

const alertsKey = ['opinion-alerts'] as const;
const rulesKey = ['opinion-alert-rules'] as const;
const channelsKey = ['opinion-notification-channels'] as const;
const deliveriesKey = ['opinion-notification-deliveries'] as const;

const refresh = (key: readonly string[]) => queryClient.invalidateQueries({ queryKey: key });

export function useAlertList(filters: AlertFilters) {
  return useCursorList<Alert>([...alertsKey, 'list'], '/api/opinion/alerts', filters);
}

export function useAlertDetail(id: number | null) {
  return useQuery({ queryKey: [...alertsKey, 'detail', id], queryFn: () => api.get<AlertDetail>(`/api/opinion/alerts/${id}`), enabled: id !== null });
}

export function useAcknowledgeAlert() {
  return useMutation({
    mutationFn: ({ id, note }: { id: number; note?: string }) => api.post<AlertDetail>(`/api/opinion/alerts/${id}/acknowledge`, note ? { note } : {}),
    onSuccess: () => refresh(alertsKey),
  });
}

export function useCloseAlert() {
  return useMutation({
    mutationFn: ({ id, note }: { id: number; note: string }) => api.post<AlertDetail>(`/api/opinion/alerts/${id}/close`, { note }),
    onSuccess: () => refresh(alertsKey),
  });
}

export function useAlertRuleList() {
  return useCursorList<AlertRule>([...rulesKey, 'list'], '/api/opinion/alert-rules', {});
}

export function useSaveAlertRule() {
  return useMutation({
    mutationFn: ({ id, ...input }: Partial<AlertRuleInput> & { id?: number }) =>
      id === undefined ? api.post<AlertRule>('/api/opinion/alert-rules', input) : api.patch<AlertRule>(`/api/opinion/alert-rules/${id}`, input),
    onSuccess: () => refresh(rulesKey),
  });
}

export function useDeleteAlertRule() {
  return useMutation({ mutationFn: (id: number) => api.delete<void>(`/api/opinion/alert-rules/${id}`), onSuccess: () => refresh(rulesKey) });
}

export function useNotificationChannelList() {
  return useCursorList<NotificationChannel>([...channelsKey, 'list'], '/api/opinion/notification-channels', {});
}

/** Every channel, for the rule form's pickers and the log's filter (a hospital has a handful). */
export function useAllNotificationChannels() {
  return useQuery({ queryKey: [...channelsKey, 'all'], queryFn: () => fetchAllItems<NotificationChannel>('/api/opinion/notification-channels') });
}

export function useNotificationChannelKinds() {
  return useQuery({
    queryKey: [...channelsKey, 'kinds'],
    queryFn: () => api.get<{ items: ChannelKindInfo[] }>('/api/opinion/notification-channel-kinds'),
    select: (data) => data.items,
    staleTime: Infinity,
  });
}

export function useSaveNotificationChannel() {
  return useMutation({
    mutationFn: ({ id, ...input }: NotificationChannelInput & { id?: number }) =>
      id === undefined ? api.post<NotificationChannel>('/api/opinion/notification-channels', input) : api.patch<NotificationChannel>(`/api/opinion/notification-channels/${id}`, input),
    onSuccess: () => refresh(channelsKey),
  });
}

export function useTestNotificationChannel() {
  return useMutation({
    mutationFn: (id: number) => api.post<Delivery>(`/api/opinion/notification-channels/${id}/test`),
    onSuccess: () => refresh(deliveriesKey),
  });
}

export function useDeliveryList(filters: DeliveryFilters) {
  return useCursorList<Delivery>([...deliveriesKey, 'list'], '/api/opinion/notification-deliveries', filters);
}

export type StreamState = 'connecting' | 'live' | 'reconnecting';

/**
 * The live alert stream (Server-Sent Events over the session cookie). The browser reconnects by itself and resumes
 * with Last-Event-ID; each change refreshes the alert queries, and `onEvent` hears it (for the cue).
 */
export function useAlertStream(onEvent: (event: AlertStreamEvent) => void): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const listener = useRef(onEvent);
  useEffect(() => {
    listener.current = onEvent;
  }, [onEvent]);
  useEffect(() => {
    const source = new EventSource('/api/opinion/alerts/stream', { withCredentials: true });
    // `ready` comes after any replay: from then on the list is refetched to cover what happened while disconnected.
    source.addEventListener('ready', () => {
      setState('live');
      void refresh(alertsKey);
    });
    source.addEventListener('reset', () => void refresh(alertsKey));
    source.addEventListener('alert', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as AlertStreamEvent;
      void refresh(alertsKey);
      void refresh(deliveriesKey);
      listener.current(event);
    });
    source.onerror = () => setState('reconnecting');
    return () => source.close();
  }, []);
  return state;
}
