/**
 * An article body points at the asset library (`/api/assets/{id}/file`), which needs an account; on the public site the
 * same images, videos and attachments are served under the article's own URL, and only while the site shows the article.
 */
export function withPublicAssetUrls(bodyHtml: string, articleId: number): string {
  return bodyHtml.replace(/(\s(?:src|poster|href)=")\/api\/assets\/(\d+)\/(?:file|thumbnail)"/g, (_match, attribute: string, assetId: string) => `${attribute}/site/articles/${articleId}/assets/${assetId}"`);
}
