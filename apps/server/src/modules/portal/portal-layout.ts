/** The shared frame of every page of the public website: head with SEO metadata, navigation, breadcrumbs, footer. */

import { createHash } from 'node:crypto';

/** The hospital the site speaks for, and the website's columns (栏目) its navigation lists. */
export type SiteHospital = { fullName: string; shortName: string; columns?: readonly NavColumn[] };
export type NavColumn = { id: number; name: string };

/** Columns named in the navigation bar; with more, the bar ends in 更多栏目 (every column is on /site/columns). */
export const navColumnsMax = 6;

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

/** The sections of the navigation, in its order. */
export const navigation = [
  { key: 'home', label: '首页', path: '/site/' },
  { key: 'news', label: '新闻动态', path: '/site/news' },
  { key: 'science', label: '健康科普', path: '/site/science' },
  { key: 'party', label: '党建之窗', path: '/site/party' },
  { key: 'departments', label: '科室导航', path: '/site/departments' },
  { key: 'experts', label: '专家介绍', path: '/site/experts' },
  { key: 'search', label: '搜索', path: '/site/search' },
] as const;
export type NavKey = (typeof navigation)[number]['key'];

export const navItem = (key: NavKey) => navigation.find((n) => n.key === key)!;

export type Crumb = { label: string; path?: string };

export type PageMeta = {
  /** The page's own title; the hospital's name follows it in <title>. Absent on the home page. */
  title?: string;
  description: string;
  /** Path and query of the canonical URL. */
  path: string;
  section: NavKey | null;
  /** The column whose navigation item is the current page (a column's page, an article in it). */
  column?: number;
  crumbs: Crumb[];
  ogType?: 'website' | 'article' | 'profile';
  /** Path of the page's image (an expert's photo), for Open Graph. */
  image?: string;
  /** Search results and the 404 page stay out of search engines. */
  noindex?: boolean;
  extraHead?: string;
};

/** The site's one stylesheet: responsive, no script. */
export const siteStyles = `
  *{box-sizing:border-box}
  body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2329;background:#f5f6f8;line-height:1.75;-webkit-text-size-adjust:100%}
  a{color:#1f5fbf}
  .top{background:#1f5fbf;color:#fff}
  .bar{max-width:1080px;margin:0 auto;padding:14px 20px;display:flex;align-items:center;justify-content:space-between;gap:12px;flex-wrap:wrap}
  .site-name{color:#fff;text-decoration:none;font-size:20px;font-weight:600}
  .search{display:flex;gap:6px;margin:0}.search input{width:220px;min-width:0;padding:6px 10px;border:1px solid #c9cdd4;border-radius:4px;font-size:14px}
  .search button{padding:6px 14px;border:0;border-radius:4px;background:#ffb020;color:#1f2329;font-size:14px;cursor:pointer}
  .nav{background:#174a96}.nav ul{max-width:1080px;margin:0 auto;padding:0 12px;list-style:none;display:flex;flex-wrap:wrap}
  .nav a{display:block;padding:10px 16px;color:#fff;text-decoration:none}.nav a:hover,.nav a[aria-current]{background:#0f3570}
  main{max-width:1080px;margin:0 auto;padding:12px 20px 24px}
  .crumbs{font-size:13px;color:#8a8f99;margin:4px 0 12px}.crumbs a{color:#8a8f99;text-decoration:none}.crumbs a:hover{color:#1f5fbf}
  h1{font-size:22px;line-height:1.4;margin:8px 0 12px}h2{font-size:18px;margin:0 0 8px}
  .panel,.item,article{background:#fff;border-radius:8px;padding:16px 20px;margin:0 0 12px}
  .item h2{margin:0 0 4px}.item a,.list a,.card a{color:#1f2329;text-decoration:none}.item a:hover,.list a:hover,.card a:hover{color:#1f5fbf}
  .meta{color:#8a8f99;font-size:13px}.tag{display:inline-block;padding:0 6px;margin-right:6px;border-radius:3px;background:#e8f0fc;color:#1f5fbf;font-size:12px}
  .list{list-style:none;margin:0;padding:0}.list li{display:flex;justify-content:space-between;gap:12px;padding:6px 0;border-bottom:1px dashed #e5e6eb}
  .list li a{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.list .meta{flex:none}
  .panel-head{display:flex;justify-content:space-between;align-items:baseline}.panel-head a{font-size:13px}
  .sections{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:12px;margin:0 0 12px}.sections .panel{margin:0}
  .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:12px}
  .card{background:#fff;border-radius:8px;padding:14px;display:flex;gap:12px}.card h2{font-size:16px;margin:0}.card p{margin:4px 0 0;font-size:13px;color:#4e5969}
  .photo{flex:none;width:72px;height:96px;border-radius:6px;object-fit:cover;background:#e8f0fc}
  .initial{display:flex;align-items:center;justify-content:center;color:#1f5fbf;font-size:28px}
  .profile{display:flex;gap:20px}.profile .photo{width:150px;height:200px}.profile .initial{font-size:56px}
  .chips{display:flex;flex-wrap:wrap;gap:8px;padding:0;margin:0;list-style:none}.chips a{display:block;padding:4px 12px;border:1px solid #d0dcf0;border-radius:16px;background:#fff;text-decoration:none}
  article h1{font-size:24px;margin:0 0 8px}article img,article video{max-width:100%;height:auto}
  .pager{display:flex;flex-wrap:wrap;justify-content:center;gap:6px;margin:16px 0}.pager a,.pager span{min-width:36px;padding:4px 10px;border-radius:4px;background:#fff;text-align:center;text-decoration:none}
  .pager [aria-current]{background:#1f5fbf;color:#fff}
  footer{color:#8a8f99;font-size:13px;text-align:center;padding:24px 12px}footer a{color:#8a8f99}
  @media (max-width:640px){
    .bar{padding:10px 12px}.site-name{font-size:18px}.search{width:100%}.search input{flex:1;width:auto}
    .nav ul{display:grid;grid-template-columns:repeat(4,1fr);padding:0}.nav a{padding:8px 2px;text-align:center;font-size:14px}
    main{padding:8px 12px 16px}.panel,.item,article{padding:12px 14px}
    .sections{grid-template-columns:minmax(0,1fr)}.grid{grid-template-columns:minmax(0,1fr)}
    .profile{flex-direction:column;align-items:center}
  }`;
