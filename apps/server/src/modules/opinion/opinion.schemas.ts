import { z } from 'zod';
import { bilingual } from '../../platform/http/field-messages.ts';
import { pageQuery } from '../../platform/http/pagination.ts';
import { importFields } from './mention-import.service.ts';
import { clueStatuses, mentionCategories, polarities, sourceKinds, watchRuleKinds } from './opinion.tables.ts';

/** Request and response contracts of the opinion module's sources, mentions, clusters, rules and clues. */

const isoTime = z.string();
const id = z.coerce.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const risk = z.coerce.number().int().min(0).max(4);
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), bilingual('请填写 http 或 https 开头的链接', 'must be an http(s) link'));

export const sourceKind = z.enum(sourceKinds);
export const polarity = z.enum(polarities);
export const category = z.enum(mentionCategories);

export const sourceSchema = z.object({
  id: z.number(),
  kind: sourceKind,
  name: z.string(),
  url: z.string().nullable(),
  status: z.enum(['active', 'paused']),
  pollIntervalMinutes: z.number(),
  weight: z.number(),
  hasSecret: z.boolean(),
  health: z.object({
    lastPolledAt: isoTime.nullable(),
    lastSuccessAt: isoTime.nullable(),
    lastErrorAt: isoTime.nullable(),
    lastError: z.string().nullable(),
    consecutiveFailures: z.number(),
    nextPollAt: isoTime.nullable(),
    bozoReason: z.string().nullable(),
    itemsPerDay: z.number(),
  }),
  createdAt: isoTime,
  updatedAt: isoTime,
});
/** The push secret is in the answer to creation only. */
export const createdSourceSchema = sourceSchema.extend({ secret: z.string().optional() });

export const sourceBody = z
  .object({
    kind: sourceKind,
    name: text(100),
    url: httpUrl.nullable().optional(),
    pollIntervalMinutes: z.number().int().min(1).max(24 * 60).optional(),
    weight: z.number().min(0.1).max(100).optional(),
    status: z.enum(['active', 'paused']).optional(),
  })
  .strict();
export const sourcePatch = sourceBody.omit({ kind: true }).partial().strict();
export const sourceQuery = z.object({ ...pageQuery, kind: sourceKind.optional() });
export const secretSchema = z.object({ secret: z.string() });
export const pollOutcomeSchema = z.object({
  outcome: z.object({
    status: z.enum(['fetched', 'not_modified', 'failed']),
    items: z.number().optional(),
    inserted: z.number().optional(),
    duplicates: z.number().optional(),
    bozo: z.boolean().optional(),
    error: z.string().optional(),
  }),
  source: sourceSchema,
});

export const ingestResultSchema = z.object({
  received: z.number(),
  inserted: z.number(),
  duplicates: z.number(),
  errors: z.array(z.object({ index: z.number(), message: z.string() })),
  mentionIds: z.array(z.number()),
  maxRisk: z.number(),
});
/** The rows are checked one by one (a bad row is reported, the others are stored), so only the envelope is strict. */
export const ingestBody = z.object({ mentions: z.array(z.unknown()) });

export const mentionSchema = z.object({
  id: z.number(),
  sourceId: z.number(),
  sourceName: z.string(),
  sourceKind: z.string(),
  externalId: z.string(),
  url: z.string().nullable(),
  title: z.string(),
  text: z.string(),
  author: z.string().nullable(),
  publishedAt: isoTime.nullable(),
  occurredAt: isoTime,
  ingestedAt: isoTime,
  reposts: z.number(),
  comments: z.number(),
  likes: z.number(),
  aboutHospital: z.boolean(),
  polarity,
  risk: z.number(),
  category,
  clusterId: z.number().nullable(),
  clusterSize: z.number().nullable(),
  reasons: z.array(z.string()),
  correctedFields: z.array(z.string()),
  correctedBy: z.number().nullable(),
  correctedAt: isoTime.nullable(),
});

const mentionFilter = {
  sourceId: id.optional(),
  polarity: polarity.optional(),
  minRisk: risk.optional(),
  category: category.optional(),
  clusterId: id.optional(),
  aboutHospital: flag.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  q: z.string().trim().max(100).optional(),
};
export const mentionQuery = z.object({ ...pageQuery, ...mentionFilter });
export const trendQuery = z.object({ ...mentionFilter, bucket: z.enum(['hour', 'day']).default('hour'), from: z.coerce.date(), to: z.coerce.date() });
export const shareQuery = z.object(mentionFilter);

export const correctionBody = z
  .object({ aboutHospital: z.boolean().optional(), polarity: polarity.optional(), risk: z.number().int().min(0).max(4).optional(), category: category.optional(), reason: text(500) })
  .strict();
export const correctionSchema = z.object({
  id: z.number(),
  mentionId: z.number(),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
  reason: z.string(),
  analysisReasons: z.array(z.string()),
  correctedBy: z.number(),
  createdAt: isoTime,
});

