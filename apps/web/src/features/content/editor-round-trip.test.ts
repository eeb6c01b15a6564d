// @vitest-environment happy-dom
// The editor parses HTML with the browser's DOM: happy-dom stands in for it here, the one console test that needs one.
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { sanitizeRichText } from '../../../../server/src/platform/rich-text.ts';
import { articleExtensions } from './editor-extensions';

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

function load(html: string): Editor {
  const editor = new Editor({ extensions: articleExtensions, content: html });
  editors.push(editor);
  return editor;
}

/** A stored body opened in the console and saved again: what the server then stores. */
const resaved = (stored: string) => sanitizeRichText(load(stored).getHTML());

/**
 * HTML as a reader's browser takes it: the same elements, attributes and text, whatever the order the attributes and
 * style declarations are written in.
 */
function meaning(html: string): string {
  const root = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  const write = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (!(node instanceof Element)) return '';
    const attributes = [...node.attributes]
      .map(({ name, value }) => (name === 'style' ? ` style="${value.split(';').map((d) => d.trim()).filter(Boolean).sort().join(';')}"` : ` ${name}="${value}"`))
      .sort()
      .join('');
    return `<${node.localName}${attributes}>${[...node.childNodes].map(write).join('')}</${node.localName}>`;
  };
  return [...root.childNodes].map(write).join('');
}

// A WeChat article as 135editor and the WeChat editor lay one out, with a Word table and the asset library's files.
const wechatArticle = [
  '<section style="margin:16px 8px;padding:12px;background-color:#f5f9ff">',
  '<h2 style="text-align:center;color:#0a5eb0;font-size:20px">心内科开展“健康心脏”义诊</h2>',
  '<p style="text-align:justify;font-size:15px;line-height:1.75;letter-spacing:1px;text-indent:2em">3月15日，我院<strong>心血管内科</strong>在门诊大厅开展义诊，',
  '<span style="color:#c00000;background-color:#fff2cc;font-size:16px">免费测量血压</span>，并讲解SpO<sub>2</sub>与BMI（kg/m<sup>2</sup>）的意义。</p>',
  '<p style="text-align:center"><img src="/api/assets/12/file" alt="义诊现场" data-asset-id="12" style="width:100%" /></p>',
  '</section>',
  '<table style="width:100%"><tbody>',
  '<tr><th style="background-color:#0a5eb0;color:#ffffff"><p>日期</p></th><th colspan="2"><p>出诊专家</p></th></tr>',
  '<tr><td style="text-align:center"><p>周一</p></td><td><p><span style="color:#c00000">张医生</span></p></td><td style="padding:4px;text-align:justify"><p><em>上午</em></p></td></tr>',
  '</tbody></table>',
  '<video src="/api/assets/13/file" controls poster="/api/assets/12/thumbnail" data-asset-id="13"></video>',
  '<p style="text-align:right"><a href="/api/assets/14/file" target="_blank" rel="noopener noreferrer" download="义诊安排.pdf" data-asset-id="14">义诊安排.pdf（1.2 MB）</a></p>',
  '<ul><li><p>空腹 <u>8 小时</u></p></li></ul><blockquote><p style="font-weight:normal;margin:8px 16px">咨询电话：<s>旧号码</s>新号码</p></blockquote>',
].join('');

