import { describe, expect, it } from 'vitest';
import { safeCss, safeUrl, sanitizeFeedHtml } from './feed-html.ts';

const base = 'https://www.example-hospital.cn/news/';
const sanitize = (html: string) => sanitizeFeedHtml(html, base);

describe('sanitizeFeedHtml', () => {
  it('keeps a value without markup as given, "&" and all', () => {
    expect(sanitize('Q&A: 门诊 < 急诊 & 住院')).toBe('Q&A: 门诊 < 急诊 & 住院');
    expect(sanitize('&lt;p&gt; is text here')).toBe('&lt;p&gt; is text here');
  });

  it('re-serialises markup: bare "&" escaped, references kept as written, void elements closed the XHTML way, every element closed', () => {
    expect(sanitize('Q&A<br/>第一行<br>第二行')).toBe('Q&amp;A<br />第一行<br />第二行');
    expect(sanitize('<p>&copy; 2024&nbsp;医院 &amp; 社区 &#169; &foo; 1 < 2')).toBe('<p>&copy; 2024&nbsp;医院 &amp; 社区 &#169; &foo; 1 &lt; 2</p>');
    expect(sanitize('<div><p>未闭合<b>加粗')).toBe('<div><p>未闭合<b>加粗</b></p></div>');
    expect(sanitize('<P ALIGN="center">大写</P>')).toBe('<p align="center">大写</p>');
  });

  it('drops what a reader never sees, with its content, and unwraps elements it does not allow', () => {
    expect(sanitize('安全<script>location.href="http://evil.example/"</script>说明')).toBe('安全说明');
    expect(sanitize('<style>body{display:none}</style><noscript><img src="/x.jpg"></noscript><iframe src="https://evil.example/"><b>x</b></iframe>正文')).toBe('正文');
    expect(sanitize('<svg><style><img src=x onerror=alert(1)></style></svg><math><mi>x</mi></math>ok')).toBe('ok');
    expect(sanitize('<form action="/login"><label>密码<input type="password"></label><button>提交</button></form>')).toBe('密码');
    expect(sanitize('<html><head><title>页</title><meta charset="gbk"></head><body><font color="red">通知</font></body></html>')).toBe('<font color="red">通知</font>');
    expect(sanitize('<!-- 注释 --><![CDATA[x]]><?php echo 1 ?>文')).toBe('文');
  });

  it('keeps allowed attributes only: no event handlers, ids or lazy-loading data attributes', () => {
    expect(sanitize('<img src="/a.jpg" onload="alert(1)" onerror="alert(2)" id="x" data-src="/b.jpg" alt="图" width="600">')).toBe(
      '<img src="https://www.example-hospital.cn/a.jpg" alt="图" width="600" />',
    );
    expect(sanitize('<a href="https://example.cn/?a=1&amp;b=2" title="&quot;引&quot; &lt;号&gt;" target="_blank" onclick="x()">链接</a>')).toBe(
      '<a href="https://example.cn/?a=1&amp;b=2" title="&quot;引&quot; &lt;号&gt;">链接</a>',
    );
  });

  it('drops javascript:, data: and vbscript: URLs however they are spelt, and resolves relative ones', () => {
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java&#9;script:alert(1)', '&#106;avascript:alert(1)', '&#x6a&#x61vascript:alert(1)', 'java\nscript:x', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:msgbox']) {
      expect(sanitize(`<a href="${href}">x</a>`), href).toBe('<a>x</a>');
    }
    // A reference it does not know is not decoded: the value is then escaped whole and followed as a harmless relative path.
    expect(sanitize('<a href="javascript&colon;alert(1)">x</a>')).toBe('<a href="https://www.example-hospital.cn/news/javascript&amp;colon;alert(1)">x</a>');
    expect(sanitizeFeedHtml('<a href="javascript&colon;alert(1)">x</a>', undefined)).toBe('<a href="javascript&amp;colon;alert(1)">x</a>');
    expect(sanitize('<a href="../2024/1.html">一</a><a href="mailto:press@example.cn">二</a><img src="//cdn.example.cn/a.png">')).toBe(
      '<a href="https://www.example-hospital.cn/2024/1.html">一</a><a href="mailto:press@example.cn">二</a><img src="https://cdn.example.cn/a.png" />',
    );
  });

  it('cannot be talked into markup by attributes or end tags that are not what they seem', () => {
    expect(sanitize('<p title="</p><script>alert(1)</script>">t</p>')).toBe('<p title="&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;">t</p>');
    expect(sanitize('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>')).toBe('');
    expect(sanitize('<textarea><img src=x onerror=alert(1)></textarea>x')).toBe('x');
    expect(sanitize('x <script')).not.toMatch(/<script/);
  });
});

describe('safeUrl', () => {
  it('follows the URL parser: whitespace and controls around, tabs and newlines inside, are not there', () => {
    expect(safeUrl('  https://example.cn/a\n', undefined)).toBe('https://example.cn/a');
    expect(safeUrl('ja\tva\rscript:alert(1)', base)).toBeNull();
    expect(safeUrl('a.html', undefined)).toBe('a.html');
    expect(safeUrl('a.html', 'relative/base/')).toBe('a.html');
  });
});

describe('safeCss', () => {
  it('keeps properties that cannot move, cover or load anything, as feedparser does', () => {
    expect(
      safeCss('display:block; position:absolute; left:0; top:0; width:100%; z-index:1; background-color:black; background-image:url(http://evil.example/x.jpg); background-repeat:repeat; margin: 0 auto'),
    ).toBe('display: block; width: 100%; background-color: black; margin: 0 auto;');
    expect(safeCss('font-family: "微软雅黑"; color: rgb(255,0,0)')).toBe('font-family: "微软雅黑"; color: rgb(255,0,0);');
  });

  it('drops the whole style when it holds anything else: expressions, escapes, comments', () => {
    expect(safeCss('width: expression(alert(1))')).toBe('');
    expect(safeCss('color: re\\64')).toBe('');
    expect(safeCss('color: red /* x */')).toBe('');
  });

  it('drops an emptied style attribute', () => {
    expect(sanitize('<span style="position:fixed">浮层</span>')).toBe('<span>浮层</span>');
  });
});
