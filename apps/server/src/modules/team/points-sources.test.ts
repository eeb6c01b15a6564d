import { describe, expect, it } from 'vitest';
import { recipientsOf } from './points-sources.ts';

describe('who earns an article’s points', () => {
  it('its authors credited with an account, each once', () => {
    const credits = [
      { role: '供稿', name: '李医生', userId: 7 },
      { role: '摄影', name: '饶经伦', userId: 9 },
      { role: '采集', name: '李医生', userId: 7 },
    ];
    expect(recipientsOf({ authorUserId: 3, credits })).toEqual([7, 9]);
  });

  it('not the publicity department’s editor, nor a credit without an account', () => {
    expect(recipientsOf({ authorUserId: 3, credits: [{ role: '编辑', name: '张静', userId: 5 }, { role: '供稿', name: '外院专家' }] })).toEqual([3]);
  });

  it('else the person who wrote it in the system', () => {
    expect(recipientsOf({ authorUserId: 3, credits: [] })).toEqual([3]);
  });
});
