import { z } from 'zod';
import { bilingual } from '../../platform/http/field-messages.ts';
import { pageQuery } from '../../platform/http/pagination.ts';
import { findingCategories } from './compliance/compliance-types.ts';

/** Request and response contracts of the messaging module (口径库, terms, lexicons, compliance). */

const isoTime = z.string();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, bilingual('日期格式应为 YYYY-MM-DD', 'a date as YYYY-MM-DD'));
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const status = z.enum(['active', 'disabled']);
export const severity = z.enum(['block', 'warn', 'info']);
export const findingCategory = z.enum(findingCategories);

export const checkBody = z
  .object({
    title: z.string().max(500).optional(),
    text: z.string().max(200_000).optional(),
    html: z.string().max(500_000).optional(),
  })
  .strict()
  .refine((b) => !(b.text !== undefined && b.html !== undefined), { message: bilingual('text 与 html 只能提交其一', 'Send either text or html, not both'), path: ['html'] });

export const findingSchema = z.object({
  field: z.enum(['title', 'body']),
  category: findingCategory,
  severity,
  term: z.string(),
  start: z.number(),
  end: z.number(),
  message: z.string(),
  suggestion: z.string().nullable(),
  rule: z.string(),
});
export const checkResponse = z.object({
  findings: z.array(findingSchema),
  /** The texts the offsets refer to: the title, and the body as a reader sees it (HTML reduced to its visible text). */
  checkedText: z.object({ title: z.string(), body: z.string() }),
});

export const statementStatus = z.enum(['draft', 'approved', 'expired', 'withdrawn']);
export const statementSchema = z.object({
  id: z.number(),
  topic: z.string(),
  wording: z.string(),
  facts: z.string(),
  tags: z.array(z.string()),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  ownerUserId: z.number(),
  status: statementStatus,
  version: z.number(),
  approvedBy: z.number().nullable(),
  approvedAt: isoTime.nullable(),
  createdBy: z.number(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export const statementBody = z
  .object({
    topic: text(200),
    wording: text(20_000),
    facts: z.string().trim().max(20_000).optional(),
    tags: z.array(text(30)).max(20).optional(),
    validFrom: day.nullable().optional(),
    validTo: day.nullable().optional(),
    ownerUserId: z.coerce.number().int().positive().optional(),
  })
  .strict();
export const statementPatch = statementBody.partial().strict();
export const statementQuery = z.object({ ...pageQuery, q: z.string().trim().min(1).max(100).optional(), status: statementStatus.optional(), tag: z.string().trim().min(1).max(30).optional() });
const statementSnapshot = z.object({
  topic: z.string(),
  wording: z.string(),
  facts: z.string(),
  tags: z.array(z.string()),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});
export const statementVersionList = z.object({
  items: z.array(z.object({ version: z.number(), status: z.enum(['draft', 'approved', 'withdrawn']), snapshot: statementSnapshot, changedBy: z.number(), changedAt: isoTime })),
  nextCursor: z.null(),
});

export const termSchema = z.object({ id: z.number(), canonical: z.string(), variants: z.array(z.string()), note: z.string().nullable(), status, createdAt: isoTime, updatedAt: isoTime });
export const termBody = z.object({ canonical: text(100), variants: z.array(text(100)).min(1).max(50), note: optionalText(500) }).strict();
export const termPatch = termBody.partial().extend({ status: status.optional() }).strict();
export const termQuery = z.object({ ...pageQuery, status: status.optional() });
export const profileTermList = z.object({ items: z.array(z.object({ variant: z.string(), canonical: z.string(), source: z.literal('hospital_profile') })) });

export const lexiconSchema = z.object({
  id: z.number(),
  name: z.string(),
  category: findingCategory,
  defaultSeverity: severity,
  description: z.string().nullable(),
  status,
  entryCount: z.number(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export const lexiconBody = z.object({ name: text(60), category: findingCategory, defaultSeverity: severity, description: optionalText(500) }).strict();
export const lexiconPatch = lexiconBody.partial().extend({ status: status.optional() }).strict();

export const lexiconEntrySchema = z.object({ id: z.number(), term: z.string(), category: findingCategory, severity, suggestion: z.string().nullable(), note: z.string().nullable(), createdAt: isoTime });
export const lexiconEntryBody = z.object({ term: text(50), category: findingCategory.optional(), severity: severity.optional(), suggestion: optionalText(100), note: optionalText(500) }).strict();
export const lexiconEntryPatch = lexiconEntryBody.partial().strict();
export const lexiconEntryQuery = z.object({ ...pageQuery, q: z.string().trim().min(1).max(50).optional() });
export const lexiconEntryParams = z.object({ id: z.coerce.number().int().positive(), entryId: z.coerce.number().int().positive() });

export const importSummarySchema = z.object({
  imported: z.number(),
  duplicates: z.number(),
  rejected: z.array(z.object({ line: z.number(), text: z.string(), reason: z.string() })),
});

export const allowedTermSchema = z.object({ id: z.number(), term: z.string(), note: z.string().nullable(), createdAt: isoTime });
export const allowedTermBody = z.object({ term: text(50), note: optionalText(500) }).strict();

export const qaSheetBody = z.object({ title: text(100).default('问答口径'), statementIds: z.array(z.coerce.number().int().positive()).min(1).max(200) }).strict();
export const relatedBody = z.object({ text: z.string().min(1).max(200_000), limit: z.number().int().min(1).max(20).default(5) }).strict();
export const relatedResponse = z.object({ items: z.array(statementSchema.extend({ score: z.number() })) });
