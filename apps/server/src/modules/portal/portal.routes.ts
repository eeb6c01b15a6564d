import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eventBus } from '../../platform/events.ts';
import {
  websiteColumnOf, websiteColumns, websiteColumnsLastPublished, websitePublicationCount, websitePublicationOf, websitePublications, type WebsiteFilter,
} from '../channels/website-listing.service.ts';
import { articlesByIds } from '../content/article.service.ts';
import { assetFileFor, assetIdsInHtml } from '../content/asset.service.ts';
import { articleIdsWhere } from '../content/site-articles.service.ts';
import { siteExpert, siteExpertCount, siteExpertPhoto, siteExperts, type SiteExpert } from '../experts/expert.service.ts';
import { departmentsByIds } from '../org/directory.service.ts';
import { siteHospital } from '../org/name-book.service.ts';
import { siteDepartment, siteDepartments } from '../org/site-directory.service.ts';
import { withPublicAssetUrls } from './portal-assets.ts';
import { robotsTxt, rssFeed, sitemap, type SitemapEntry } from './portal-feeds.ts';
import { siteStyles, type SiteHospital } from './portal-layout.ts';
import {
  articlePage, columnPage, columnsPage, departmentPage, departmentsPage, expertPage, expertsPage, homePage, notFoundPage, searchPage, sectionPage, sections,
  type ExpertCard, type SectionKey, type SiteArticle,
} from './portal-pages.ts';
import { articlesMatching, indexForSearch, indexMissingArticles, searchTokensOf } from './site-search.service.ts';

const pageSize = 20;
const expertPageSize = 24;
const homeListSize = 8;
const homeSectionSize = 6;
const departmentArticles = 10;
/** A department page lists every expert of the department; no department has this many. */
const departmentExperts = 100;
/** The protocol caps one sitemap at 50,000 URLs; the newest articles fill what the other pages leave. */
const sitemapArticles = 45_000;
const sitemapExperts = 4_000;
/** Longer queries are cut: nobody types more into a hospital site's search box, and it bounds the work per query. */
const queryMaxLength = 50;
/**
 * Micro-cache: a public page is rendered at most once per this long per instance (every reader gets the same HTML).
 * A publication or withdrawal on this instance clears it at once; other instances, and expert or department edits,
 * show within the window.
 */
const renderedForMs = 5_000;
const renderedMax = 500;
const sitePolicy = "default-src 'self'; img-src 'self' https: data:; media-src 'self' https:; style-src 'self' 'unsafe-inline'; script-src 'none'; frame-ancestors 'none'";

type Rendered = { status: number; body: string };
/** Kept encoded: a cached page is sent as it is, not re-encoded to UTF-8 for every reader. */
type Cached = { status: number; body: Buffer };
type Site = SiteHospital & { id: number };

/** ?page=N: absent is the first page; anything but a plain page number is no page at all (404). */
function pageNumberOf(request: FastifyRequest): number | null {
  const raw = (request.query as Record<string, unknown>).page;
  if (raw === undefined) return 1;
  return typeof raw === 'string' && /^[1-9]\d{0,3}$/.test(raw) ? Number(raw) : null;
}

function idOf(request: FastifyRequest): number | null {
  const raw = (request.params as Record<string, string>).id;
  return /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null;
}

const totalPagesOf = (total: number, size: number) => Math.max(1, Math.ceil(total / size));

