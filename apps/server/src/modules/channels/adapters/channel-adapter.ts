import type { ChannelKind } from '../channel-kinds.ts';

/** An image the adapter may have to upload to the platform (cover, or an <img> of the body). */
export type DeliveryImage = { bytes: Buffer; contentType: string; filename: string };

/**
 * What one channel gets of one article: the per-channel variant an editor approved for that channel.
 * `html` is sanitised article HTML (WeChat wants inline styles); `text` is the plain-text form (Weibo, captions).
 */
export type PublicationVariant = {
  title: string;
  author: string | null;
  summary: string | null;
  html: string;
  text: string;
  /** Where readers can read the whole piece (the website page), absolute URL or null. */
  sourceUrl: string | null;
};

/** Progress a multi-step delivery saved so far; a retry resumes from it instead of repeating a step. */
export type DeliveryCheckpoint = Record<string, string>;

export type DeliveryRequest = {
  publicationId: number;
  /** Stable for the publication, the same on every attempt: receivers that support it de-duplicate on it. */
  idempotencyKey: string;
  channel: { id: number; kind: ChannelKind; name: string; settings: Record<string, string>; secrets: Record<string, string> };
  variant: PublicationVariant;
  /** The cover image (article cover, else the hospital logo), or null when there is none. */
  cover: DeliveryImage | null;
  /** Resolves an <img src> of the body to its bytes (files the platform stores); null for an image it does not hold. */
  loadImage(src: string): Promise<DeliveryImage | null>;
  checkpoint: DeliveryCheckpoint;
  /** Persists progress at once (its own transaction), before the next remote call. */
  saveCheckpoint(patch: DeliveryCheckpoint): Promise<void>;
  signal: AbortSignal;
};

/** `published`: done. `pending`: the platform accepted it and publishes asynchronously; poll again later. */
export type DeliveryOutcome =
  | { state: 'published'; externalId: string; externalUrl: string | null }
  | { state: 'pending'; externalId: string | null; pollAfterSeconds: number };

/**
 * A delivery that did not succeed. `retryable` errors (network failure, 5xx, rate limits such as WeChat 45009,
 * system busy -1) are retried with backoff; the rest fail the publication with the platform's code and message.
 * `outcomeUnknown`: the request may have reached the platform (connection lost after sending a non-idempotent call);
 * it is never retried automatically, an editor checks the account and retries by hand.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly options: { retryable: boolean; code?: string; retryAfterSeconds?: number; outcomeUnknown?: boolean } = { retryable: false },
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface ChannelAdapter {
  readonly kinds: readonly ChannelKind[];
  /** Checks a variant against the platform's rules (length, safe domains …) before anything is queued. */
  validate(variant: PublicationVariant, channel: DeliveryRequest['channel']): { field: string; message: { 'zh-CN': string; en: string } }[];
  deliver(request: DeliveryRequest): Promise<DeliveryOutcome>;
  /** For asynchronous platforms: asks whether a `pending` delivery has finished. */
  poll?(request: DeliveryRequest): Promise<DeliveryOutcome>;
  /** Takes a published item down on the platform, where the platform allows it. */
  withdraw?(request: DeliveryRequest & { externalId: string }): Promise<void>;
}
