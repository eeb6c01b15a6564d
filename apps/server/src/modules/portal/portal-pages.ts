/** Server-rendered pages of the hospital's public website: small, fast, readable on a phone, every text escaped. */

import type { ArticleCategory } from '../content/review-chain.ts';
import { chineseDate, escapeHtml, layout, navItem, pager, textExcerpt, type SiteHospital } from './portal-layout.ts';

export type SiteArticle = {
  id: number;
  title: string;
  subtitle: string | null;
  summary: string | null;
  bodyHtml: string;
  category: ArticleCategory;
  publishedAt: Date;
  credits: { role: string; name: string }[];
};
export type ExpertCard = { id: number; name: string; title: string; departmentName: string | null; specialties: string | null; photoPath: string | null };
export type ExpertProfile = ExpertCard & { bio: string | null; clinicHours: string | null; department: { id: number; name: string; onSite: boolean } | null };
export type SiteDepartment = { id: number; name: string; kind: string };
export type SiteColumn = { id: number; name: string; description: string | null };
export type SiteColumnRef = { id: number; name: string };

/** The article lists of the site: every website article, or one category's. */
export const sections = {
  news: { category: undefined, intro: '医院新闻、通知公告与各类动态' },
  science: { category: 'science', intro: '权威、实用的健康科普知识' },
  party: { category: 'party', intro: '党建工作动态与党风廉政建设' },
} as const satisfies Record<string, { category: ArticleCategory | undefined; intro: string }>;
export type SectionKey = keyof typeof sections;

const categoryLabels: Record<ArticleCategory, string> = { news: '新闻', science: '科普', party: '党建', role_model: '典型', notice: '公告', other: '其他' };
const departmentKindLabels: Record<string, string> = { clinical: '临床科室', medical_tech: '医技科室' };

/** The section an article is filed under in breadcrumbs. */
const sectionOf = (category: ArticleCategory): SectionKey => (category === 'science' || category === 'party' ? category : 'news');

const shortened = (text: string, length: number) => ([...text].length > length ? `${[...text].slice(0, length).join('')}…` : text);
const excerptOf = (a: SiteArticle, length = 120) => a.summary ?? textExcerpt(a.bodyHtml, length);
const pageQuery = (base: string) => (n: number) => (n > 1 ? `${base}${base.includes('?') ? '&' : '?'}page=${n}` : base);
const pageSuffix = (n: number) => (n > 1 ? `（第${n}页）` : '');

function articleItem(a: SiteArticle) {
  return `<div class="item"><h2><a href="/site/articles/${a.id}">${escapeHtml(a.title)}</a></h2>
<div class="meta"><span class="tag">${categoryLabels[a.category]}</span>${chineseDate(a.publishedAt)}</div>
<p>${escapeHtml(excerptOf(a))}</p></div>`;
}

function articleLinks(items: SiteArticle[], empty: string) {
  if (!items.length) return `<p class="meta">${empty}</p>`;
  return `<ul class="list">${items.map((a) => `<li><a href="/site/articles/${a.id}">${escapeHtml(a.title)}</a><span class="meta">${chineseDate(a.publishedAt)}</span></li>`).join('')}</ul>`;
}

function photo(e: { name: string; photoPath: string | null }, size: 'card' | 'profile') {
  const [width, height] = size === 'card' ? [72, 96] : [150, 200];
  return e.photoPath
    ? `<img class="photo" src="${escapeHtml(e.photoPath)}" alt="${escapeHtml(e.name)}" width="${width}" height="${height}" loading="lazy">`
    : `<div class="photo initial" aria-hidden="true">${escapeHtml([...e.name][0] ?? '')}</div>`;
}

function expertCard(e: ExpertCard) {
  const line = [e.title, e.departmentName].filter(Boolean).map((t) => escapeHtml(t!)).join(' · ');
  return `<div class="card">${photo(e, 'card')}<div><h2><a href="/site/experts/${e.id}">${escapeHtml(e.name)}</a></h2><p>${line}</p>${
    e.specialties ? `<p>擅长：${escapeHtml(shortened(e.specialties, 60))}</p>` : ''
  }</div></div>`;
}

const expertGrid = (experts: ExpertCard[], empty: string) => (experts.length ? `<div class="grid">${experts.map(expertCard).join('')}</div>` : `<p class="meta">${empty}</p>`);

/** Plain text typed in the console (a biography), as paragraphs. */
const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');

function panel(title: string, path: string | null, body: string) {
  return `<section class="panel"><div class="panel-head"><h2>${title}</h2>${path ? `<a href="${path}">更多 ›</a>` : ''}</div>${body}</section>`;
}

export type HomeData = { news: SiteArticle[]; science: SiteArticle[]; party: SiteArticle[]; experts: ExpertCard[]; departments: SiteDepartment[] };

