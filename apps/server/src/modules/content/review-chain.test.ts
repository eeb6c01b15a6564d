import { describe, expect, it } from 'vitest';
import { defaultReviewChain } from './review-chain.ts';

describe('defaultReviewChain', () => {
  it('sends normal news through the department and the publicity department', () => {
    expect(defaultReviewChain('news', 'normal').map((s) => s.name)).toEqual(['科室审核', '宣传部审核']);
  });
  it('adds the leader for major items and for party building', () => {
    expect(defaultReviewChain('science', 'major').map((s) => s.role)).toEqual(['dept_reviewer', 'editor', 'leader']);
    expect(defaultReviewChain('party', 'normal').at(-1)).toMatchObject({ name: '分管领导审批', scope: 'hospital' });
  });
});
