import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eventBus } from '../../platform/events.ts';
import { websitePublicationOf, websitePublications } from '../channels/publication.service.ts';
import { articlesByIds } from '../content/article.service.ts';
import { siteHospital } from '../org/name-book.service.ts';
import { articlePage, homePage, notFoundPage, rssFeed, type SiteArticle, type SiteHospital } from './portal-pages.ts';

const pageSize = 20;
/**
 * Micro-cache: a public page is rendered at most once per this long per instance (every reader gets the same HTML).
 * A publication on this instance clears it at once; other instances show it within the window.
 */
const renderedForMs = 5_000;
const renderedMax = 500;
const sitePolicy = "default-src 'self'; img-src 'self' https: data:; media-src 'self' https:; style-src 'self' 'unsafe-inline'; script-src 'none'; frame-ancestors 'none'";

/** The hospital's public website (门户网站) at /site/: published website articles only. */
export function registerPortalRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

  const rendered = new Map<string, { status: number; body: string; until: number }>();
  const stopListening = eventBus.subscribe('publication.published', () => rendered.clear());
  app.addHook('onClose', async () => stopListening());

  async function renderOnce(key: string, render: () => Promise<{ status: number; body: string }>) {
    const hit = rendered.get(key);
    if (hit && hit.until > Date.now()) return hit;
    const fresh = { ...(await render()), until: Date.now() + renderedForMs };
    if (rendered.size >= renderedMax) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, fresh);
    return fresh;
  }

  async function site(): Promise<(SiteHospital & { id: number }) | null> {
    const row = await siteHospital(db);
    return row ? { id: row.id, fullName: row.fullName, shortName: row.shortNames[0] ?? row.fullName } : null;
  }

  async function published(hospitalId: number, limit: number, offset: number): Promise<SiteArticle[]> {
    const rows = await websitePublications(db, hospitalId, { limit, offset });
    const articles = new Map((await articlesByIds(db, hospitalId, rows.map((r) => r.articleId))).map((a) => [a.id, a]));
    return rows.flatMap((r) => {
      const a = articles.get(r.articleId);
      return a ? [{ id: a.id, title: a.title, subtitle: a.subtitle, summary: a.summary, bodyHtml: a.bodyHtml, publishedAt: r.publishedAt!, credits: a.credits }] : [];
    });
  }

  api.get('/site/', { schema: { hide: true, querystring: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }) } }, async (request, reply) => {
    const page = await renderOnce(`home:${origin(request)}:${request.query.page}`, async () => {
      const hospital = await site();
      if (!hospital) return { status: 404, body: '' };
      const items = await published(hospital.id, pageSize + 1, (request.query.page - 1) * pageSize);
      return { status: 200, body: homePage(hospital, items.slice(0, pageSize), request.query.page, items.length > pageSize, origin(request)) };
    });
    return reply.status(page.status).type('text/html; charset=utf-8').header('content-security-policy', sitePolicy).header('cache-control', 'public, max-age=60').send(page.body);
  });

  api.get('/site/articles/:id', { schema: { hide: true, params: z.object({ id: z.coerce.number().int().positive() }) } }, async (request, reply) => {
    const page = await renderOnce(`article:${origin(request)}:${request.params.id}`, async () => {
      const hospital = await site();
      if (!hospital) return { status: 404, body: '' };
      const publication = await websitePublicationOf(db, hospital.id, request.params.id);
      const [article] = publication ? await articlesByIds(db, hospital.id, [request.params.id]) : [];
      if (!publication || !article) return { status: 404, body: notFoundPage(hospital) };
      return { status: 200, body: articlePage(hospital, { ...article, publishedAt: publication.publishedAt!, credits: article.credits }, origin(request)) };
    });
    return reply.status(page.status).type('text/html; charset=utf-8').header('content-security-policy', sitePolicy).header('cache-control', 'public, max-age=60').send(page.body);
  });

  api.get('/site/rss.xml', { schema: { hide: true } }, async (request, reply) => {
    const feed = await renderOnce(`rss:${origin(request)}`, async () => {
      const hospital = await site();
      return hospital ? { status: 200, body: rssFeed(hospital, await published(hospital.id, pageSize, 0), origin(request)) } : { status: 404, body: '' };
    });
    return reply.status(feed.status).type('application/rss+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(feed.body);
  });
}
