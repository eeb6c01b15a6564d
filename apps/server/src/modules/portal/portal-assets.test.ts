import { describe, expect, it } from 'vitest';
import { withPublicAssetUrls } from './portal-assets.ts';

describe('withPublicAssetUrls', () => {
  it('points library images, video posters and attachment links at the article’s public asset URLs, and leaves other URLs alone', () => {
    const body = '<p><img src="/api/assets/12/file" data-asset-id="12"><video src="https://v.example.cn/a.mp4" poster="/api/assets/7/thumbnail"></video><img src="https://img.example.cn/x.png"><a href="/api/assets/9/file" data-asset-id="9" download="义诊安排.pdf">义诊安排.pdf</a><a href="https://www.example.cn/">官网</a></p>';
    expect(withPublicAssetUrls(body, 5)).toBe(
      '<p><img src="/site/articles/5/assets/12" data-asset-id="12"><video src="https://v.example.cn/a.mp4" poster="/site/articles/5/assets/7"></video><img src="https://img.example.cn/x.png"><a href="/site/articles/5/assets/9" data-asset-id="9" download="义诊安排.pdf">义诊安排.pdf</a><a href="https://www.example.cn/">官网</a></p>',
    );
  });
});
