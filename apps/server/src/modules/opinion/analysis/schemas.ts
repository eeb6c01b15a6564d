import { z } from 'zod';
import type { HospitalProfile, MentionInput } from './types.ts';

/** The wire forms of the analysis' inputs, for the CLI and the ingestion routes. */

const names = z.array(z.string()).default([]);

/** The monitored hospital: its names and the words that rule a mention out (the CLI's profile.json). */
export const hospitalProfileSchema = z.object({
  name: z.string().trim().min(1),
  aliases: names,
  campuses: names,
  departments: names,
  staff: names,
  exclude: names,
}) satisfies z.ZodType<HospitalProfile, unknown>;

const count = z.number().int().nonnegative().nullish();

export const mentionInputSchema = z.object({
  id: z.union([z.string(), z.number()]),
  source: z.string(),
  title: z.string(),
  text: z.string(),
  url: z.string().nullish(),
  author: z.string().nullish(),
  published_at: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')
    .nullish(),
  reposts: count,
  comments: count,
  likes: count,
}) satisfies z.ZodType<MentionInput, unknown>;