/** Versioned by content, so browsers keep it for good and a new release is fetched at once. */
export const siteStylesPath = `/site/site.css?v=${createHash('sha256').update(siteStyles).digest('hex').slice(0, 12)}`;

export function layout(hospital: SiteHospital, origin: string, meta: PageMeta, content: string) {
  const title = meta.title ? `${meta.title} - ${hospital.fullName}` : hospital.fullName;
  const canonical = origin + meta.path;
  const crumbs = meta.crumbs.length
    ? `<nav class="crumbs" aria-label="当前位置"><a href="/site/">首页</a>${meta.crumbs
        .map((c) => ` › ${c.path ? `<a href="${escapeHtml(c.path)}">${escapeHtml(c.label)}</a>` : `<span aria-current="page">${escapeHtml(c.label)}</span>`}`)
        .join('')}</nav>`
    : '';
  const item = (path: string, label: string, current: boolean) => `<li><a href="${path}"${current ? ' aria-current="page"' : ''}>${label}</a></li>`;
  const columns = hospital.columns ?? [];
  // The site's columns follow the fixed sections of the articles, before the directories.
  const columnItems =
    columns
      .slice(0, navColumnsMax)
      .map((c) => item(`/site/columns/${c.id}`, escapeHtml(c.name), c.id === meta.column))
      .join('') + (columns.length > navColumnsMax ? item('/site/columns', '更多栏目', false) : '');
  const nav = navigation.map((n) => item(n.path, n.label, n.key === meta.section) + (n.key === 'party' ? columnItems : '')).join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(meta.description)}">
${meta.noindex ? '<meta name="robots" content="noindex">' : `<link rel="canonical" href="${escapeHtml(canonical)}">`}
<meta property="og:type" content="${meta.ogType ?? 'website'}">
<meta property="og:title" content="${escapeHtml(meta.title ?? hospital.fullName)}">
<meta property="og:description" content="${escapeHtml(meta.description)}">
<meta property="og:url" content="${escapeHtml(canonical)}">
<meta property="og:site_name" content="${escapeHtml(hospital.fullName)}">
<meta property="og:locale" content="zh_CN">
${meta.image ? `<meta property="og:image" content="${escapeHtml(origin + meta.image)}">\n` : ''}${meta.extraHead ?? ''}<link rel="alternate" type="application/rss+xml" title="${escapeHtml(hospital.fullName)}" href="/site/rss.xml">
<link rel="stylesheet" href="${siteStylesPath}">
</head>
<body>
<header class="top"><div class="bar"><a class="site-name" href="/site/">${escapeHtml(hospital.fullName)}</a>
<form class="search" action="/site/search" method="get" role="search"><input type="search" name="q" placeholder="搜索新闻、科普" aria-label="搜索"><button type="submit">搜索</button></form></div>
<nav class="nav" aria-label="网站导航"><ul>${nav}</ul></nav></header>
<main>${crumbs}${content}</main>
<footer><a href="/site/columns">栏目</a> · <a href="/site/rss.xml">RSS 订阅</a> · <a href="/site/sitemap.xml">网站地图</a><br>© ${escapeHtml(hospital.fullName)}</footer>
</body>
</html>`;
}

/** Page numbers: the first, the last, and two either side of the current one, with ellipses between. */
export function pager(pathWithQuery: (page: number) => string, current: number, total: number) {
  if (total <= 1) return '';
  const shown = [...new Set([1, total, ...[-2, -1, 0, 1, 2].map((d) => current + d)])].filter((n) => n >= 1 && n <= total).sort((a, b) => a - b);
  const parts: string[] = [];
  if (current > 1) parts.push(`<a href="${escapeHtml(pathWithQuery(current - 1))}" rel="prev">上一页</a>`);
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1] > 1) parts.push('<span>…</span>');
    parts.push(n === current ? `<span aria-current="page">${n}</span>` : `<a href="${escapeHtml(pathWithQuery(n))}">${n}</a>`);
  });
  if (current < total) parts.push(`<a href="${escapeHtml(pathWithQuery(current + 1))}" rel="next">下一页</a>`);
  return `<nav class="pager" aria-label="分页">${parts.join('')}</nav>`;
}
