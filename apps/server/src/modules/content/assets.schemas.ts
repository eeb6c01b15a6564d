import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.ts';
import { assetKinds, assetStatuses, consentStatuses } from './content.tables.ts';

/** Request and response contracts of the asset library (素材库). Uploads are multipart forms: their fields are read as text. */

const isoTime = z.string();
const text = (max: number) => z.string().trim().min(1).max(max);
// A cleared text field arrives as '' from a form: it is stored as no value.
const optionalText = (max: number) => z.string().trim().max(max).transform((v) => v || null).nullable().optional();
const id = z.coerce.number().int().positive();
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const tag = text(30);
const tags = z.array(tag).max(20);
// A form sends a list as the same field repeated; one value arrives as a plain string.
const formList = <T extends z.ZodType>(list: T) => z.preprocess((v) => (typeof v === 'string' ? [v] : v), list);

export const assetSchema = z.object({
  id: z.number(),
  kind: z.enum(assetKinds),
  departmentId: z.number(),
  originalFilename: z.string(),
  contentType: z.string(),
  bytes: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
  title: z.string(),
  caption: z.string().nullable(),
  tags: z.array(z.string()),
  credit: z.string().nullable(),
  showsPatient: z.boolean(),
  consent: z.enum(consentStatuses),
  consentObtainedBy: z.string().nullable(),
  consentDate: z.string().nullable(),
  /** Served only to those who may edit the asset: a consent form names the patient. */
  consentScanUrl: z.string().nullable(),
  /** Shows a patient and no consent is recorded: it cannot go into an article submitted for review. */
  consentMissing: z.boolean(),
  uploadedBy: z.number(),
  status: z.enum(assetStatuses),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const assetUploadFields = z
  .object({
    title: text(200).optional(),
    caption: optionalText(2000),
    credit: optionalText(100),
    tags: formList(tags).optional(),
    showsPatient: flag.optional(),
    departmentId: id.optional(),
  })
  .strict();

export const assetPatch = z
  .object({
    title: text(200),
    caption: optionalText(2000),
    credit: optionalText(100),
    tags,
    showsPatient: z.boolean(),
    departmentId: id,
  })
  .partial()
  .strict();

export const consentFields = z
  .object({
    consent: z.enum(consentStatuses),
    consentObtainedBy: text(60).optional(),
    consentDate: z.iso.date().optional(),
  })
  .strict();

export const assetQuery = z.object({
  ...pageQuery,
  kind: z.enum(assetKinds).optional(),
  tag: tag.optional(),
  q: text(100).optional(),
  departmentId: id.optional(),
  showsPatient: flag.optional(),
  consentMissing: flag.optional(),
  status: z.enum(assetStatuses).default('active'),
});
