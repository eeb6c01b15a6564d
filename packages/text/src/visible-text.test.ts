import { describe, expect, it } from 'vitest';
import { visibleText } from './visible-text.ts';

describe('visibleText', () => {
  it('strips tags and decodes entities, keeping &nbsp; as the no-break space a browser shows', () => {
    expect(visibleText('<p>我院&nbsp;<strong>最好</strong>的服务 &amp; 设备&lt;CT&gt;</p>')).toBe('我院\u00A0最好的服务 & 设备<CT>\n');
  });

  it('skips what a reader never sees', () => {
    expect(visibleText('<p>正文</p><script>var x = "根治";</script><style>p{color:red}</style><noscript>根治</noscript><template><p>根治</p></template>')).toBe('正文\n');
  });

  it('ends every block with a line break and breaks lines at <br>', () => {
    expect(visibleText('<h1>标题</h1><p>第一段</p><div>第二段<br>换行</div><ul><li>一</li><li>二</li></ul><blockquote>引用</blockquote>')).toBe('标题\n第一段\n第二段\n换行\n一\n二\n引用\n');
    expect(visibleText('前文<div>块</div>后文')).toBe('前文\n块\n后文');
  });

  it('collapses whitespace runs in inline text to one space, none at the start or end of a line', () => {
    expect(visibleText('<p>\n   a \t  <b> b </b>\n  c   </p>')).toBe('a b c\n');
    expect(visibleText('<p>  </p><p>x</p>')).toBe('x\n');
  });

  it('keeps the whitespace of <pre> as written', () => {
    expect(visibleText('<pre>a  b\n c</pre>')).toBe('a  b\n c\n');
  });

  it('separates table cells with a tab and rows with a line break', () => {
    expect(visibleText('<table><tr><td>科室</td><td>电话</td></tr><tr><td>心内科</td><td>028-85422114</td></tr></table>')).toBe('科室\t电话\n心内科\t028-85422114\n');
  });

  it('returns plain text unchanged apart from whitespace', () => {
    expect(visibleText('没有标签的文字')).toBe('没有标签的文字');
    expect(visibleText('')).toBe('');
  });
});
