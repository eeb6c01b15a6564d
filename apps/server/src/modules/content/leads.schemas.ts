import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.ts';
import { articleCategories, leadStatuses, topicStatuses } from './content.tables.ts';

/** Request and response contracts of leads (线索) and topics (选题). */

const isoTime = z.string();
const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.coerce.number().int().positive();
const day = z.iso.date();
const leadStatus = z.enum(leadStatuses);
const topicStatus = z.enum(topicStatuses);

export const leadPhotoSchema = z.object({
  id: z.number(),
  url: z.string(),
  contentType: z.string(),
  bytes: z.number(),
  uploadedBy: z.number(),
  createdAt: isoTime,
});

export const leadSchema = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string(),
  departmentId: z.number(),
  suggestedDate: z.string().nullable(),
  submittedBy: z.number(),
  status: leadStatus,
  declineReason: z.string().nullable(),
  /** The topic an accepted lead became. */
  topicId: z.number().nullable(),
  decidedBy: z.number().nullable(),
  decidedAt: isoTime.nullable(),
  photos: z.array(leadPhotoSchema),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const leadBody = z
  .object({
    title: text(200),
    description: text(5000),
    departmentId: id.optional(),
    suggestedDate: day.nullable().optional(),
  })
  .strict();
export const leadPatch = leadBody.partial().strict();

export const leadQuery = z.object({ ...pageQuery, status: leadStatus.optional(), departmentId: id.optional() });

export const photoParams = z.object({ id, photoId: id });

const topicPlan = {
  assigneeUserId: id,
  dueDate: day,
  channelIds: z.array(id).max(20),
  brief: z.string().trim().max(2000).nullable().optional(),
};

export const acceptBody = z.object({ title: text(200).optional(), ...topicPlan }).strict();
export const declineBody = z.object({ reason: text(500) }).strict();

export const topicSchema = z.object({
  id: z.number(),
  title: z.string(),
  brief: z.string().nullable(),
  leadId: z.number().nullable(),
  assigneeUserId: z.number(),
  departmentId: z.number(),
  channelIds: z.array(z.number()),
  dueDate: z.string(),
  /** Past its due date and neither published nor dropped. */
  overdue: z.boolean(),
  status: topicStatus,
  /** The statuses the caller may move the topic to now. */
  moves: z.array(topicStatus),
  articleId: z.number().nullable(),
  articleStatus: z.string().nullable(),
  dropReason: z.string().nullable(),
  createdBy: z.number(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const topicBody = z.object({ title: text(200), departmentId: id, ...topicPlan }).strict();
export const topicPatch = topicBody.partial().strict();

export const topicQuery = z.object({
  ...pageQuery,
  status: topicStatus.optional(),
  assigneeUserId: id.optional(),
  departmentId: id.optional(),
});

export const transitionBody = z.object({ to: topicStatus, reason: z.string().trim().max(500).optional() }).strict();

export const topicArticleBody = z.object({ category: z.enum(articleCategories).optional() }).strict().optional();