export const clusterSchema = z.object({
  id: z.number(),
  firstMentionId: z.number().nullable(),
  title: z.string(),
  size: z.number(),
  reach: z.number(),
  firstSeenAt: isoTime,
  lastSeenAt: isoTime,
  lastHourCount: z.number(),
  peakHourCount: z.number(),
  maxRisk: z.number(),
  aboutHospital: z.boolean(),
});
const polarityPoint = z.object({ at: isoTime, negative: z.number(), neutral: z.number(), positive: z.number() });
export const clusterDetailSchema = clusterSchema.extend({
  firstMention: mentionSchema.nullable(),
  bucket: z.enum(['hour', 'day']),
  timeline: z.array(polarityPoint),
  sources: z.array(z.object({ sourceId: z.number(), name: z.string(), count: z.number() })),
});
export const clusterQuery = z.object({ ...pageQuery, minRisk: risk.optional(), minSize: z.coerce.number().int().min(1).optional(), aboutHospital: flag.optional(), from: z.coerce.date().optional(), to: z.coerce.date().optional() });

export const trendSchema = z.object({
  bucket: z.enum(['hour', 'day']),
  from: isoTime,
  to: isoTime,
  byPolarity: z.array(polarityPoint),
  bySource: z.array(z.object({ sourceId: z.number(), name: z.string(), points: z.array(z.object({ at: isoTime, count: z.number() })) })),
});
export const shareSchema = z.object({
  total: z.number(),
  byPolarity: z.array(z.object({ key: polarity, count: z.number() })),
  byRisk: z.array(z.object({ key: z.number(), count: z.number() })),
  byCategory: z.array(z.object({ key: category, count: z.number() })),
  bySource: z.array(z.object({ sourceId: z.number(), name: z.string(), count: z.number() })),
});

export const watchRuleKind = z.enum(watchRuleKinds);
export const watchRuleSchema = z.object({
  id: z.number(),
  kind: watchRuleKind,
  term: z.string(),
  note: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  origin: z.enum(['org', 'manual']),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export const watchRuleBody = z
  .object({ kind: watchRuleKind, term: text(60), note: z.string().trim().max(200).nullable().optional(), status: z.enum(['active', 'disabled']).optional() })
  .strict();
export const watchRulePatch = watchRuleBody.partial().strict();
export const watchRuleQuery = z.object({ ...pageQuery, kind: watchRuleKind.optional() });
export const watchRuleSyncSchema = z.object({ added: z.number() });
export const rulePreviewBody = z
  .object({
    /** The rule as drafted: added (or, with `remove`, taken away) on top of the active rules. */
    kind: watchRuleKind,
    term: text(60),
    remove: z.boolean().default(false),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
const verdict = z.object({ aboutHospital: z.boolean(), polarity, risk: z.number(), category });
export const rulePreviewSchema = z.object({
  tested: z.number(),
  matched: z.number(),
  changed: z.array(z.object({ mention: mentionSchema, before: verdict, after: verdict, reasons: z.array(z.string()) })),
});

export const clueStatus = z.enum(clueStatuses);
export const clueScreenshotSchema = z.object({ id: z.number(), url: z.string(), contentType: z.string(), bytes: z.number(), createdAt: isoTime });
export const clueSchema = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string(),
  url: z.string().nullable(),
  platform: z.string().nullable(),
  seenAt: isoTime.nullable(),
  departmentId: z.number(),
  reportedBy: z.number(),
  status: clueStatus,
  mentionId: z.number().nullable(),
  decidedBy: z.number().nullable(),
  decidedAt: isoTime.nullable(),
  dismissReason: z.string().nullable(),
  screenshots: z.array(clueScreenshotSchema),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export const clueBody = z
  .object({ title: text(200), description: text(5000), url: httpUrl.nullable().optional(), platform: z.string().trim().max(60).nullable().optional(), seenAt: z.coerce.date().nullable().optional() })
  .strict();
export const clueQuery = z.object({ ...pageQuery, status: clueStatus.optional(), mine: flag.optional() });
export const confirmClueBody = z.object({ title: text(1000).optional(), text: text(20_000).optional() }).strict();
export const dismissClueBody = z.object({ reason: text(500) }).strict();
export const screenshotParams = z.object({ id, screenshotId: id });

export const columnMapping = z.object(Object.fromEntries(importFields.map((f) => [f, z.number().int().min(0).optional()])) as Record<(typeof importFields)[number], z.ZodOptional<z.ZodNumber>>);
export const importPreviewSchema = z.object({
  fileName: z.string(),
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  rowCount: z.number(),
  suggestedMapping: columnMapping,
});
export const importResultSchema = z.object({
  received: z.number(),
  inserted: z.number(),
  duplicates: z.number(),
  errors: z.array(z.object({ row: z.number(), message: z.string() })),
});
