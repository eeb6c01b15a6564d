import { describe, expect, it } from 'vitest';
import { reanchor } from './text-anchor.ts';

describe('reanchor', () => {
  const text = '义诊现场，专家为市民讲解胸痛知识。义诊结束后，专家继续随访。';

  it('keeps the anchor where the quote still stands', () => {
    expect(reanchor(text, '专家', 23)).toEqual({ start: 23, end: 25 });
    expect(reanchor(text, '义诊现场', 0)).toEqual({ start: 0, end: 4 });
  });

  it('moves to the occurrence nearest the old offset when text before it changed', () => {
    const edited = `近日，${text}`;
    // 专家 stood at 5 and at 23; three characters were added in front.
    expect(reanchor(edited, '专家', 5)).toEqual({ start: 8, end: 10 });
    expect(reanchor(edited, '专家', 23)).toEqual({ start: 26, end: 28 });
  });

  it('prefers the earlier of two occurrences equally far away', () => {
    expect(reanchor('甲xxx甲', '甲', 2)).toEqual({ start: 0, end: 1 });
  });

  it('gives null when the quote is gone, or empty', () => {
    expect(reanchor(text.replace('胸痛知识', '心脏健康'), '胸痛知识', 12)).toBeNull();
    expect(reanchor(text, '', 3)).toBeNull();
  });

  it('counts UTF-16 code units, as the server’s offsets do', () => {
    // 👍 is two code units: 好评 stands at 2 and at 6.
    expect(reanchor('👍好评👍好评', '好评', 5)).toEqual({ start: 6, end: 8 });
  });
});
