import type { Node as PmNode } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { visibleText } from '../../../../../packages/text/src/visible-text.ts';
import { bold, br, code, doc, h, hr, htmlOf, img, italic, li, link, ol, p, pre, quote, section, table, td, th, tr, ul, video } from './editor-test-support';
import { rangeOfSpan, spanOfRange, textIndexOf } from './text-positions';

/** The index reads the document as the server reads its HTML, and every unit of it points at what it stands for. */
function expectFaithful(node: PmNode) {
  const index = textIndexOf(node);
  expect(index.text).toBe(visibleText(htmlOf(node)));
  expect(index.starts).toHaveLength(index.text.length);
  for (let i = 0; i < index.text.length; i += 1) {
    const unit = index.text[i];
    const covered = node.textBetween(index.starts[i], index.ends[i], '\n', '\n');
    if (unit === '\n' || unit === '\t') expect(covered === '' || covered === unit).toBe(true);
    else if (unit === ' ' && covered !== ' ') expect(covered).toMatch(/^[ \t]+$/);
    else expect(covered).toBe(unit);
    if (i > 0) expect(index.starts[i]).toBeGreaterThanOrEqual(index.ends[i - 1]);
  }
  return index;
}

describe('textIndexOf', () => {
  it('ends each block with a line, as visibleText does with the editor’s HTML', () => {
    const index = expectFaithful(doc(h(2, '义诊现场'), p('近日，我院', bold('心血管内科'), '开展义诊。'), p('欢迎咨询。')));
    expect(index.text).toBe('义诊现场\n近日，我院心血管内科开展义诊。\n欢迎咨询。\n');
  });

  it('reads lists, quotes and nested blocks with one line end between them', () => {
    const index = expectFaithful(doc(ul(li(p('一')), li(p('二'), ol(li(p('二之一'))))), quote(p('引用甲'), p('引用乙')), p('结尾')));
    expect(index.text).toBe('一\n二\n二之一\n引用甲\n引用乙\n结尾\n');
  });

  it('breaks lines at hard breaks and rules, and skips images and empty paragraphs', () => {
    const index = expectFaithful(doc(p(br(), '第一行', br(), br(), '第三行', br()), p(), hr(), p(img('https://example.org/a.png')), p('  '), p('后文')));
    expect(index.text).toBe('\n第一行\n\n第三行\n\n后文\n');
  });

  it('collapses whitespace runs across marks, none at a line’s start or end, and keeps no-break spaces', () => {
    const index = expectFaithful(doc(p('  前 \t  文 ', bold(' 加粗 '), italic('斜体'), '  '), p('甲\u00a0\u00a0乙 ', link('链接', 'https://example.org'), ' 丙')));
    expect(index.text).toBe('前 文 加粗 斜体\n甲\u00a0\u00a0乙 链接 丙\n');
  });

  it('reads a table cell by cell, each paragraph of a cell on a line of its own', () => {
    const index = expectFaithful(
      doc(
        p('前文'),
        table(tr(th(p('科室')), th(p('出诊'))), tr(td(p('心内科')), td(p(' 周一 ', bold('上午')), p('周三'))), tr(td(p()), td(p('  ')))),
        p('后文'),
      ),
    );
    expect(index.text).toBe('前文\n科室\n出诊\n心内科\n周一 上午\n周三\n后文\n');
  });

  it('keeps the tab of a cell that holds no line, as innerText does', () => {
    const clip = 'https://example.org/a.mp4';
    const index = expectFaithful(doc(table(tr(td(video(clip)), td(video(clip)), td(p('说明')))), p('后文')));
    expect(index.text).toBe('\t\n说明\n后文\n');
  });

  it('reads sections as blocks and skips videos and inline images', () => {
    const index = expectFaithful(doc(section(p('框内'), section(p('嵌套'))), video('https://example.org/a.mp4'), p('图', img('https://example.org/a.png'), '后')));
    expect(index.text).toBe('框内\n嵌套\n图后\n');
  });

  it('keeps whitespace as written in code blocks', () => {
    const index = expectFaithful(doc(p('示例：', code('a  b')), pre('line 1\n  line 2'), pre(''), p('后文')));
    expect(index.text).toBe('示例：a b\nline 1\n  line 2\n后文\n');
  });

  it('counts UTF-16 units, as the server’s offsets do', () => {
    const index = expectFaithful(doc(p('点赞👍根治')));
    expect(index.text.indexOf('根治')).toBe(4);
    expect(index.starts[4]).toBe(5);
  });

  it('is empty for an empty document', () => {
    expect(expectFaithful(doc(p())).text).toBe('');
  });
});

describe('rangeOfSpan', () => {
  it('finds a finding’s term in the document, across marks', () => {
    const node = doc(p('我院胸痛中心'), p('保证', bold('根'), '治，', italic('疗效'), '确切'));
    const index = textIndexOf(node);
    const start = index.text.indexOf('根治');
    const range = rangeOfSpan(index, start, start + 2)!;
    expect(node.textBetween(range.from, range.to)).toBe('根治');
  });

  it('spans blocks when the text does, and covers a whole collapsed run', () => {
    const node = doc(p('第一段结尾'), p('第二段   开头'));
    const index = textIndexOf(node);
    const across = rangeOfSpan(index, index.text.indexOf('结尾'), index.text.indexOf('开头'))!;
    expect(node.textBetween(across.from, across.to, '|')).toBe('结尾|第二段   ');
  });

  it('is null for an empty span or one outside the text', () => {
    const index = textIndexOf(doc(p('正文')));
    expect(rangeOfSpan(index, 1, 1)).toBeNull();
    expect(rangeOfSpan(index, 0, 9)).toBeNull();
    expect(rangeOfSpan(index, -1, 1)).toBeNull();
  });
});

describe('spanOfRange', () => {
  const node = doc(p('义诊现场，', bold('专家'), '为市民讲解。'), p('  第二段  '), p('结尾'));
  const index = textIndexOf(node);

  it('gives the visible text a selection covers, with its offsets', () => {
    const start = index.text.indexOf('专家');
    const range = rangeOfSpan(index, start, start + 4)!;
    expect(spanOfRange(index, range.from, range.to)).toEqual({ start, end: start + 4, quote: '专家为市' });
  });

  it('trims whitespace and line ends at either side, and keeps line ends inside', () => {
    // From the end of the first paragraph to inside the third: the selection starts on nothing visible.
    const from = node.child(0).nodeSize - 1;
    const to = node.child(0).nodeSize + node.child(1).nodeSize + 3;
    expect(spanOfRange(index, from, to)).toEqual({ start: index.text.indexOf('第二段'), end: index.text.indexOf('结尾') + 2, quote: '第二段\n结尾' });
  });

  it('is null for a collapsed selection or one over no visible text', () => {
    expect(spanOfRange(index, 3, 3)).toBeNull();
    const imageOnly = doc(p('前'), p(img('https://example.org/a.png')), p('后'));
    expect(spanOfRange(textIndexOf(imageOnly), 4, 5)).toBeNull();
  });

  it('round-trips with rangeOfSpan', () => {
    for (const quote of ['义诊', '现场，专家为', '第二段', '讲解。\n第二段']) {
      const start = index.text.indexOf(quote);
      const range = rangeOfSpan(index, start, start + quote.length)!;
      expect(spanOfRange(index, range.from, range.to)).toEqual({ start, end: start + quote.length, quote });
    }
  });
});
