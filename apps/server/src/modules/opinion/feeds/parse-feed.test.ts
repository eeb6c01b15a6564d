import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseFeed } from './parse-feed.ts';

const rss = (items: string, channel = '<title>某某市第一人民医院</title><link>https://www.example-hospital.cn/</link>', declaration = '<?xml version="1.0" encoding="utf-8"?>') =>
  `${declaration}<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>${channel}${items}</channel></rss>`;

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('parseFeed: charsets', () => {
  const item = '<item><title>患者投诉：挂号排队三小时</title><description>门诊大厅人满为患，號販子猖獗</description><pubDate>2024年5月1日 10:00</pubDate></item>';

  it('reads GBK bytes declared as gb2312 in the XML declaration, as GB18030', () => {
    const bytes = iconv.encode(rss(item, '<title>某某市第一人民医院</title>', '<?xml version="1.0" encoding="gb2312"?>'), 'gbk');
    const feed = parseFeed(bytes);
    expect(feed).toMatchObject({ encoding: 'gb18030', bozo: false, feed: { title: '某某市第一人民医院' } });
    expect(feed.items[0]).toMatchObject({ title: '患者投诉：挂号排队三小时', summary: '门诊大厅人满为患，號販子猖獗', published_at: '2024-05-01T02:00:00.000Z' });
  });

  it('takes the Content-Type charset before the XML declaration', () => {
    const bytes = iconv.encode(rss(item, '<title>某某市第一人民医院</title>', '<?xml version="1.0" encoding="utf-8"?>'), 'gbk');
    expect(parseFeed(bytes, { contentType: 'application/rss+xml; charset=GBK' })).toMatchObject({ encoding: 'gb18030', bozo: false, feed: { title: '某某市第一人民医院' } });
    // The same bytes trusted to their (wrong) declaration are not UTF-8: they are re-read as a legacy charset and flagged.
    const misdeclared = parseFeed(bytes);
    expect(misdeclared).toMatchObject({ encoding: 'gb18030', bozo: true, feed: { title: '某某市第一人民医院' } });
    expect(misdeclared.bozoReason).toMatch(/declared UTF-8 but the bytes are not UTF-8; read as gb18030/);
  });

  it('guesses GB18030 or Big5 for undeclared legacy bytes, and flags the guess', () => {
    const simplified = parseFeed(iconv.encode(rss(item, '<title>某某市第一人民医院</title>', ''), 'gbk'));
    expect(simplified).toMatchObject({ encoding: 'gb18030', bozo: true, items: [{ title: '患者投诉：挂号排队三小时' }] });
    const traditional = parseFeed(iconv.encode(rss('<item><title>醫院急診室擁擠，民眾抱怨候診過久</title></item>', '<title>臺北市立聯合醫院</title>', ''), 'big5'));
    expect(traditional).toMatchObject({ encoding: 'big5', bozo: true, feed: { title: '臺北市立聯合醫院' }, items: [{ title: '醫院急診室擁擠，民眾抱怨候診過久' }] });
    expect(traditional.bozoReason).toMatch(/no charset declared/);
  });

  it('reads UTF-16 by its byte-order mark', () => {
    const text = rss(item, '<title>某某市第一人民医院</title>', '<?xml version="1.0" encoding="utf-16"?>');
    const le = parseFeed(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(le).toMatchObject({ encoding: 'utf-16le', bozo: false, items: [{ title: '患者投诉：挂号排队三小时' }] });
    const be = parseFeed(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    expect(be).toMatchObject({ encoding: 'utf-16be', bozo: false, items: [{ title: '患者投诉：挂号排队三小时' }] });
  });

  it('flags an unknown charset and reads UTF-8', () => {
    const feed = parseFeed(utf8(rss(item, '<title>医院</title>', '<?xml version="1.0" encoding="bogus"?>')));
    expect(feed).toMatchObject({ encoding: 'utf-8', bozo: true, feed: { title: '医院' } });
    expect(feed.bozoReason).toMatch(/unknown encoding "bogus"/);
  });

  it('repairs UTF-8 text that was re-encoded as Latin-1 (â€¦ for …)', () => {
    const feed = parseFeed(utf8(rss('<item><title>Wait&#226;&#128;&#166; caf&#195;&#169;</title></item>')));
    expect(feed.items[0].title).toBe('Wait… café');
  });
});

describe('parseFeed: hostile and broken input', () => {
  it('expands entities of plain text declared in the DOCTYPE, and is not bozo for declarations alone', () => {
    const declared = `<!DOCTYPE rss [\n<!-- 院名 -->\n<!ENTITY hospital "某某市第一人民医院"><!ENTITY copy '&#169;'><!ENTITY hospital "改名">\n]>`;
    const feed = parseFeed(utf8(`${declared}${rss('<item><title>&hospital;通报</title><guid isPermaLink="false">&hospital;-1</guid><description>&copy; &hospital;</description></item>', '<title>&hospital;</title>')}`));
    expect(feed).toMatchObject({ bozo: false, feed: { title: '某某市第一人民医院' }, items: [{ title: '某某市第一人民医院通报', id: '某某市第一人民医院-1', summary: '© 某某市第一人民医院' }] });
    // An external parameter entity is not read; the document stays well-formed as long as nothing it might declare is used.
    const external = parseFeed(utf8(`<!DOCTYPE rss [<!ENTITY % lat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent">%lat1;]>${rss('<item><title>t</title></item>')}`));
    expect(external).toMatchObject({ bozo: false, items: [{ title: 't' }] });
  });

  it('never expands a billion-laughs DOCTYPE: bozo, with the reference left as text', () => {
    const lols = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n${lols}\n]>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>ok &lol0;</title></item></channel></rss>`;
    const started = performance.now();
    const feed = parseFeed(utf8(bomb));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(feed.bozo).toBe(true);
    expect(feed.bozoReason).toMatch(/&lol9; declared in the DOCTYPE was not expanded: its replacement text is not plain text \(it refers to other entities/);
    expect(feed.feed.title).toBe('&lol9;');
    expect(feed.items).toEqual([expect.objectContaining({ title: 'ok lol' })]);
  });

  it('stops expanding past a million characters (quadratic blowup)', () => {
    const blowup = `<!DOCTYPE rss [<!ENTITY a "${'a'.repeat(100_000)}">]>${rss(`<item><title>${'&a;'.repeat(50)}</title></item>`)}`;
    const started = performance.now();
    const feed = parseFeed(utf8(blowup));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(feed.bozoReason).toMatch(/entity &a; was not expanded: declared entities may add at most 1000000 characters/);
    expect(feed.items[0].title).toBe(`${'a'.repeat(1_000_000)}${'&a;'.repeat(40)}`);
  });

  it('never resolves an external entity (XXE), nor one declared after an unread parameter entity', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title></channel></rss>';
    const feed = parseFeed(utf8(xxe));
    expect(feed).toMatchObject({ bozo: true, feed: { title: '&xxe;' } });
    expect(feed.bozoReason).toMatch(/&xxe; declared in the DOCTYPE was not expanded: it is external/);
    expect(JSON.stringify(feed)).not.toMatch(/root:/);
    // The unread file could have declared `name` first, and the first declaration wins: XML 1.0 §5.1.
    const after = parseFeed(utf8(`<!DOCTYPE rss [<!ENTITY % ext SYSTEM "http://example.cn/x.ent">%ext;<!ENTITY name "张三">]>${rss('<item><title>&name;</title></item>')}`));
    expect(after).toMatchObject({ bozo: true, items: [{ title: '&name;' }] });
    expect(after.bozoReason).toMatch(/declared after a parameter entity that was not read/);
  });

  it('parses a truncated feed as far as it goes and says where it broke', () => {
    const truncated = rss('<item><title>第一条</title><link>https://example.cn/1</link></item><item><title>第二条</title><description>写到一半').slice(0, -'</channel></rss>'.length);
    const feed = parseFeed(utf8(truncated));
    expect(feed.bozo).toBe(true);
    expect(feed.bozoReason).toMatch(/not well-formed XML: .*line 1/);
    expect(feed.items.map((i) => i.title)).toEqual(['第一条', '第二条']);
    expect(feed.items[1].summary).toBe('写到一半');
  });

  it('decodes HTML entities, reports them, and keeps bare ampersands', () => {
    const feed = parseFeed(utf8(rss('<item><title>A&nbsp;B &copy; AT&T</title><link>https://example.cn/?a=1&amp;b=2</link></item>')));
    expect(feed.items[0]).toMatchObject({ title: 'A\u00a0B © AT&T', link: 'https://example.cn/?a=1&b=2' });
    expect(feed.bozo).toBe(true);
    expect(feed.bozoReason).toMatch(/undefined entity &nbsp;/);
    const unknown = parseFeed(utf8(rss('<item><title>&constructor; &foo;</title></item>')));
    expect(unknown.items[0].title).toBe('&constructor; &foo;');
    expect(unknown.bozoReason).toMatch(/Invalid character entity/);
  });

  it('reads an undeclared well-known prefix (dc:) but flags it', () => {
    const feed = parseFeed(utf8('<rss version="2.0"><channel><item><title>t</title><dc:creator>张医生</dc:creator></item></channel></rss>'));
    expect(feed.items[0].author).toBe('张医生');
    expect(feed.bozoReason).toMatch(/Unbound namespace prefix/);
  });

  it('flags documents that are not feeds, and empty ones', () => {
    const html = parseFeed(utf8('<html><head><title>404</title></head><body>Not found</body></html>'));
    expect(html).toMatchObject({ bozo: true, items: [], feed: { title: null } });
    expect(html.bozoReason).toMatch(/not a feed: the root element is <html>/);
    expect(parseFeed(Buffer.alloc(0)).bozoReason).toMatch(/no root element/);
  });

  it('refuses bytes over the cap without reading them', () => {
    const feed = parseFeed(utf8(rss('<item><title>x</title></item>'.repeat(100))), { maxBytes: 1000 });
    expect(feed).toMatchObject({ bozo: true, items: [], encoding: 'utf-8' });
    expect(feed.bozoReason).toMatch(/larger than the 1000-byte cap/);
  });

  it('drops absurdly deep nesting instead of overflowing the stack', () => {
    const deep = `${'<div>'.repeat(20_000)}x${'</div>'.repeat(20_000)}`;
    const feed = parseFeed(utf8(rss(`<item><title>深</title><description>${deep}</description></item>`)));
    expect(feed.items[0].title).toBe('深');
    expect(feed.bozoReason).toMatch(/nested deeper than 256 levels/);
  });

  it('escapes bare ampersands outside CDATA only, in linear time', () => {
    const feed = parseFeed(
      utf8(rss('<item><title><![CDATA[一]]></title><dc:creator><![CDATA[二]]></dc:creator><description><![CDATA[a=1&b=2 AT&T]]></description><link>https://example.cn/?R&D</link></item>')),
    );
    expect(feed.items[0]).toMatchObject({ title: '一', author: '二', summary: 'a=1&b=2 AT&T', link: 'https://example.cn/?R&D' });
    expect(feed.bozoReason).toBe('not well-formed XML: 1 unescaped "&" read as text');
    // An "&" in a comment or a processing instruction is text there: nothing to escape, nothing to report.
    expect(parseFeed(utf8(`<?xml-stylesheet href="/s.xsl?a=1&b=2"?><!-- Q&A -->${rss('<item><title>t</title></item>')}`)).bozo).toBe(false);
    const started = performance.now();
    parseFeed(utf8(`<rss>${'<![CDATA[&'.repeat(400_000)}`));
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('stops reading input that is not XML, or that would take sax superlinear time', () => {
    const noise = parseFeed(utf8(`<rss>${'< '.repeat(1_000_000)}`));
    expect(noise.bozoReason).toMatch(/more than 1000 XML errors: reading stopped at line 1/);
    const started = performance.now();
    const attributes = parseFeed(utf8(`<rss ${Array.from({ length: 300_000 }, (_, i) => `a${i}="1"`).join(' ')}><channel/></rss>`));
    expect(performance.now() - started).toBeLessThan(4000);
    expect(attributes.bozoReason).toMatch(/reading took over 2000 ms: reading stopped/);
  });

  it('never throws, whatever the bytes', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pieces = ['<rss>', '<channel>', '<item>', '<title>', '</title>', '</item>', '<![CDATA[', ']]>', '&', '&#x', '<!DOCTYPE x [', '<?xml encoding="gbk"?>', '\u00e9', '\ud800', '{"items":', '<feed xmlns="http://www.w3.org/2005/Atom">', '<entry>', ' '];
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 40) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const result = parseFeed(Buffer.from(text, i % 2 ? 'utf8' : 'latin1'));
      expect(typeof result.bozo).toBe('boolean');
    }
  });
});

describe('parseFeed: formats', () => {
  it('RSS 2.0: guid as id and as link when it is a permalink, author names, content:encoded, dates', () => {
    const feed = parseFeed(
      utf8(
        rss(`<item><title>医院开展义诊活动</title><guid>https://example.cn/news/1</guid><author>press@example.cn (宣传科)</author>
          <description>&lt;p&gt;摘要&lt;/p&gt;</description><content:encoded><![CDATA[<p>全文 <img src="/a.jpg"></p>]]></content:encoded>
          <pubDate>Wed, 01 May 2024 10:00:00 +0800</pubDate></item>
          <item><title>无链接</title><guid isPermaLink="false">abc-123</guid><dc:creator>李四</dc:creator><dc:creator>王五</dc:creator></item>`),
      ),
    );
    expect(feed).toMatchObject({ bozo: false, feed: { title: '某某市第一人民医院', link: 'https://www.example-hospital.cn/' } });
    expect(feed.items[0]).toEqual({
      id: 'https://example.cn/news/1',
      title: '医院开展义诊活动',
      link: 'https://example.cn/news/1',
      published_at: '2024-05-01T02:00:00.000Z',
      author: '宣传科',
      summary: '<p>摘要</p>',
      content: '<p>全文 <img src="https://www.example-hospital.cn/a.jpg" /></p>',
    });
    expect(feed.items[1]).toMatchObject({ id: 'abc-123', link: null, author: '李四, 王五', published_at: null });
  });

  it('resolves relative links against xml:base, the fetched URL, then the feed link; drops javascript: links', () => {
    const relative = parseFeed(utf8(rss('<item><title>a</title><link>/news/2.html</link></item><item><title>b</title><link>javascript:alert(1)</link></item>')));
    expect(relative.items.map((i) => i.link)).toEqual(['https://www.example-hospital.cn/news/2.html', null]);
    const fetched = parseFeed(utf8(rss('<item><title>a</title><link>news/2.html</link></item>', '<title>x</title><link>/</link>')), { url: 'https://feeds.example.cn/hospital/rss.xml' });
    expect(fetched.feed.link).toBe('https://feeds.example.cn/');
    expect(fetched.items[0].link).toBe('https://feeds.example.cn/hospital/news/2.html');
    const atom = parseFeed(
      utf8(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.cn/blog/"><title>t</title><link href="./"/>
        <entry xml:base="2024/"><id>urn:1</id><title>e</title><link rel="alternate" href="post.html"/>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><a href="../about.html">关于</a></div></content></entry></feed>`),
    );
    expect(atom.feed.link).toBe('https://example.cn/blog/');
    expect(atom.items[0]).toMatchObject({ link: 'https://example.cn/blog/2024/post.html', content: '<a href="https://example.cn/blog/about.html">关于</a>' });
  });

  it('Atom 1.0: text constructs, published before updated, authors inherited from the feed', () => {
    const feed = parseFeed(
      utf8(`<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">医院 &lt;b&gt;动态&lt;/b&gt;</title><author><name>宣传科</name></author>
        <entry><id>urn:a</id><title type="text">一</title><updated>2024-05-02T00:00:00Z</updated><published>2024-05-01T08:00:00+08:00</published>
          <summary type="html">&lt;p&gt;摘要&lt;/p&gt;</summary><content type="text/plain">Example &lt;Atom&gt;</content></entry>
        <entry><id>urn:b</id><title type="application/octet-stream">5L2g5aW9</title><author><name>张三</name></author><updated>2024-05-03T00:00:00Z</updated></entry></feed>`),
    );
    expect(feed).toMatchObject({ bozo: false, feed: { title: '医院 <b>动态</b>', link: null } });
    expect(feed.items[0]).toMatchObject({ id: 'urn:a', title: '一', published_at: '2024-05-01T00:00:00.000Z', author: '宣传科', summary: '<p>摘要</p>', content: 'Example <Atom>' });
    expect(feed.items[1]).toMatchObject({ title: '你好', author: '张三', published_at: '2024-05-03T00:00:00.000Z' });
  });

  it('RSS 1.0 (RDF): rdf:about as id, dc:date', () => {
    const feed = parseFeed(
      utf8(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://example.cn/"><title>RDF</title><link>https://example.cn/</link></channel>
        <item rdf:about="https://example.cn/1"><title>一</title><link>https://example.cn/1</link><dc:date>2024-05-01T10:00:00+08:00</dc:date></item></rdf:RDF>`),
    );
    expect(feed).toMatchObject({ bozo: false, feed: { title: 'RDF', link: 'https://example.cn/' }, items: [{ id: 'https://example.cn/1', title: '一', published_at: '2024-05-01T02:00:00.000Z' }] });
  });

  it('sanitises HTML (RSS descriptions and content, Atom html and xhtml, JSON Feed content_html) and keeps text declared as text', () => {
    const channel = '<title>医院 &lt;script&gt;alert(1)&lt;/script&gt;新闻</title><link>https://www.example-hospital.cn/</link>';
    const fromRss = parseFeed(
      utf8(
        rss(
          `<item><title>门诊 &lt; 急诊 &amp; 住院</title><description>&lt;p onclick="steal()"&gt;摘要&lt;script&gt;x()&lt;/script&gt;&lt;/p&gt;</description>
          <content:encoded><![CDATA[<p style="position:fixed;color:red">全文<img src="/a.jpg" onerror="x()"></p><a href="javascript:alert(1)">链接</a>]]></content:encoded></item>`,
          channel,
        ),
      ),
    );
    expect(fromRss.feed.title).toBe('医院 新闻');
    expect(fromRss.items[0]).toMatchObject({
      title: '门诊 < 急诊 & 住院',
      summary: '<p>摘要</p>',
      content: '<p style="color: red;">全文<img src="https://www.example-hospital.cn/a.jpg" /></p><a>链接</a>',
    });
    const fromAtom = parseFeed(
      utf8(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.cn/"><entry><id>urn:1</id><title type="text">Example &lt;Atom&gt;</title>
        <summary type="html">&lt;b&gt;要点&lt;/b&gt;&lt;iframe src="https://evil.example/"&gt;&lt;/iframe&gt;</summary>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>正文<script>x()</script></p><img src="p.png" onload="x()"/></div></content></entry></feed>`),
    );
    expect(fromAtom.items[0]).toMatchObject({ title: 'Example <Atom>', summary: '<b>要点</b>', content: '<p>正文</p><img src="https://example.cn/p.png" />' });
    const fromJson = parseFeed(
      utf8(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', home_page_url: 'https://example.cn/', items: [{ id: '1', content_html: '<p onclick="x()">转载<script>1</script></p>' }, { id: '2', content_text: '<b>不是标签</b>' }] })),
    );
    expect(fromJson.items.map((i) => i.content)).toEqual(['<p>转载</p>', '<b>不是标签</b>']);
  });

  it('reads RSS <item> elements in an Atom feed as entries, in document order', () => {
    const feed = parseFeed(
      utf8('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:1</id><title>一</title></entry><item><id>urn:2</id><title>二</title></item><entry><id>urn:3</id><title>三</title></entry></feed>'),
    );
    expect(feed).toMatchObject({ bozo: false, items: [{ id: 'urn:1', title: '一' }, { id: 'urn:2', title: '二' }, { id: 'urn:3', title: '三' }] });
  });

  it('JSON Feed 1.1: authors, text content, links relative to the home page', () => {
    const json = {
      version: 'https://jsonfeed.org/version/1.1',
      title: '医院公众号',
      home_page_url: 'https://example.cn/',
      authors: [{ name: '宣传科' }],
      items: [
        { id: 1, url: '/a/1', title: '通报', content_text: '情况说明', date_published: '2024-05-01T10:00:00+08:00' },
        { id: '2', external_url: 'https://news.example.com/x', content_html: '<p>转载</p>', authors: [{ name: '记者' }] },
        'not an item',
      ],
    };
    const feed = parseFeed(utf8(JSON.stringify(json)), { contentType: 'application/feed+json' });
    expect(feed.feed).toEqual({ title: '医院公众号', link: 'https://example.cn/' });
    expect(feed.items).toEqual([
      { id: '1', title: '通报', link: 'https://example.cn/a/1', published_at: '2024-05-01T02:00:00.000Z', author: '宣传科', summary: null, content: '情况说明' },
      { id: '2', title: null, link: 'https://news.example.com/x', published_at: null, author: '记者', summary: null, content: '<p>转载</p>' },
    ]);
    expect(feed.bozoReason).toMatch(/items that are not objects were skipped/);
    expect(parseFeed(utf8('{"items": [')).bozoReason).toMatch(/not valid JSON/);
  });
});
