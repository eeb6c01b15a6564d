import { describe, expect, it } from 'vitest';
import type { ReviewStep } from './articles.api';
import { commentRights } from './comment-rights';

const step = (role: string, scope: 'department' | 'hospital'): ReviewStep => ({
  id: 1, round: 1, position: 0, name: role, role, scope, status: 'pending', dueAt: null, overdue: false, decidedBy: null, decidedByName: null, decidedAt: null, comment: null,
});
const article = { authorUserId: 10, departmentId: 3, reviewSteps: [step('dept_reviewer', 'department'), step('editor', 'hospital')] };

describe('commentRights', () => {
  it('lets the author reply and resolve, never open threads', () => {
    expect(commentRights({ id: 10, roles: ['correspondent'], departmentId: 3 }, article)).toEqual({ openThreads: false, reply: true, resolve: true });
    expect(commentRights({ id: 10, roles: ['dept_reviewer'], departmentId: 3 }, article)).toEqual({ openThreads: false, reply: true, resolve: true });
  });

  it('lets the round’s reviewers and editors open threads and reply', () => {
    expect(commentRights({ id: 11, roles: ['dept_reviewer'], departmentId: 3 }, article)).toEqual({ openThreads: true, reply: true, resolve: false });
    expect(commentRights({ id: 12, roles: ['editor'], departmentId: 1 }, { ...article, reviewSteps: [] })).toEqual({ openThreads: true, reply: true, resolve: false });
  });

  it('leaves out reviewers of another department, roles not in the chain, and colleagues', () => {
    const none = { openThreads: false, reply: false, resolve: false };
    expect(commentRights({ id: 13, roles: ['dept_reviewer'], departmentId: 4 }, article)).toEqual(none);
    expect(commentRights({ id: 14, roles: ['leader'], departmentId: 1 }, article)).toEqual(none);
    expect(commentRights({ id: 15, roles: ['correspondent'], departmentId: 3 }, article)).toEqual(none);
  });
});
