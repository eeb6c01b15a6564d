import type { NotificationChannelKind } from '../alerts.tables.ts';
import type { NotificationMessage } from './alert-message.ts';

/** A channel as a sender sees it: its settings, and its secrets opened from the SecretBox. */
export type ChannelCredentials = { id: number; name: string; settings: Record<string, string>; secrets: Record<string, string> };

export type SendRequest = {
  channel: ChannelCredentials;
  message: NotificationMessage;
  /** Stable for the delivery, the same on every attempt: receivers that support it de-duplicate on it. */
  idempotencyKey: string;
  signal: AbortSignal;
};

/** What the receiver answered, for the delivery log. */
export type SendResult = { responseCode: string };

/**
 * A notification that did not go out. `retryable` ones (network, 5xx, a vendor's rate limit or busy code) are tried
 * again with backoff; the rest fail the delivery with the receiver's code and message.
 */
export class NotifyError extends Error {
  constructor(
    message: string,
    readonly options: { retryable: boolean; code: string; responseCode?: string; retryAfterSeconds?: number },
  ) {
    super(message);
    this.name = 'NotifyError';
  }
}

export type FieldProblem = { field: string; message: { 'zh-CN': string; en: string } };

/** A channel field an administrator fills in; a secret one is written, never read back. */
export type ChannelField = { name: string; secret: boolean; required: boolean };

export interface NotificationSender {
  readonly kind: NotificationChannelKind;
  readonly fields: readonly ChannelField[];
  /** Checks settings and secrets beyond presence (formats, URLs, addresses) before they are saved. */
  validate(channel: Pick<ChannelCredentials, 'settings' | 'secrets'>): FieldProblem[];
  /** Where the channel delivers, safe for the delivery log (keys masked). */
  describeTarget(channel: Pick<ChannelCredentials, 'name' | 'settings' | 'secrets'>): string;
  send(request: SendRequest): Promise<SendResult>;
}

/** The last four characters of a key, the rest hidden: enough to tell two robots apart in the log. */
export const maskKey = (key: string | undefined) => (key ? `…${key.slice(-4)}` : '—');

export const problem = (field: string, zh: string, en: string): FieldProblem => ({ field, message: { 'zh-CN': zh, en } });

/** The fields every sender requires, present and non-blank. */
export function missingFields(fields: readonly ChannelField[], channel: Pick<ChannelCredentials, 'settings' | 'secrets'>): FieldProblem[] {
  return fields
    .filter((f) => f.required && !(f.secret ? channel.secrets[f.name] : channel.settings[f.name])?.trim())
    .map((f) => problem(`${f.secret ? 'secrets' : 'settings'}.${f.name}`, `请填写 ${f.name}`, `${f.name} is required`));
}
