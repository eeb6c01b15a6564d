import { describe, expect, it } from 'vitest';
import { withPublicAssetUrls } from './portal-assets.ts';

describe('withPublicAssetUrls', () => {
  it('points library images and video posters at the article’s public asset URLs, and leaves other URLs alone', () => {
    const body = '<p><img src="/api/assets/12/file" data-asset-id="12"><video src="https://v.example.cn/a.mp4" poster="/api/assets/7/thumbnail"></video><img src="https://img.example.cn/x.png"></p>';
    expect(withPublicAssetUrls(body, 5)).toBe(
      '<p><img src="/site/articles/5/assets/12" data-asset-id="12"><video src="https://v.example.cn/a.mp4" poster="/site/articles/5/assets/7"></video><img src="https://img.example.cn/x.png"></p>',
    );
  });
});
