import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import type { PolarityModel } from './analysis/classifier.ts';
import type { ClassifierReport } from './analysis/classifier-evaluation.ts';

/**
 * A trained model's life: a candidate waits for an officer, who switches it on (active) or rejects it; an active
 * model is retired when switched off or replaced, and may be switched on again. Nothing switches itself on.
 */
export const classifierModelStatuses = ['candidate', 'active', 'retired', 'rejected'] as const;
export type ClassifierModelStatus = (typeof classifierModelStatuses)[number];

export const classifierTriggers = ['manual', 'schedule'] as const;
export type ClassifierTrigger = (typeof classifierTriggers)[number];

/**
 * The hospital's polarity classifier, trained on its officers' corrections (analysis/classifier.ts), with the report of
 * what it would change (the analysis without it against the analysis with it, cross-validated on the corrections).
 */
export const opinionClassifierModels = pgTable(
  'opinion_classifier_model',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    /** 1, 2, … within the hospital. */
    version: integer('version').notNull(),
    status: text('status', { enum: classifierModelStatuses }).notNull().default('candidate'),
    trigger: text('trigger', { enum: classifierTriggers }).notNull(),
    trainedAt: timestamp('trained_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null when the nightly job trained it. */
    trainedBy: integer('trained_by'),
    /** Corrected mentions it was trained on. */
    examples: integer('examples').notNull(),
    /** The newest correction it saw: corrections after it are "new since the last model". */
    lastCorrectionId: integer('last_correction_id').notNull(),
    /** Distinct words and word pairs it knows. */
    features: integer('features').notNull(),
    /** How sure it must be to override the lexicon (the analyzer's modelMinProbability). */
    minProbability: real('min_probability').notNull(),
    model: jsonb('model').$type<PolarityModel>().notNull(),
    report: jsonb('report').$type<ClassifierReport>().notNull(),
    activatedBy: integer('activated_by'),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    /** Who switched it off (or replaced it with another model), and when. */
    retiredBy: integer('retired_by'),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    rejectedBy: integer('rejected_by'),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('opinion_classifier_model_version_uq').on(t.hospitalId, t.version),
    // At most one model per hospital is switched on.
    uniqueIndex('opinion_classifier_model_active_uq').on(t.hospitalId).where(sql`status = 'active'`),
    index('opinion_classifier_model_hospital_idx').on(t.hospitalId, t.id),
  ],
);
