import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { websitePublicationOf, websitePublications } from '../channels/publication.service.ts';
import { articlesByIds } from '../content/article.service.ts';
import { siteHospital } from '../org/name-book.service.ts';
import { articlePage, homePage, notFoundPage, rssFeed, type SiteArticle, type SiteHospital } from './portal-pages.ts';

const pageSize = 20;
const sitePolicy = "default-src 'self'; img-src 'self' https: data:; media-src 'self' https:; style-src 'self' 'unsafe-inline'; script-src 'none'; frame-ancestors 'none'";

/** The hospital's public website (门户网站) at /site/: published website articles only. */
export function registerPortalRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

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
    const hospital = await site();
    if (!hospital) return reply.status(404).send();
    const items = await published(hospital.id, pageSize + 1, (request.query.page - 1) * pageSize);
    const html = homePage(hospital, items.slice(0, pageSize), request.query.page, items.length > pageSize, origin(request));
    return reply.type('text/html; charset=utf-8').header('content-security-policy', sitePolicy).header('cache-control', 'public, max-age=60').send(html);
  });

  api.get('/site/articles/:id', { schema: { hide: true, params: z.object({ id: z.coerce.number().int().positive() }) } }, async (request, reply) => {
    const hospital = await site();
    if (!hospital) return reply.status(404).send();
    const publication = await websitePublicationOf(db, hospital.id, request.params.id);
    const [article] = publication ? await articlesByIds(db, hospital.id, [request.params.id]) : [];
    reply.type('text/html; charset=utf-8').header('content-security-policy', sitePolicy);
    if (!publication || !article) return reply.status(404).send(notFoundPage(hospital));
    const html = articlePage(hospital, { ...article, publishedAt: publication.publishedAt!, credits: article.credits }, origin(request));
    return reply.header('cache-control', 'public, max-age=60').send(html);
  });

  api.get('/site/rss.xml', { schema: { hide: true } }, async (request, reply) => {
    const hospital = await site();
    if (!hospital) return reply.status(404).send();
    return reply.type('application/rss+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(rssFeed(hospital, await published(hospital.id, pageSize, 0), origin(request)));
  });
}
