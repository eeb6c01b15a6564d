import { describe, expect, it } from 'vitest';
import type { Role } from '../org/roles.ts';
import { overdueNotices, reviewOverdueKey, type OverdueStep } from './review-reminders.service.ts';

const step = (overrides: Partial<OverdueStep> = {}): OverdueStep => ({
  stepId: 1,
  articleId: 42,
  round: 2,
  position: 0,
  name: '科室审核',
  role: 'dept_reviewer',
  scope: 'department',
  dueAt: new Date('2026-03-05T06:07:00Z'),
  hospitalId: 1,
  departmentId: 5,
  authorUserId: 100,
  title: '义诊活动',
  ...overrides,
});
const user = (id: number, departmentId: number, ...roles: Role[]) => ({ id, departmentId, roles });

describe('overdue review notices', () => {
  it('go to each eligible reviewer once per step, linking to the review page', () => {
    const candidates = [user(100, 5, 'correspondent', 'dept_reviewer'), user(101, 5, 'dept_reviewer'), user(102, 6, 'dept_reviewer'), user(103, 1, 'editor')];
    const notices = overdueNotices([step(), step({ stepId: 2, articleId: 43, position: 1, name: '宣传部审核', role: 'editor', scope: 'hospital' })], candidates);
    expect(notices.map((n) => [n.userId, n.sourceKey])).toEqual([
      [101, 'review:overdue:42:2:0'],
      [103, 'review:overdue:43:2:1'],
    ]);
    expect(notices[0]).toMatchObject({
      kind: 'review.overdue',
      title: '审核超时：义诊活动',
      body: '稿件《义诊活动》的“科室审核”已于 2026-03-05 14:07 到期，尚未审核，请尽快处理。',
      link: '/content/review/42',
    });
    expect(reviewOverdueKey({ articleId: 1, round: 3, position: 2 })).toBe('review:overdue:1:3:2');
  });
});
