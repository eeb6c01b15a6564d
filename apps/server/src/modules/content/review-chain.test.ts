import { describe, expect, it } from 'vitest';
import { defaultReviewChain, holdsReviewStep, mayReviewStep } from './review-chain.ts';

describe('defaultReviewChain', () => {
  it('sends normal news through the department and the publicity department', () => {
    expect(defaultReviewChain('news', 'normal').map((s) => s.name)).toEqual(['科室审核', '宣传部审核']);
  });
  it('adds the leader for major items and for party building', () => {
    expect(defaultReviewChain('science', 'major').map((s) => s.role)).toEqual(['dept_reviewer', 'editor', 'leader']);
    expect(defaultReviewChain('party', 'normal').at(-1)).toMatchObject({ name: '分管领导审批', scope: 'hospital' });
  });
});

describe('who may decide a review step', () => {
  it('is a holder of the step’s role, of the article’s department for a department step, and never the author', () => {
    const article = { departmentId: 5, authorUserId: 100 };
    const departmentStep = { role: 'dept_reviewer', scope: 'department' as const };
    expect(holdsReviewStep({ roles: ['dept_reviewer'], departmentId: 5 }, departmentStep, article)).toBe(true);
    expect(holdsReviewStep({ roles: ['dept_reviewer'], departmentId: 6 }, departmentStep, article)).toBe(false);
    expect(holdsReviewStep({ roles: ['editor'], departmentId: 5 }, departmentStep, article)).toBe(false);
    expect(holdsReviewStep({ roles: ['editor'], departmentId: 9 }, { role: 'editor', scope: 'hospital' }, article)).toBe(true);
    expect(mayReviewStep({ userId: 100, roles: ['dept_reviewer'], departmentId: 5 }, departmentStep, article)).toBe(false);
    expect(mayReviewStep({ userId: 101, roles: ['dept_reviewer'], departmentId: 5 }, departmentStep, article)).toBe(true);
  });
});