export function homePage(hospital: SiteHospital, origin: string, d: HomeData) {
  const departments = d.departments.length
    ? `<ul class="chips">${d.departments.map((dep) => `<li><a href="/site/departments/${dep.id}">${escapeHtml(dep.name)}</a></li>`).join('')}</ul>`
    : '<p class="meta">暂无科室信息</p>';
  const content = `<h1>${escapeHtml(hospital.fullName)}</h1>
${panel('新闻动态', '/site/news', articleLinks(d.news, '暂无新闻'))}
<div class="sections">${panel('健康科普', '/site/science', articleLinks(d.science, '暂无科普文章'))}${panel('党建之窗', '/site/party', articleLinks(d.party, '暂无党建动态'))}</div>
${panel('专家介绍', '/site/experts', expertGrid(d.experts, '暂无专家信息'))}
${panel('科室导航', '/site/departments', departments)}`;
  return layout(hospital, origin, { description: `${hospital.fullName}官方网站：新闻动态、健康科普、党建之窗、科室导航与专家介绍`, path: '/site/', section: 'home', crumbs: [] }, content);
}

export function sectionPage(hospital: SiteHospital, origin: string, key: SectionKey, items: SiteArticle[], page: number, totalPages: number) {
  const { label, path } = navItem(key);
  const list = items.length ? items.map(articleItem).join('\n') : '<div class="item">暂无文章</div>';
  return layout(
    hospital,
    origin,
    { title: label + pageSuffix(page), description: `${hospital.fullName}${label}：${sections[key].intro}`, path: pageQuery(path)(page), section: key, crumbs: [{ label }] },
    `<h1>${label}</h1>${list}${pager(pageQuery(path), page, totalPages)}`,
  );
}

/** An article's page; filed under its column (栏目) when its website publication went into one, else its section. */
export function articlePage(hospital: SiteHospital, origin: string, a: SiteArticle, department: { id: number; name: string } | null, column: SiteColumnRef | null = null) {
  const section = navItem(sectionOf(a.category));
  const columnPath = column ? `/site/columns/${column.id}` : null;
  const credits = a.credits.length ? `<p class="meta">${a.credits.map((c) => `${escapeHtml(c.role)}：${escapeHtml(c.name)}`).join('　')}</p>` : '';
  const content = `<article>
<h1>${escapeHtml(a.title)}</h1>
${a.subtitle ? `<p class="meta">${escapeHtml(a.subtitle)}</p>` : ''}
<p class="meta"><span class="tag">${categoryLabels[a.category]}</span>${chineseDate(a.publishedAt)}${column ? `　<a href="${columnPath}">${escapeHtml(column.name)}</a>` : ''}${department ? `　<a href="/site/departments/${department.id}">${escapeHtml(department.name)}</a>` : ''}</p>
${a.bodyHtml}
${credits}
</article>`;
  return layout(
    hospital,
    origin,
    {
      title: a.title,
      description: excerptOf(a),
      path: `/site/articles/${a.id}`,
      section: column ? null : sectionOf(a.category),
      column: column?.id,
      crumbs: [column ? { label: column.name, path: columnPath! } : { label: section.label, path: section.path }, { label: a.title }],
      ogType: 'article',
      extraHead: `<meta property="article:published_time" content="${a.publishedAt.toISOString()}">\n`,
    },
    content,
  );
}

export function departmentsPage(hospital: SiteHospital, origin: string, departments: SiteDepartment[]) {
  const groups = Object.entries(departmentKindLabels)
    .map(([kind, label]) => [label, departments.filter((d) => d.kind === kind)] as const)
    .filter(([, members]) => members.length)
    .map(([label, members]) => panel(label, null, `<ul class="chips">${members.map((d) => `<li><a href="/site/departments/${d.id}">${escapeHtml(d.name)}</a></li>`).join('')}</ul>`))
    .join('');
  return layout(
    hospital,
    origin,
    { title: '科室导航', description: `${hospital.fullName}临床科室与医技科室导航`, path: '/site/departments', section: 'departments', crumbs: [{ label: '科室导航' }] },
    `<h1>科室导航</h1>${groups || '<div class="item">暂无科室信息</div>'}`,
  );
}

export function departmentPage(hospital: SiteHospital, origin: string, department: SiteDepartment, experts: ExpertCard[], articles: SiteArticle[]) {
  const kind = departmentKindLabels[department.kind];
  const content = `<h1>${escapeHtml(department.name)}</h1>
<p class="meta">${kind}</p>
${panel('科室专家', null, expertGrid(experts, '暂无专家信息'))}
${panel('科室动态', null, articleLinks(articles, '暂无文章'))}`;
  const names = experts.map((e) => e.name).join('、');
  return layout(
    hospital,
    origin,
    {
      title: department.name,
      description: `${hospital.fullName}${department.name}${names ? `，专家：${names}` : ''}`,
      path: `/site/departments/${department.id}`,
      section: 'departments',
      crumbs: [{ label: '科室导航', path: '/site/departments' }, { label: department.name }],
    },
    content,
  );
}

export function expertsPage(hospital: SiteHospital, origin: string, experts: ExpertCard[], page: number, totalPages: number) {
  return layout(
    hospital,
    origin,
    { title: `专家介绍${pageSuffix(page)}`, description: `${hospital.fullName}专家介绍：职称、科室、擅长与出诊时间`, path: pageQuery('/site/experts')(page), section: 'experts', crumbs: [{ label: '专家介绍' }] },
    `<h1>专家介绍</h1>${expertGrid(experts, '暂无专家信息')}${pager(pageQuery('/site/experts'), page, totalPages)}`,
  );
}

