import type { Db } from '../../platform/db/database.ts';
import { postNotices, type NoticeInput } from '../../platform/notices/notice.service.ts';
import { activeUsersWithRoles, usersByIds } from '../org/directory.service.ts';
import { activeCorrespondentsOf } from '../team/grid.service.ts';
import { chinaDate } from './plan-calendar.ts';
import { laggingLinesOfYear, type ProgressLine } from './progress.service.ts';

/**
 * 目标进度提醒: on the 1st of each month the people answerable for a department that is behind schedule hear about it
 * in their console inbox — each line's responsible person (the department's 通讯员 when the line names none) and its
 * supervising leader. Behind means what the dashboard shows (progress.service.ts): fewer pieces than the year's target
 * times the share of the year gone.
 */

export const targetReminderQueue = 'targets.behind-reminder';
/** 09:00 China time on the 1st of each month. */
export const targetReminderCron = '0 9 1 * *';
export const targetReminderKind = 'targets.behind';

export type LaggingLine = Pick<ProgressLine, 'departmentId' | 'departmentName' | 'text' | 'done' | 'expected' | 'responsibleUserId' | 'supervisorUserId'>;

/** The month a reminder belongs to, China time: one notice per person and plan in it. */
export const reminderMonth = (now: Date) => chinaDate(now).slice(0, 7);

export const targetReminderKey = (planId: number, month: string) => `targets:behind:${planId}:${month}`;

/**
 * Who hears about which lagging departments of one plan, and what they read: a person answerable for several
 * departments gets one notice listing each of them with its lagging metrics, done against expected by now.
 */
export function laggingNotices(input: {
  hospitalId: number;
  plan: { id: number; name: string };
  now: Date;
  lines: LaggingLine[];
  /** The department's 通讯员, told when a line names no responsible person. */
  correspondentsOf: (departmentId: number) => number[];
  isActive: (userId: number) => boolean;
}): NoticeInput[] {
  const departments = new Map<number, { name: string; lines: LaggingLine[]; people: Set<number> }>();
  for (const line of input.lines) {
    const department = departments.get(line.departmentId) ?? { name: line.departmentName, lines: [], people: new Set<number>() };
    departments.set(line.departmentId, department);
    department.lines.push(line);
    const answerable = [...(line.responsibleUserId === null ? input.correspondentsOf(line.departmentId) : [line.responsibleUserId])];
    if (line.supervisorUserId !== null) answerable.push(line.supervisorUserId);
    for (const userId of answerable) if (input.isActive(userId)) department.people.add(userId);
  }
  const departmentsOf = new Map<number, number[]>();
  for (const [departmentId, department] of departments) {
    for (const userId of department.people) departmentsOf.set(userId, [...(departmentsOf.get(userId) ?? []), departmentId]);
  }
  const month = reminderMonth(input.now);
  return [...departmentsOf].map(([userId, departmentIds]) => ({
    hospitalId: input.hospitalId,
    userId,
    kind: targetReminderKind,
    title: `目标进度提醒：${input.plan.name}`,
    body: [
      `截至${chinaDate(input.now)}，以下科室的宣传目标落后于时间进度：`,
      ...departmentIds.map((id) => {
        const department = departments.get(id)!;
        return `${department.name}：${department.lines.map((l) => `${l.text}，已完成 ${l.done}，按进度应完成 ${l.expected}`).join('；')}`;
      }),
      '请抓紧组织稿件和报道。',
    ].join('\n'),
    link: `/targets/plans/${input.plan.id}`,
    sourceKey: targetReminderKey(input.plan.id, month),
  }));
}

/**
 * Posts this month's reminders for this year's plans of every hospital. Idempotent: a person hears about a plan once
 * a month, however often this runs (a retried job, a second instance, an operator running it again).
 */
export async function remindLaggingDepartments(db: Db, now = new Date()) {
  let posted = 0;
  const lagging = await laggingLinesOfYear(db, now);
  for (const { plan, hospitalId, lines } of lagging) {
    const departmentIds = [...new Set(lines.map((l) => l.departmentId))];
    const inGrid = await activeCorrespondentsOf(db, hospitalId, departmentIds);
    // A department nobody covers in the publicity grid: its own staff holding the correspondent role.
    const uncovered = departmentIds.filter((id) => !inGrid.has(id));
    for (const user of await activeUsersWithRoles(db, hospitalId, ['correspondent'], uncovered)) {
      inGrid.set(user.departmentId, [...(inGrid.get(user.departmentId) ?? []), user.id]);
    }
    const named = new Set([...inGrid.values()].flat());
    for (const line of lines) for (const id of [line.responsibleUserId, line.supervisorUserId]) if (id !== null) named.add(id);
    const active = new Set((await usersByIds(db, hospitalId, [...named])).filter((u) => u.status === 'active').map((u) => u.id));
    const notices = laggingNotices({ hospitalId, plan, now, lines, correspondentsOf: (id) => inGrid.get(id) ?? [], isActive: (id) => active.has(id) });
    posted += await postNotices(db, notices);
  }
  return { plans: lagging.length, posted };
}
