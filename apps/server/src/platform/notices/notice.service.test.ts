import { describe, expect, it } from 'vitest';
import { isConsolePath } from './notice.service.ts';

describe('isConsolePath', () => {
  it('accepts paths of the console', () => {
    for (const link of ['/', '/content/review/12', '/targets/plans/3?tab=progress', '/opinion/incidents/5#timeline']) expect(isConsolePath(link)).toBe(true);
  });
  it('refuses anything that leaves it or is not a path', () => {
    for (const link of ['', 'content/review/12', 'https://example.com/', '//example.com/x', '/\\example.com', 'javascript:alert(1)', '/a b', '/a\nb', `/${'x'.repeat(600)}`]) {
      expect(isConsolePath(link)).toBe(false);
    }
  });
});
