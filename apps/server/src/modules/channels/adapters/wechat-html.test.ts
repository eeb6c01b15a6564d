import { parseDocument, DomUtils } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { collectImageSources, mergeStyles, toWeChatHtml, unsupportedElements } from './wechat-html.ts';

/** The style attribute of the first element with this tag, as property → value. */
function styleOf(html: string, tag: string): Record<string, string> {
  const el = DomUtils.getElementsByTagName(tag, parseDocument(html).children, true)[0];
  expect(el, `<${tag}> in ${html}`).toBeDefined();
  return Object.fromEntries(
    (el.attribs.style ?? '')
      .split(';')
      .filter(Boolean)
      .map((d) => [d.slice(0, d.indexOf(':')), d.slice(d.indexOf(':') + 1)]),
  );
}

describe('toWeChatHtml', () => {
  it('gives paragraphs, headings, lists, blockquotes inline styles and keeps the text and Chinese as written', () => {
    const html = toWeChatHtml('<h2>义诊通知</h2><p>时间：3月5日 &amp; 地点：门诊大厅</p><ul><li>测血压</li></ul><ol><li>一</li></ol><blockquote>医者仁心</blockquote>');
    expect(html).toContain('义诊通知');
    expect(html).toContain('时间：3月5日 &amp; 地点：门诊大厅');
    expect(html).not.toMatch(/&#x/);
    expect(styleOf(html, 'h2')).toMatchObject({ 'font-size': '20px', 'font-weight': 'bold' });
    expect(styleOf(html, 'p')).toMatchObject({ 'line-height': '1.75', 'font-size': '16px' });
    expect(styleOf(html, 'ul')).toMatchObject({ 'list-style-type': 'disc', 'padding-left': '2em' });
    expect(styleOf(html, 'ol')).toMatchObject({ 'list-style-type': 'decimal' });
    expect(styleOf(html, 'li')).toHaveProperty('line-height');
    expect(styleOf(html, 'blockquote')).toMatchObject({ 'border-left': '4px solid #d0d7de' });
  });

  it("keeps the editor's own styles over the defaults", () => {
    const html = toWeChatHtml('<p style="text-align: center; font-size: 18px">居中</p>');
    expect(styleOf(html, 'p')).toMatchObject({ 'text-align': 'center', 'font-size': '18px', 'line-height': '1.75' });
  });

  it('makes images fit the screen whatever width the editor gave them, and replaces their src when told', () => {
    const html = toWeChatHtml('<p><img src="/uploads/a.jpg" alt="义诊" width="1200" height="800" style="width:1200px;height:800px" data-asset-id="9"></p>', {
      imageUrls: { '/uploads/a.jpg': 'http://mmbiz.qpic.cn/mmbiz_jpg/abc/0' },
    });
    const img = DomUtils.getElementsByTagName('img', parseDocument(html).children, true)[0];
    expect(img.attribs.src).toBe('http://mmbiz.qpic.cn/mmbiz_jpg/abc/0');
    expect(img.attribs.alt).toBe('义诊');
    expect(img.attribs['data-asset-id']).toBeUndefined();
    expect(styleOf(html, 'img')).toMatchObject({ 'max-width': '100%', height: 'auto', width: '1200px' });
  });

  it('leaves an image src not in the map as written', () => {
    const html = toWeChatHtml('<img src="/uploads/b.png">', { imageUrls: { '/uploads/a.jpg': 'x' } });
    expect(html).toContain('src="/uploads/b.png"');
  });

  it('borders table cells and wraps the table in a box that scrolls sideways', () => {
    const html = toWeChatHtml('<table><thead><tr><th>科室</th></tr></thead><tbody><tr><td colspan="2">心内科</td></tr></tbody></table>');
    expect(html.startsWith('<section style="overflow-x:auto')).toBe(true);
    expect(styleOf(html, 'table')).toMatchObject({ 'border-collapse': 'collapse', width: '100%' });
    expect(styleOf(html, 'td')).toMatchObject({ border: '1px solid #dfe2e5' });
    expect(styleOf(html, 'th')).toMatchObject({ 'font-weight': 'bold' });
    expect(html).toContain('colspan="2"');
  });

  it('drops class, id, data-* and event attributes, scripts, styles and comments', () => {
    const html = toWeChatHtml('<style>p{color:red}</style><p class="lead" id="x" data-k="1" onclick="evil()">正文</p><!-- note --><script>alert(1)</script>');
    expect(html).not.toMatch(/class=|id=|data-k|onclick|<style|<script|alert|note/);
    expect(html).toContain('正文');
  });

  it('is idempotent: converting a converted body changes nothing (variants arrive already converted)', () => {
    const source = '<h1>标题</h1><p style="color:#c00">红字</p><table><tr><td>1</td></tr></table><img src="/a.png"><pre><code>x</code></pre>';
    const once = toWeChatHtml(source);
    expect(toWeChatHtml(once)).toBe(once);
    expect(once.match(/<section/g)).toHaveLength(1);
  });
});

describe('helpers', () => {
  it('collects distinct image sources in document order', () => {
    expect(collectImageSources('<img src="/b.png"><p><img src="/a.jpg"><img src="/b.png"></p><img>')).toEqual(['/b.png', '/a.jpg']);
  });

  it('names the elements WeChat cannot carry', () => {
    expect(unsupportedElements('<p>x</p><video src="/v.mp4"></video><iframe></iframe>').sort()).toEqual(['iframe', 'video']);
    expect(unsupportedElements('<p>x</p>')).toEqual([]);
  });

  it('merges styles property by property, later layers winning, parentheses kept whole', () => {
    expect(mergeStyles('margin:0;color:#333', 'color: rgb(1, 2, 3); font-size:18px', undefined)).toBe('margin:0;color:rgb(1, 2, 3);font-size:18px');
    expect(mergeStyles('a:1', 'bogus;;B:2')).toBe('a:1;b:2');
  });
});
