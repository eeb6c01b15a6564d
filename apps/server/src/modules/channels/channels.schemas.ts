import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.ts';
import { channelKinds } from './channel-kinds.ts';
import { publicationStatuses } from './publication-states.ts';

/** Request and response contracts of the channel registry (统一阵地管理). */

const isoTime = z.string();
const text = (max: number) => z.string().trim().min(1).max(max);
const keyValues = z.record(z.string().trim().min(1).max(40), z.string().trim().max(500)).refine((r) => Object.keys(r).length <= 30, { message: 'at most 30 keys' });
export const channelKind = z.enum(channelKinds);
const channelStatus = z.enum(['active', 'paused', 'retired']);
const id = z.coerce.number().int().positive();

export const channelSchema = z.object({
  id: z.number(),
  kind: channelKind,
  name: z.string(),
  online: z.boolean(),
  ownerDepartmentId: z.number(),
  managerUserId: z.number().nullable(),
  registration: z.record(z.string(), z.string()),
  settings: z.record(z.string(), z.string()),
  secretsSet: z.array(z.string()),
  status: channelStatus,
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const channelBody = z
  .object({
    kind: channelKind,
    name: text(60),
    ownerDepartmentId: id,
    managerUserId: id.nullable().optional(),
    registration: keyValues.optional(),
    settings: keyValues.optional(),
    secrets: z.record(z.string().trim().min(1).max(40), z.string().min(1).max(2000)).optional(),
    status: channelStatus.optional(),
  })
  .strict();

export const channelPatch = z
  .object({
    name: text(60).optional(),
    ownerDepartmentId: id.optional(),
    managerUserId: id.nullable().optional(),
    registration: keyValues.optional(),
    settings: keyValues.optional(),
    secrets: z.record(z.string().trim().min(1).max(40), z.string().min(1).max(2000).nullable()).optional(),
    status: channelStatus.optional(),
  })
  .strict();

export const channelQuery = z.object({
  ...pageQuery,
  kind: channelKind.optional(),
  status: channelStatus.optional(),
  ownerDepartmentId: id.optional(),
  q: z.string().trim().min(1).max(60).optional(),
});

export const channelKindList = z.object({
  items: z.array(z.object({ kind: channelKind, online: z.boolean(), publishable: z.boolean(), integrationFields: z.array(z.object({ name: z.string(), secret: z.boolean(), optional: z.boolean().optional() })) })),
});

export const columnSchema = z.object({
  id: z.number(),
  channelId: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export const columnBody = z.object({ name: text(60), description: z.string().trim().max(500).nullable().optional() }).strict();
export const columnPatch = columnBody.partial().extend({ status: z.enum(['active', 'disabled']).optional() }).strict();
export const columnParams = z.object({ id, columnId: id });

const variantSchema = z.object({
  title: z.string(),
  author: z.string().nullable(),
  summary: z.string().nullable(),
  html: z.string(),
  text: z.string(),
  sourceUrl: z.string().nullable(),
});
const publicationStatus = z.enum(publicationStatuses);

export const publicationSchema = z.object({
  id: z.number(),
  articleId: z.number(),
  channelId: z.number(),
  /** The channel's column (栏目) it went into, if any. */
  columnId: z.number().nullable(),
  status: publicationStatus,
  scheduledAt: isoTime.nullable(),
  publishedAt: isoTime.nullable(),
  externalId: z.string().nullable(),
  externalUrl: z.string().nullable(),
  placement: z.record(z.string(), z.string()).nullable(),
  variant: variantSchema.nullable(),
  attempts: z.number(),
  nextAttemptAt: isoTime.nullable(),
  lastError: z.string().nullable(),
  withdrawnAt: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
/** An editor's changes to a channel's variant; what is absent comes from the article. */
const variantChanges = z
  .object({
    title: text(64).optional(),
    author: z.string().trim().max(60).nullable().optional(),
    summary: z.string().trim().max(500).nullable().optional(),
    html: z.string().max(2_000_000).optional(),
    text: z.string().trim().min(1).max(5000).optional(),
  })
  .strict();
export const publicationBody = z
  .object({ articleId: id, channelId: id, columnId: id.nullable().optional(), scheduledAt: z.coerce.date().optional(), placement: keyValues.optional(), variant: variantChanges.optional() })
  .strict();
export const publicationPreviewBody = z.object({ articleId: id, channelId: id, variant: variantChanges.optional() }).strict();
export const publicationPreview = z.object({
  variant: variantSchema,
  problems: z.array(z.object({ field: z.string(), messages: z.object({ 'zh-CN': z.string(), en: z.string() }) })),
});
export const publicationQuery = z.object({ ...pageQuery, articleId: id.optional(), channelId: id.optional(), status: publicationStatus.optional() });

const signaturePart = z.string().trim().max(128).optional();
export const wechatSignedQuery = z.object({ signature: signaturePart, timestamp: signaturePart, nonce: signaturePart, echostr: z.string().max(256).optional() });
