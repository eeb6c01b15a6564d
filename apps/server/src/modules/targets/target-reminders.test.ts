import { describe, expect, it } from 'vitest';
import { laggingNotices, reminderMonth, targetReminderKey, type LaggingLine } from './target-reminders.ts';

const line = (overrides: Partial<LaggingLine>): LaggingLine => ({
  departmentId: 1,
  departmentName: '基保科',
  text: '12篇信息',
  done: 2,
  expected: 6,
  responsibleUserId: 10,
  supervisorUserId: 20,
  ...overrides,
});

// 1 March 2026, 09:00 China time.
const now = new Date('2026-03-01T01:00:00Z');
const compose = (lines: LaggingLine[], correspondents: Record<number, number[]> = {}, inactive: number[] = []) =>
  laggingNotices({ hospitalId: 7, plan: { id: 3, name: '2026年目标' }, now, lines, correspondentsOf: (id) => correspondents[id] ?? [], isActive: (id) => !inactive.includes(id) });

describe('the month of a reminder', () => {
  it('is counted in China time', () => {
    expect(reminderMonth(new Date('2026-01-31T16:30:00Z'))).toBe('2026-02');
    expect(reminderMonth(new Date('2026-01-31T15:30:00Z'))).toBe('2026-01');
    expect(targetReminderKey(3, '2026-02')).toBe('targets:behind:3:2026-02');
  });
});

describe('who is told what', () => {
  it('tells the responsible person and the supervising leader, listing the department’s lagging metrics', () => {
    const notices = compose([line({}), line({ text: '微博每月10条', done: 0, expected: 20 })]);
    expect(notices.map((n) => n.userId)).toEqual([10, 20]);
    expect(notices[0]).toEqual({
      hospitalId: 7,
      userId: 10,
      kind: 'targets.behind',
      title: '目标进度提醒：2026年目标',
      body: '截至2026-03-01，以下科室的宣传目标落后于时间进度：\n基保科：12篇信息，已完成 2，按进度应完成 6；微博每月10条，已完成 0，按进度应完成 20\n请抓紧组织稿件和报道。',
      link: '/targets/plans/3',
      sourceKey: 'targets:behind:3:2026-03',
    });
  });

  it('gives a person answerable for several departments one notice naming each', () => {
    const notices = compose([line({}), line({ departmentId: 2, departmentName: '护理部', responsibleUserId: 11 })]);
    const leader = notices.filter((n) => n.userId === 20);
    expect(leader).toHaveLength(1);
    expect(leader[0].body.split('\n').slice(1, 3)).toEqual(['基保科：12篇信息，已完成 2，按进度应完成 6', '护理部：12篇信息，已完成 2，按进度应完成 6']);
    expect(notices.find((n) => n.userId === 11)!.body).not.toContain('基保科');
  });

  it('falls back on the department’s correspondents when no responsible person is named, and skips inactive people', () => {
    const notices = compose([line({ responsibleUserId: null, supervisorUserId: 20 })], { 1: [30, 31] }, [31, 20]);
    expect(notices.map((n) => n.userId)).toEqual([30]);
    expect(compose([line({})], { 1: [30] }).map((n) => n.userId)).toEqual([10, 20]);
  });

  it('tells one person once, even when they are both responsible and supervisor', () => {
    expect(compose([line({ responsibleUserId: 20 })]).map((n) => n.userId)).toEqual([20]);
    expect(compose([])).toEqual([]);
  });
});