/** The hospital's public website (门户网站) at /site/: published website articles, departments and public experts. */
export function registerPortalRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const storage = app.deps.storage;

  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

  const rendered = new Map<string, { page: Promise<Cached>; until: number }>();

  /** The hospital and its website columns (every page's navigation lists them), read once per micro-cache window. */
  let siteRead: { value: Promise<Site | null>; until: number } | null = null;
  function site(): Promise<Site | null> {
    if (siteRead && siteRead.until > Date.now()) return siteRead.value;
    const value = (async () => {
      const row = await siteHospital(db);
      if (!row) return null;
      const columns = (await websiteColumns(db, row.id)).map((c) => ({ id: c.id, name: c.name }));
      return { id: row.id, fullName: row.fullName, shortName: row.shortNames[0] ?? row.fullName, columns };
    })();
    const entry = { value, until: Date.now() + renderedForMs };
    siteRead = entry;
    value.catch(() => {
      if (siteRead === entry) siteRead = null;
    });
    return value;
  }
  const clearRendered = () => {
    rendered.clear();
    siteRead = null;
  };

  // A search on this instance waits for what was just published to be indexed; never for the catch-up at start.
  let indexing: Promise<void> = Promise.resolve();
  let catchingUp: Promise<void> = Promise.resolve();
  let closing = false;
  const forSiteHospital = async (work: (hospitalId: number) => Promise<void>) => {
    try {
      const hospital = await siteHospital(db);
      if (hospital && !closing) await work(hospital.id);
    } catch (err) {
      app.log.error({ err }, 'site search indexing failed');
    }
  };

  const stopPublished = eventBus.subscribe('publication.published', ({ articleId }) => {
    clearRendered();
    indexing = indexing.then(() => forSiteHospital((hospitalId) => indexForSearch(db, hospitalId, [articleId])));
  });
  const stopWithdrawn = eventBus.subscribe('publication.withdrawn', clearRendered);
  app.addHook('onReady', async () => {
    catchingUp = forSiteHospital((hospitalId) => indexMissingArticles(db, hospitalId, () => closing));
  });
  app.addHook('onClose', async () => {
    stopPublished();
    stopWithdrawn();
    closing = true;
    await Promise.all([indexing, catchingUp]);
  });

  /** Readers arriving while a page renders wait for that render: at expiry, one render, not one per reader. */
  function renderOnce(key: string, render: () => Promise<Rendered>) {
    const hit = rendered.get(key);
    if (hit && hit.until > Date.now()) return hit.page;
    const entry = { page: render().then((r) => ({ status: r.status, body: Buffer.from(r.body) })), until: Date.now() + renderedForMs };
    if (rendered.size >= renderedMax) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, entry);
    // A failed render is not kept: the next reader tries again.
    entry.page.catch(() => {
      if (rendered.get(key) === entry) rendered.delete(key);
    });
    return entry.page;
  }

  /** A page cached under its URL (origin, path and the query that matters); `render` answering null is a 404 in the site's frame. */
  async function servePage(request: FastifyRequest, reply: FastifyReply, url: string, render: (hospital: Site, origin: string) => Promise<string | null>) {
    const from = origin(request);
    const page = await renderOnce(from + url, async () => {
      const hospital = await site();
      if (!hospital) return { status: 404, body: '' };
      const body = await render(hospital, from);
      return body === null ? { status: 404, body: notFoundPage(hospital, from) } : { status: 200, body };
    });
    return reply.status(page.status).type('text/html; charset=utf-8').header('content-security-policy', sitePolicy).header('cache-control', 'public, max-age=60').send(page.body);
  }

  /** Every missing page shows the same 404, so it is cached once, whatever the URL. */
  const notFound = (request: FastifyRequest, reply: FastifyReply) => servePage(request, reply, '/site/404', async () => null);

  async function published(hospitalId: number, page: { limit: number; offset: number } & WebsiteFilter): Promise<SiteArticle[]> {
    const rows = await websitePublications(db, hospitalId, page);
    const articles = new Map((await articlesByIds(db, hospitalId, rows.map((r) => r.articleId))).map((a) => [a.id, a]));
    return rows.flatMap((r) => {
      const a = articles.get(r.articleId);
      return a ? [{ id: a.id, title: a.title, subtitle: a.subtitle, summary: a.summary, bodyHtml: a.bodyHtml, category: a.category, publishedAt: r.publishedAt!, credits: a.credits }] : [];
    });
  }

  const category = (hospitalId: number, key: SectionKey) => {
    const wanted = sections[key].category;
    return wanted ? articleIdsWhere(db, hospitalId, { category: wanted }) : undefined;
  };

  async function expertCards(hospitalId: number, experts: SiteExpert[]): Promise<ExpertCard[]> {
    const names = new Map((await departmentsByIds(db, hospitalId, [...new Set(experts.map((e) => e.departmentId))])).map((d) => [d.id, d.name]));
    return experts.map((e) => ({
      id: e.id,
      name: e.name,
      title: e.title,
      departmentName: names.get(e.departmentId) ?? null,
      specialties: e.specialties,
      // The version in the URL changes with every edit, so browsers and proxies may keep a photo for long.
      photoPath: e.photoVersion ? `/site/experts/${e.id}/photo?v=${e.updatedAt.getTime().toString(36)}` : null,
    }));
  }

  api.get('/site/', { schema: { hide: true } }, (request, reply) =>
    servePage(request, reply, '/site/', async (hospital, from) => {
      const [news, science, party, experts, departments] = await Promise.all([
        published(hospital.id, { limit: homeListSize, offset: 0 }),
        published(hospital.id, { limit: homeSectionSize, offset: 0, articleIds: category(hospital.id, 'science') }),
        published(hospital.id, { limit: homeSectionSize, offset: 0, articleIds: category(hospital.id, 'party') }),
        siteExperts(db, hospital.id, { limit: homeListSize, offset: 0 }).then((rows) => expertCards(hospital.id, rows)),
        siteDepartments(db, hospital.id),
      ]);
      return homePage(hospital, from, { news, science, party, experts, departments });
    }));

  for (const key of Object.keys(sections) as SectionKey[]) {
    api.get(`/site/${key}`, { schema: { hide: true } }, (request, reply) => {
      const page = pageNumberOf(request);
      if (page === null) return notFound(request, reply);
      return servePage(request, reply, `/site/${key}?page=${page}`, async (hospital, from) => {
        const total = await websitePublicationCount(db, hospital.id, { articleIds: category(hospital.id, key) });
        const totalPages = totalPagesOf(total, pageSize);
        if (page > totalPages) return null;
        const items = await published(hospital.id, { limit: pageSize, offset: (page - 1) * pageSize, articleIds: category(hospital.id, key) });
        return sectionPage(hospital, from, key, items, page, totalPages);
      });
    });
  }

  api.get('/site/articles/:id', { schema: { hide: true } }, (request, reply) => {
    const id = idOf(request);
    if (id === null) return notFound(request, reply);
    return servePage(request, reply, `/site/articles/${id}`, async (hospital, from) => {
      const publication = await websitePublicationOf(db, hospital.id, id);
      const [article] = publication ? await articlesByIds(db, hospital.id, [id]) : [];
      if (!publication || !article) return null;
      const department = await siteDepartment(db, hospital.id, article.departmentId);
      const column = publication.columnId === null ? null : { id: publication.columnId, name: publication.columnName! };
      return articlePage(hospital, from, { ...article, bodyHtml: withPublicAssetUrls(article.bodyHtml, id), publishedAt: publication.publishedAt! }, department ?? null, column);
    });
  });

  // The images of a published article, for readers without an account: only while the site shows the article.
  api.get('/site/articles/:id/assets/:assetId', { schema: { hide: true } }, async (request, reply) => {
    const { id: rawId, assetId: rawAssetId } = request.params as { id: string; assetId: string };
    const id = /^\d{1,9}$/.test(rawId) ? Number(rawId) : null;
    const assetId = /^\d{1,9}$/.test(rawAssetId) ? Number(rawAssetId) : null;
    const hospital = await site();
    if (id === null || assetId === null || !hospital || !(await websitePublicationOf(db, hospital.id, id))) return notFound(request, reply);
    const [article] = await articlesByIds(db, hospital.id, [id]);
    if (!article || !assetIdsInHtml(article.bodyHtml).includes(assetId)) return notFound(request, reply);
    const file = await assetFileFor(db, storage, hospital.id, assetId).catch(() => null);
    if (!file) return notFound(request, reply);
    return reply.type(file.contentType).header('cache-control', 'public, max-age=3600').send(file.bytes);
  });

  api.get('/site/columns', { schema: { hide: true } }, (request, reply) =>
    servePage(request, reply, '/site/columns', async (hospital, from) => columnsPage(hospital, from, await websiteColumns(db, hospital.id))));

  api.get('/site/columns/:id', { schema: { hide: true } }, (request, reply) => {
    const id = idOf(request);
    const page = pageNumberOf(request);
    if (id === null || page === null) return notFound(request, reply);
    return servePage(request, reply, `/site/columns/${id}?page=${page}`, async (hospital, from) => {
      const column = await websiteColumnOf(db, hospital.id, id);
      if (!column) return null;
      const totalPages = totalPagesOf(await websitePublicationCount(db, hospital.id, { columnId: id }), pageSize);
      if (page > totalPages) return null;
      const items = await published(hospital.id, { limit: pageSize, offset: (page - 1) * pageSize, columnId: id });
      return columnPage(hospital, from, column, items, page, totalPages);
    });
  });

  api.get('/site/departments', { schema: { hide: true } }, (request, reply) =>
    servePage(request, reply, '/site/departments', async (hospital, from) => departmentsPage(hospital, from, await siteDepartments(db, hospital.id))));

  api.get('/site/departments/:id', { schema: { hide: true } }, (request, reply) => {
    const id = idOf(request);
    if (id === null) return notFound(request, reply);
    return servePage(request, reply, `/site/departments/${id}`, async (hospital, from) => {
      const department = await siteDepartment(db, hospital.id, id);
      if (!department) return null;
      const [experts, articles] = await Promise.all([
        siteExperts(db, hospital.id, { limit: departmentExperts, offset: 0, departmentId: id }).then((rows) => expertCards(hospital.id, rows)),
        published(hospital.id, { limit: departmentArticles, offset: 0, articleIds: articleIdsWhere(db, hospital.id, { departmentId: id }) }),
      ]);
      return departmentPage(hospital, from, department, experts, articles);
    });
  });

  api.get('/site/experts', { schema: { hide: true } }, (request, reply) => {
    const page = pageNumberOf(request);
    if (page === null) return notFound(request, reply);
    return servePage(request, reply, `/site/experts?page=${page}`, async (hospital, from) => {
      const totalPages = totalPagesOf(await siteExpertCount(db, hospital.id), expertPageSize);
      if (page > totalPages) return null;
      const experts = await expertCards(hospital.id, await siteExperts(db, hospital.id, { limit: expertPageSize, offset: (page - 1) * expertPageSize }));
      return expertsPage(hospital, from, experts, page, totalPages);
    });
  });

  api.get('/site/experts/:id', { schema: { hide: true } }, (request, reply) => {
    const id = idOf(request);
    if (id === null) return notFound(request, reply);
    return servePage(request, reply, `/site/experts/${id}`, async (hospital, from) => {
      const expert = await siteExpert(db, hospital.id, id);
      if (!expert) return null;
      const [[card], onSite] = await Promise.all([expertCards(hospital.id, [expert]), siteDepartment(db, hospital.id, expert.departmentId)]);
      const department = card.departmentName === null ? null : { id: expert.departmentId, name: card.departmentName, onSite: onSite !== undefined };
      return expertPage(hospital, from, { ...card, bio: expert.bio, clinicHours: expert.clinicHours, department });
    });
  });

  // Not micro-cached: a file read, and browsers keep it (its URL changes with every edit of the expert).
  api.get('/site/experts/:id/photo', { schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request);
    const hospital = await site();
    const photo = id !== null && hospital ? await siteExpertPhoto(db, storage, hospital.id, id) : null;
    if (!photo) return notFound(request, reply);
    return reply.type(photo.contentType).header('cache-control', 'public, max-age=3600').send(photo.content);
  });

  api.get('/site/search', { schema: { hide: true } }, async (request, reply) => {
    const raw = (request.query as Record<string, unknown>).q;
    const q = typeof raw === 'string' ? [...raw.trim()].slice(0, queryMaxLength).join('') : '';
    const page = pageNumberOf(request);
    if (page === null) return notFound(request, reply);
    if (!q) return servePage(request, reply, '/site/search', async (hospital, from) => searchPage(hospital, from, '', null));
    await indexing;
    return servePage(request, reply, `/site/search?q=${encodeURIComponent(q)}&page=${page}`, async (hospital, from) => {
      const tokens = await searchTokensOf(q);
      const matches = tokens ? articlesMatching(db, hospital.id, tokens) : null;
      const total = matches ? await websitePublicationCount(db, hospital.id, { articleIds: matches }) : 0;
      const totalPages = totalPagesOf(total, pageSize);
      if (page > totalPages) return null;
      const items = matches ? await published(hospital.id, { limit: pageSize, offset: (page - 1) * pageSize, articleIds: matches }) : [];
      return searchPage(hospital, from, q, { items, total, page, totalPages });
    });
  });

  api.get('/site/rss.xml', { schema: { hide: true } }, async (request, reply) => {
    const feed = await renderOnce(`${origin(request)}/site/rss.xml`, async () => {
      const hospital = await site();
      return hospital ? { status: 200, body: rssFeed(hospital, await published(hospital.id, { limit: pageSize, offset: 0 }), origin(request)) } : { status: 404, body: '' };
    });
    return reply.status(feed.status).type('application/rss+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(feed.body);
  });

  api.get('/site/sitemap.xml', { schema: { hide: true } }, async (request, reply) => {
    const map = await renderOnce(`${origin(request)}/site/sitemap.xml`, async () => {
      const hospital = await site();
      if (!hospital) return { status: 404, body: '' };
      const [articles, science, party, departments, experts, columns, columnsPublished] = await Promise.all([
        websitePublications(db, hospital.id, { limit: sitemapArticles, offset: 0 }),
        websitePublications(db, hospital.id, { limit: 1, offset: 0, articleIds: category(hospital.id, 'science') }),
        websitePublications(db, hospital.id, { limit: 1, offset: 0, articleIds: category(hospital.id, 'party') }),
        siteDepartments(db, hospital.id),
        siteExperts(db, hospital.id, { limit: sitemapExperts, offset: 0 }),
        websiteColumns(db, hospital.id),
        websiteColumnsLastPublished(db, hospital.id),
      ]);
      const latest = (...dates: (Date | null | undefined)[]) => dates.reduce<Date | undefined>((a, d) => (d && (!a || d > a) ? d : a), undefined);
      const newest = articles[0]?.publishedAt ?? undefined;
      const entries: SitemapEntry[] = [
        { path: '/site/', lastmod: newest },
        { path: '/site/news', lastmod: newest },
        { path: '/site/science', lastmod: science[0]?.publishedAt ?? undefined },
        { path: '/site/party', lastmod: party[0]?.publishedAt ?? undefined },
        { path: '/site/departments' },
        { path: '/site/experts' },
        ...(columns.length ? [{ path: '/site/columns' }] : []),
        ...columns.map((c) => ({ path: `/site/columns/${c.id}`, lastmod: latest(c.updatedAt, columnsPublished.get(c.id)) })),
        ...departments.map((d) => ({ path: `/site/departments/${d.id}`, lastmod: d.updatedAt })),
        ...experts.map((e) => ({ path: `/site/experts/${e.id}`, lastmod: e.updatedAt })),
        ...articles.map((a) => ({ path: `/site/articles/${a.articleId}`, lastmod: a.publishedAt ?? undefined })),
      ];
      return { status: 200, body: sitemap(entries, origin(request)) };
    });
    return reply.status(map.status).type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(map.body);
  });

  api.get('/site/site.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(siteStyles));

  api.get('/robots.txt', { schema: { hide: true } }, async (request, reply) => reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=86400').send(robotsTxt(origin(request))));

  api.get('/site/*', { schema: { hide: true } }, (request, reply) => notFound(request, reply));
}
