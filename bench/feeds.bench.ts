import iconv from 'iconv-lite';
import { parseFeed } from '../apps/server/src/modules/opinion/feeds/parse-feed.ts';
import { percentile } from './product-process.ts';

const itemsPerFeed = 50;
const runs = 300;

const headlines = ['我院专家团队成功救治一名重症心肌炎患儿', '市民反映门诊挂号难，医院回应将增加号源', '护士节：致敬白衣天使', '医院新院区启用公告', '关于调整部分医疗服务价格的说明'];
const paragraph =
  '近日，我院心血管内科团队成功为一名高龄患者实施了经导管主动脉瓣置换术。患者因反复胸闷、气促入院，经多学科会诊评估后，团队制定了个体化治疗方案，术后第三天患者即可下床活动。据介绍，该技术无需开胸，创伤小、恢复快。';

/** A feed as an RSSHub route or a hospital CMS serves it: 50 items with escaped summaries, full HTML bodies, dc:creator. */
function realisticFeed(): string {
  const items = Array.from({ length: itemsPerFeed }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    const body = Array.from({ length: 6 }, (_, p) => `<p>${paragraph}</p>${p % 2 ? `<img src="/uploads/2024/05/${i}-${p}.jpg" alt="图${p}">` : ''}`).join('');
    return `<item>
      <title>${headlines[i % headlines.length]}（${i + 1}）</title>
      <link>https://www.example-hospital.cn/news/2024/05/${i + 1}.html</link>
      <guid isPermaLink="false">example-hospital-news-${i + 1}</guid>
      <pubDate>Wed, ${day} May 2024 10:${String(i % 60).padStart(2, '0')}:00 +0800</pubDate>
      <dc:creator>宣传科</dc:creator>
      <category>医院新闻</category>
      <description>&lt;p&gt;${paragraph.slice(0, 120)}…&lt;/p&gt;</description>
      <content:encoded><![CDATA[${body}]]></content:encoded>
    </item>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>某某市第一人民医院 - 医院新闻</title>
    <link>https://www.example-hospital.cn/</link>
    <atom:link href="https://www.example-hospital.cn/rss.xml" rel="self" type="application/rss+xml"/>
    <description>医院新闻动态</description>
    <language>zh-cn</language>
${items}
  </channel>
</rss>`;
}

function measure(bytes: Buffer, contentType?: string) {
  for (let i = 0; i < 20; i++) parseFeed(bytes, { contentType });
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    items = parseFeed(bytes, { contentType }).items.length;
    times.push(performance.now() - t);
  }
  if (items !== itemsPerFeed) throw new Error(`parsed ${items} items, expected ${itemsPerFeed}`);
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p99: percentile(times, 99) };
}

/** Feed parsing speed: the poller parses every fetched feed on one core. */
export async function runFeedsBench() {
  const text = realisticFeed();
  const utf8 = Buffer.from(text);
  const gbk = iconv.encode(text.replace('encoding="utf-8"', 'encoding="gbk"'), 'gbk');
  process.stdout.write(`  feed: RSS 2.0, ${itemsPerFeed} items, ${(utf8.length / 1024).toFixed(0)} KiB UTF-8 / ${(gbk.length / 1024).toFixed(0)} KiB GBK\n`);

  const u = measure(utf8);
  print(`feeds parsed per second, ${itemsPerFeed}-item RSS 2.0 (UTF-8), one core`, 1000 / u.median, 'info');
  print('  parse time per feed, median ms', u.median, 'info');
  print('  parse time per feed, p99 ms', u.p99, 'info');
  print('  items per second', (itemsPerFeed * 1000) / u.median, 'info');
  const g = measure(gbk, 'application/rss+xml; charset=gbk');
  print(`feeds parsed per second, same feed in GBK (decoded as GB18030), one core`, 1000 / g.median, 'info');
}

function print(label: string, value: number, target: string) {
  process.stdout.write(`${label.padEnd(92)} ${value.toFixed(1).padStart(10)}   target ${target}\n`);
}