export function expertPage(hospital: SiteHospital, origin: string, e: ExpertProfile) {
  const department = e.department
    ? e.department.onSite
      ? `<a href="/site/departments/${e.department.id}">${escapeHtml(e.department.name)}</a>`
      : escapeHtml(e.department.name)
    : '';
  const content = `<article><div class="profile">${photo(e, 'profile')}<div>
<h1>${escapeHtml(e.name)}</h1>
<p>${escapeHtml(e.title)}${department ? `　${department}` : ''}</p>
${e.specialties ? `<h2>擅长</h2><p>${escapeHtml(e.specialties)}</p>` : ''}
${e.clinicHours ? `<h2>出诊时间</h2><p>${escapeHtml(e.clinicHours)}</p>` : ''}
</div></div>
${e.bio ? `<h2>个人简介</h2>${paragraphs(e.bio)}` : ''}
</article>`;
  return layout(
    hospital,
    origin,
    {
      title: `${e.name} ${e.title}`,
      description: [`${e.name}，${e.title}`, e.departmentName, e.specialties && `擅长${e.specialties}`].filter(Boolean).join('，'),
      path: `/site/experts/${e.id}`,
      section: 'experts',
      crumbs: [{ label: '专家介绍', path: '/site/experts' }, { label: e.name }],
      ogType: 'profile',
      image: e.photoPath ?? undefined,
    },
    content,
  );
}

export type SearchResults = { items: SiteArticle[]; total: number; page: number; totalPages: number };

export function searchPage(hospital: SiteHospital, origin: string, q: string, results: SearchResults | null) {
  const form = `<form class="panel search" action="/site/search" method="get" role="search"><input type="search" name="q" value="${escapeHtml(q)}" aria-label="搜索关键词" placeholder="输入关键词"><button type="submit">搜索</button></form>`;
  const body = !results
    ? ''
    : results.total === 0
      ? `<div class="item">没有找到与“${escapeHtml(q)}”相关的文章。</div>`
      : `<p class="meta">找到 ${results.total} 篇与“${escapeHtml(q)}”相关的文章</p>${results.items.map(articleItem).join('\n')}${pager(
          (n) => `/site/search?q=${encodeURIComponent(q)}${n > 1 ? `&page=${n}` : ''}`,
          results.page,
          results.totalPages,
        )}`;
  const title = q ? `搜索：${q}${pageSuffix(results?.page ?? 1)}` : '搜索';
  return layout(
    hospital,
    origin,
    { title, description: `在${hospital.fullName}网站搜索新闻与科普文章`, path: '/site/search', section: 'search', crumbs: [{ label: '搜索' }], noindex: true },
    `<h1>搜索</h1>${form}${body}`,
  );
}

export function columnsPage(hospital: SiteHospital, origin: string, columns: SiteColumn[]) {
  const list = columns.length
    ? columns.map((c) => `<div class="item"><h2><a href="/site/columns/${c.id}">${escapeHtml(c.name)}</a></h2>${c.description ? `<p>${escapeHtml(c.description)}</p>` : ''}</div>`).join('\n')
    : '<div class="item">暂无栏目</div>';
  return layout(
    hospital,
    origin,
    { title: '栏目', description: `${hospital.fullName}网站栏目`, path: '/site/columns', section: null, crumbs: [{ label: '栏目' }] },
    `<h1>栏目</h1>${list}`,
  );
}

/** One column's page (栏目页): its articles, newest first, a page at a time. */
export function columnPage(hospital: SiteHospital, origin: string, column: SiteColumn, items: SiteArticle[], page: number, totalPages: number) {
  const path = `/site/columns/${column.id}`;
  const list = items.length ? items.map(articleItem).join('\n') : '<div class="item">本栏目暂无文章</div>';
  return layout(
    hospital,
    origin,
    {
      title: column.name + pageSuffix(page),
      description: column.description ? `${hospital.fullName}${column.name}：${column.description}` : `${hospital.fullName}网站${column.name}栏目`,
      path: pageQuery(path)(page),
      section: null,
      column: column.id,
      crumbs: [{ label: '栏目', path: '/site/columns' }, { label: column.name }],
    },
    `<h1>${escapeHtml(column.name)}</h1>${column.description ? `<p class="meta">${escapeHtml(column.description)}</p>` : ''}${list}${pager(pageQuery(path), page, totalPages)}`,
  );
}

export function notFoundPage(hospital: SiteHospital, origin: string) {
  return layout(
    hospital,
    origin,
    { title: '页面不存在', description: '页面不存在', path: '/site/', section: null, crumbs: [{ label: '页面不存在' }], noindex: true },
    '<h1>页面不存在</h1><div class="item">您访问的页面不存在或已撤下。<a href="/site/">返回首页</a> · <a href="/site/search">搜索</a></div>',
  );
}
