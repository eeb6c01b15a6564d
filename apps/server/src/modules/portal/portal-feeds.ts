/** What machines read from the website: the RSS 2.0 feed, the sitemap and robots.txt. */

import { escapeHtml, textExcerpt, type SiteHospital } from './portal-layout.ts';
import type { SiteArticle } from './portal-pages.ts';

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

export type SitemapEntry = { path: string; lastmod?: Date };

/** sitemaps.org 0.9: every public URL with, where known, when it last changed. */
export function sitemap(entries: SitemapEntry[], origin: string) {
  const urls = entries
    .map((e) => `<url><loc>${escapeHtml(origin + e.path)}</loc>${e.lastmod ? `<lastmod>${e.lastmod.toISOString()}</lastmod>` : ''}</url>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls}
</urlset>`;
}

/** Crawlers may read the website, not the console or the API, and not search result pages. */
export function robotsTxt(origin: string) {
  return `User-agent: *
Allow: /site/
Disallow: /site/search
Disallow: /
Sitemap: ${origin}/site/sitemap.xml
`;
}
