import { describe, expect, it } from 'vitest';
import { sanitizeRichText } from './rich-text.ts';

describe('sanitizeRichText', () => {
  it('keeps structure, emphasis, images and the inline styles of a WeChat article', () => {
    const html = '<section style="text-align:center;color:#333"><p style="font-size:16px;line-height:1.75"><strong>华西</strong>新闻</p><img src="https://example.org/a.jpg" alt="图"></section>';
    expect(sanitizeRichText(html)).toBe(html.replace('<img src="https://example.org/a.jpg" alt="图">', '<img src="https://example.org/a.jpg" alt="图" />'));
  });

  it('keeps what the console’s editor writes: tables, videos and attachments from the asset library, colours and alignment', () => {
    const html = [
      '<table style="width:100%"><tbody><tr><th style="background-color:#0a5eb0;color:#ffffff"><p>日期</p></th><th colspan="2"><p>专家</p></th></tr>',
      '<tr><td rowspan="2" style="text-align:center"><p>周一</p></td><td><p><span style="color:#c00000;background-color:#fff2cc">王医生</span></p></td></tr></tbody></table>',
      '<video data-asset-id="13" src="/api/assets/13/file" controls poster="/api/assets/12/thumbnail"></video>',
      '<p style="text-align:right"><a target="_blank" rel="noopener noreferrer" data-asset-id="14" download="出诊安排.pdf" href="/api/assets/14/file">出诊安排.pdf（1.2 MB）</a></p>',
      '<p>SpO<sub>2</sub>，m<sup>2</sup></p>',
    ].join('');
    expect(sanitizeRichText(html)).toBe(html);
  });

  it('drops what a table or a video may carry but a body may not: column groups, autoplay, styles outside the policy', () => {
    const out = sanitizeRichText(
      '<table style="min-width:75px;width:100%"><colgroup><col style="min-width:25px"></colgroup><tbody><tr><td colwidth="120" style="border:1px solid red;padding:4px">格</td></tr></tbody></table><video src="https://v.example.org/a.mp4" autoplay controls onplay="x()"></video><a href="/api/assets/1/file" download="a.pdf" ping="https://evil">附件</a>',
    );
    expect(out).toBe(
      '<table style="width:100%"><tbody><tr><td style="padding:4px">格</td></tr></tbody></table><video src="https://v.example.org/a.mp4" controls></video><a href="/api/assets/1/file" download="a.pdf" rel="noopener noreferrer">附件</a>',
    );
  });

  it('removes scripts, event handlers, dangerous URLs and positioning', () => {
    const out = sanitizeRichText(
      '<p onclick="steal()" style="position:fixed;color:red">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a><img src="data:image/png;base64,xx"><iframe src="https://evil"></iframe></p>',
    );
    expect(out).toBe('<p style="color:red">正文<a rel="noopener noreferrer">链接</a><img /></p>');
  });
});