describe('an article body through the editor', () => {
  it('keeps all of a WeChat layout the server keeps: styles, table, image, video and attachment', () => {
    const stored = sanitizeRichText(wechatArticle);
    // Nothing here is one the sanitiser drops: the test is about the editor.
    expect(meaning(stored)).toBe(meaning(wechatArticle));
    const saved = resaved(stored);
    expect(meaning(saved)).toBe(meaning(stored));
    // Saved again, byte for byte what it was: opening and saving a body the editor wrote changes nothing.
    expect(resaved(saved)).toBe(saved);
  });

  it('writes what its toolbar inserts so that it is read back the same', () => {
    const editor = load('<p>正文</p>');
    editor.chain().focus('end').setTextAlign('center').setTextSelection({ from: 1, to: 3 }).setColor('#c00000').setBackgroundColor('#fff2cc').run();
    editor.chain().focus('end').insertTable({ rows: 2, cols: 3, withHeaderRow: true }).insertContent('科室').run();
    // Each on its own, as the toolbar runs them: the table commands read the state as it was before the chain.
    editor.commands.goToNextCell();
    editor.commands.insertContent('时间');
    // A row and a column added after 时间; the column taken away again.
    for (const command of ['addRowAfter', 'addColumnAfter', 'goToNextCell', 'deleteColumn'] as const) expect(editor.commands[command]()).toBe(true);
    editor.chain().focus('end').setVideo({ src: '/api/assets/13/file', poster: '/api/assets/12/thumbnail', assetId: '13' }).run();
    editor.chain().focus('end').insertAttachment({ href: '/api/assets/14/file', filename: '体检指南.pdf', bytes: 1_258_291, assetId: '14' }).insertContent('（请下载）').run();
    editor.chain().focus('end').setImage({ src: '/api/assets/12/file', alt: '现场' }).run();
    const stored = sanitizeRichText(editor.getHTML());
    expect(stored).toContain('<p style="text-align:center"><span style="color:#c00000;background-color:#fff2cc">正文</span></p>');
    expect(stored).toMatch(/<table><tbody><tr><th><p>科室<\/p><\/th><th><p>时间<\/p><\/th><th><p><\/p><\/th><\/tr>(<tr>(<td><p><\/p><\/td>){3}<\/tr>){2}<\/tbody><\/table>/);
    expect(stored).toContain('<video data-asset-id="13" src="/api/assets/13/file" controls poster="/api/assets/12/thumbnail"></video>');
    expect(stored).toContain('<a target="_blank" rel="noopener noreferrer" data-asset-id="14" download="体检指南.pdf" href="/api/assets/14/file">体检指南.pdf（1.2 MB）</a>（请下载）');
    expect(stored).toContain('<img src="/api/assets/12/file" alt="现场" />');
    expect(resaved(stored)).toBe(stored);
  });

  it('goes on after a video it inserts, so that what is typed next does not replace it', () => {
    const editor = load('<p>前文后文</p>');
    editor.chain().setTextSelection(3).setVideo({ src: '/api/assets/13/file' }).insertContent('视频说明').run();
    editor.chain().focus('end').setVideo({ src: '/api/assets/14/file' }).insertContent('结尾').run();
    expect(sanitizeRichText(editor.getHTML())).toBe(
      '<p>前文</p><video src="/api/assets/13/file" controls></video><p>视频说明后文</p><video src="/api/assets/14/file" controls></video><p>结尾</p>',
    );
  });

  it('writes in its own way what it reads in another, and loses no text', () => {
    const cases: [read: string, written: string][] = [
      ['<p><b>粗</b><i>斜</i></p>', '<p><strong>粗</strong><em>斜</em></p>'],
      ['<p style="font-weight:bold">粗</p>', '<p style="font-weight:bold"><strong>粗</strong></p>'],
      ['<img src="/api/assets/5/file" alt="图" />', '<p><img src="/api/assets/5/file" alt="图" /></p>'],
      ['<table><thead><tr><th>甲</th></tr></thead><tbody><tr><td>乙</td></tr></tbody></table>', '<table><tbody><tr><th><p>甲</p></th></tr><tr><td><p>乙</p></td></tr></tbody></table>'],
      ['<section>框内<span>文字</span></section>', '<section><p>框内文字</p></section>'],
      ['<figure><img src="/api/assets/5/file" /><figcaption>图注</figcaption></figure>', '<p><img src="/api/assets/5/file" /></p><p>图注</p>'],
      ['<p><a href="https://www.example.org/">外链</a></p>', '<p><a target="_blank" rel="noopener noreferrer" href="https://www.example.org/">外链</a></p>'],
      ['<p style="text-align:center;font-size:15px">居中</p>', '<p style="text-align:center;font-size:15px">居中</p>'],
      ['<p style="font-size:15px;text-align:center">居中</p>', '<p style="text-align:center;font-size:15px">居中</p>'],
    ];
    for (const [read, written] of cases) expect(resaved(sanitizeRichText(read))).toBe(written);
  });
});
