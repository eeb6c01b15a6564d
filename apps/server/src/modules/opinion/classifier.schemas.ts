import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.ts';
import { classifierModelStatuses, classifierTriggers } from './classifier-model.tables.ts';
import { polarities } from './opinion.tables.ts';

/** Request and response contracts of the per-hospital polarity classifier (its models, reports and decisions). */

const isoTime = z.string();
const polarity = z.enum(polarities);
export const classifierModelStatus = z.enum(classifierModelStatuses);

const classMetrics = z.object({ precision: z.number(), recall: z.number(), f1: z.number(), support: z.number() });
const evaluation = z.object({
  n: z.number(),
  accuracy: z.number(),
  macroF1: z.number(),
  /** Only the polarities that occur among the corrections. */
  perClass: z.partialRecord(polarity, classMetrics),
  /** confusion[expected][predicted] = count. */
  confusion: z.partialRecord(polarity, z.record(z.string(), z.number())),
});

export const classifierReportSchema = z.object({
  method: z.literal('k-fold'),
  folds: z.number(),
  n: z.number(),
  minProbability: z.number(),
  labels: z.record(polarity, z.number()),
  /** The analysis without the model (the lexicon alone) and with it, on the corrections it was not trained on. */
  before: evaluation,
  after: evaluation,
  fixed: z.number(),
  broken: z.number(),
  changed: z.number(),
  changes: z.array(
    z.object({
      mentionId: z.number(),
      excerpt: z.string(),
      expected: polarity,
      before: polarity,
      after: polarity,
      outcome: z.enum(['fixed', 'broken', 'changed']),
      modelReason: z.string().nullable(),
      misleadingReasons: z.array(z.string()),
    }),
  ),
  /** Recent mentions nobody corrected, read without and with the model trained on every correction. */
  recent: z.object({ tested: z.number(), changed: z.number(), shifts: z.array(z.object({ from: polarity, to: polarity, count: z.number() })) }),
});

const person = z.object({ id: z.number(), name: z.string() }).nullable();

export const classifierModelSchema = z.object({
  id: z.number(),
  version: z.number(),
  status: classifierModelStatus,
  trigger: z.enum(classifierTriggers),
  trainedAt: isoTime,
  trainedBy: person,
  examples: z.number(),
  lastCorrectionId: z.number(),
  features: z.number(),
  minProbability: z.number(),
  report: classifierReportSchema,
  activatedAt: isoTime.nullable(),
  activatedBy: person,
  retiredAt: isoTime.nullable(),
  retiredBy: person,
  rejectedAt: isoTime.nullable(),
  rejectedBy: person,
  rejectReason: z.string().nullable(),
});

export const classifierStatusSchema = z.object({
  correctedMentions: z.number(),
  corrections: z.number(),
  correctionsSinceLastModel: z.number(),
  lastTrainedAt: isoTime.nullable(),
  minCorrections: z.number(),
  nightly: z.object({ timeZone: z.string(), fromHour: z.number(), toHour: z.number() }),
  active: classifierModelSchema.nullable(),
  candidate: classifierModelSchema.nullable(),
});

export const classifierModelQuery = z.object({ ...pageQuery, limit: z.coerce.number().int().min(1).max(100).default(20), status: classifierModelStatus.optional() });
export const rejectClassifierBody = z.object({ reason: z.string().trim().max(500).nullable().optional() }).strict();
