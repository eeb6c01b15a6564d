import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.ts';
import { expertGridRoles } from './experts.tables.ts';

/** Request and response contracts of the expert registry (专家库). */

const id = z.coerce.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const status = z.enum(['active', 'disabled']);
export const gridRole = z.enum(expertGridRoles);

export const expertSchema = z.object({
  id: z.number(),
  name: z.string(),
  title: z.string(),
  departmentId: z.number(),
  specialties: z.string().nullable(),
  bio: z.string().nullable(),
  clinicHours: z.string().nullable(),
  photoUrl: z.string().nullable(),
  userId: z.number().nullable(),
  gridRoles: z.array(gridRole),
  publicOnSite: z.boolean(),
  sortOrder: z.number(),
  status,
  createdAt: z.string(),
  updatedAt: z.string(),
});

const fields = {
  name: text(40),
  title: text(40),
  departmentId: id,
  specialties: optionalText(500),
  bio: optionalText(5000),
  clinicHours: optionalText(200),
  userId: id.nullable().optional(),
  gridRoles: z.array(gridRole).max(expertGridRoles.length).optional(),
  publicOnSite: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  status: status.optional(),
};

export const expertBody = z.object(fields).strict();
export const expertPatch = z.object(fields).partial().strict();

export const expertQuery = z.object({
  ...pageQuery,
  departmentId: id.optional(),
  status: status.optional(),
  gridRole: gridRole.optional(),
  publicOnSite: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().trim().min(1).max(40).optional(),
});
