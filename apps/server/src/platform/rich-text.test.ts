import { describe, expect, it } from 'vitest';
import { sanitizeRichText } from './rich-text.ts';

describe('sanitizeRichText', () => {
  it('keeps structure, emphasis, images and the inline styles of a WeChat article', () => {
    const html = '<section style="text-align:center;color:#333"><p style="font-size:16px;line-height:1.75"><strong>华西</strong>新闻</p><img src="https://example.org/a.jpg" alt="图"></section>';
    expect(sanitizeRichText(html)).toBe(html.replace('<img src="https://example.org/a.jpg" alt="图">', '<img src="https://example.org/a.jpg" alt="图" />'));
  });

  it('removes scripts, event handlers, dangerous URLs and positioning', () => {
    const out = sanitizeRichText(
      '<p onclick="steal()" style="position:fixed;color:red">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a><img src="data:image/png;base64,xx"><iframe src="https://evil"></iframe></p>',
    );
    expect(out).toBe('<p style="color:red">正文<a rel="noopener noreferrer">链接</a><img /></p>');
  });
});
