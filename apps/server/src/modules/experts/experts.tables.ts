import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';

/** The parts an expert plays in the publicity grid (宣传网格): 科普专家, 媒体采访专家, 网红医生 (医生大V). */
export const expertGridRoles = ['science_expert', 'media_expert', 'influencer'] as const;
export type ExpertGridRole = (typeof expertGridRoles)[number];

/** 专家: a doctor, nurse or technician the hospital puts forward on its website, to the media and in science popularisation. */
export const experts = pgTable(
  'expert',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    hospitalId: integer('hospital_id').notNull(),
    name: text('name').notNull(),
    /** Professional title (职称): 主任医师, 副主任护师 … */
    title: text('title').notNull(),
    departmentId: integer('department_id').notNull(),
    /** 擅长 */
    specialties: text('specialties'),
    bio: text('bio'),
    /** 出诊时间, as the clinic timetable writes it (周一上午、周四全天). */
    clinicHours: text('clinic_hours'),
    photoFile: text('photo_file'),
    photoContentType: text('photo_content_type'),
    /** The staff account of the expert, when they have one. */
    userId: integer('user_id'),
    gridRoles: text('grid_roles', { enum: expertGridRoles }).array().notNull().default(sql`'{}'::text[]`),
    publicOnSite: boolean('public_on_site').notNull().default(false),
    /** Order on the website: lower first. */
    sortOrder: integer('sort_order').notNull().default(0),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('expert_hospital_idx').on(t.hospitalId, t.id),
    index('expert_department_idx').on(t.departmentId, t.sortOrder),
    // One expert profile per staff account.
    uniqueIndex('expert_user_uq').on(t.userId).where(sql`user_id is not null`),
  ],
);
