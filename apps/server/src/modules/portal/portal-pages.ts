/** Server-rendered pages of the hospital's public website: small, fast, readable on a phone, with SEO metadata. */

export type SiteHospital = { fullName: string; shortName: string };
export type SiteArticle = { id: number; title: string; subtitle: string | null; summary: string | null; bodyHtml: string; publishedAt: Date; credits: { role: string; name: string }[] };

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]);

/** Dates as a Chinese office writes them; one formatter, built once (building one costs more than a page's worth of HTML). */
const chineseDateFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
export const chineseDate = (d: Date) => chineseDateFormat.format(d);

/** Plain text of a stored (already sanitised) body, for summaries and feed descriptions. */
export const textExcerpt = (html: string, length: number) => {
  const text = html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&[a-z]+;/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > length ? `${text.slice(0, length)}…` : text;
};

const styles = `
  body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2329;background:#f5f6f8;line-height:1.75}
  header{background:#1f5fbf;color:#fff;padding:16px 20px}header a{color:#fff;text-decoration:none;font-size:20px;font-weight:600}
  main{max-width:880px;margin:0 auto;padding:16px 20px}
  .item{background:#fff;border-radius:8px;padding:16px 20px;margin:12px 0}.item h2{margin:0 0 4px;font-size:18px}
  .item a{color:#1f2329;text-decoration:none}.item a:hover{color:#1f5fbf}.meta{color:#8a8f99;font-size:13px}
  article{background:#fff;border-radius:8px;padding:24px}article h1{font-size:24px;line-height:1.4;margin:0 0 8px}
  article img,article video{max-width:100%;height:auto}.pager{display:flex;justify-content:space-between;margin:16px 0}
  footer{color:#8a8f99;font-size:13px;text-align:center;padding:24px}`;

function page(hospital: SiteHospital, title: string, description: string, canonical: string, content: string) {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(description)}">
<link rel="canonical" href="${escapeHtml(canonical)}">
<meta property="og:title" content="${escapeHtml(title)}">
<meta property="og:description" content="${escapeHtml(description)}">
<meta property="og:site_name" content="${escapeHtml(hospital.fullName)}">
<link rel="alternate" type="application/rss+xml" title="${escapeHtml(hospital.fullName)}" href="/site/rss.xml">
<style>${styles}</style>
</head>
<body>
<header><a href="/site/">${escapeHtml(hospital.fullName)}</a></header>
<main>${content}</main>
<footer>© ${escapeHtml(hospital.fullName)}</footer>
</body>
</html>`;
}

export function homePage(hospital: SiteHospital, items: SiteArticle[], pageNumber: number, hasNext: boolean, origin: string) {
  const list = items.length
    ? items
        .map(
          (a) => `<div class="item"><h2><a href="/site/articles/${a.id}">${escapeHtml(a.title)}</a></h2>
<div class="meta">${chineseDate(a.publishedAt)}</div>
<p>${escapeHtml(a.summary ?? textExcerpt(a.bodyHtml, 120))}</p></div>`,
        )
        .join('\n')
    : '<div class="item">暂无新闻</div>';
  const pager = `<nav class="pager">${pageNumber > 1 ? `<a href="/site/?page=${pageNumber - 1}">上一页</a>` : '<span></span>'}${hasNext ? `<a href="/site/?page=${pageNumber + 1}">下一页</a>` : ''}</nav>`;
  const title = pageNumber > 1 ? `新闻动态（第${pageNumber}页） - ${hospital.fullName}` : `${hospital.fullName} - 新闻动态`;
  return page(hospital, title, `${hospital.fullName}新闻动态`, `${origin}/site/${pageNumber > 1 ? `?page=${pageNumber}` : ''}`, `<h1>新闻动态</h1>${list}${pager}`);
}

export function articlePage(hospital: SiteHospital, a: SiteArticle, origin: string) {
  const credits = a.credits.length ? `<p class="meta">${a.credits.map((c) => `${escapeHtml(c.role)}：${escapeHtml(c.name)}`).join('　')}</p>` : '';
  const content = `<article>
<h1>${escapeHtml(a.title)}</h1>
${a.subtitle ? `<p class="meta">${escapeHtml(a.subtitle)}</p>` : ''}
<p class="meta">${chineseDate(a.publishedAt)}</p>
${a.bodyHtml}
${credits}
</article>`;
  return page(hospital, `${a.title} - ${hospital.fullName}`, a.summary ?? textExcerpt(a.bodyHtml, 120), `${origin}/site/articles/${a.id}`, content);
}

export function notFoundPage(hospital: SiteHospital) {
  return page(hospital, `页面不存在 - ${hospital.fullName}`, '页面不存在', '/site/', '<div class="item">您访问的页面不存在或已撤下。<a href="/site/">返回首页</a></div>');
}

/** RSS 2.0: what feed readers and aggregators take from the hospital's website. */
export function rssFeed(hospital: SiteHospital, items: SiteArticle[], origin: string) {
  const entries = items
    .map(
      (a) => `<item>
<title>${escapeHtml(a.title)}</title>
<link>${origin}/site/articles/${a.id}</link>
<guid isPermaLink="true">${origin}/site/articles/${a.id}</guid>
<pubDate>${a.publishedAt.toUTCString()}</pubDate>
<description>${escapeHtml(a.summary ?? textExcerpt(a.bodyHtml, 200))}</description>
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>${escapeHtml(hospital.fullName)}</title>
<link>${origin}/site/</link>
<description>${escapeHtml(hospital.fullName)}新闻动态</description>
<language>zh-cn</language>
${entries}
</channel>
</rss>`;
}
