import { createHash } from 'node:crypto';
import { visibleText } from '../../../../../packages/text/src/visible-text.ts';
import type { MentionInput as AnalysisInput } from './analysis/types.ts';
import { parseFeedDate } from './feeds/feed-dates.ts';

/**
 * A mention as every ingestion path hands it over, in the field names of opinion-risk.md's mentions.jsonl
 * (a vendor who already feeds the CLI pushes the same objects).
 */
export type MentionInput = {
  id?: unknown;
  title?: unknown;
  text?: unknown;
  url?: unknown;
  author?: unknown;
  published_at?: unknown;
  reposts?: unknown;
  comments?: unknown;
  likes?: unknown;
};

/** A mention checked and cleaned, ready to analyse and store. */
export type NormalisedMention = {
  externalId: string;
  title: string;
  text: string;
  url: string | null;
  author: string | null;
  publishedAt: Date | null;
  reposts: number;
  comments: number;
  likes: number;
  raw: unknown;
};

export type Messages = { 'zh-CN': string; en: string };

export const limits = { externalId: 512, title: 1_000, text: 20_000, author: 200, url: 2_000 };

const looksLikeHtml = /<(?:[a-z][a-z0-9]*\b[^>]*|\/[a-z][a-z0-9]*\s*|!--[\s\S]*?--)>/i;

/** Plain text with its whitespace tidied: feeds and vendors send HTML bodies, the analysis and the desk want text. */
function plain(value: string): string {
  const text = looksLikeHtml.test(value) ? visibleText(value) : value;
  return text.replace(/\r\n?/g, '\n').replace(/[ \t\u3000]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
}

class RowProblem extends Error {
  constructor(readonly messages: Messages) {
    super(messages.en);
  }
}

const problem = (zh: string, en: string) => new RowProblem({ 'zh-CN': zh, en });

function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw problem(`${field} 应为文本`, `${field} must be a string`);
  return value;
}

function count(value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'string' ? Number(value.replace(/[,，\s]/g, '')) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > 2_000_000_000) {
    throw problem(`${field} 应为不小于 0 的整数`, `${field} must be a non-negative integer`);
  }
  return n;
}

function dateOf(value: unknown): Date | null {
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? bad() : value;
  // A number is a Unix time: seconds below 10^11, milliseconds above.
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value < 1e11 ? value * 1000 : value) : bad();
  if (typeof value !== 'string') return bad();
  return parseFeedDate(value) ?? bad();
  function bad(): never {
    throw problem('published_at 不是可识别的时间（如 2024-05-01T10:00:00+08:00）', 'published_at is not a readable time (e.g. 2024-05-01T10:00:00+08:00)');
  }
}

function urlOf(value: unknown): string | null {
  const text = optionalText(value, 'url')?.trim();
  if (!text) return null;
  let parsed: URL | undefined;
  try {
    parsed = new URL(text);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || text.length > limits.url) throw problem('url 应为 http 或 https 链接', 'url must be an http(s) link');
  return parsed.href;
}

/** A stable id for an item that has none (a spreadsheet row without an id column): the same content, the same id. */
export function contentId(parts: (string | null | undefined)[]): string {
  return `sha1:${createHash('sha1').update(parts.map((p) => p ?? '').join('\u0000')).digest('hex')}`;
}

/** Checks and cleans one mention; a problem comes back in both languages for the row's error report. */
export function normaliseMention(input: unknown): { mention: NormalisedMention } | { problem: Messages } {
  try {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw problem('每条舆情应为一个 JSON 对象', 'each mention must be a JSON object');
    const m = input as MentionInput;
    const externalId = optionalText(m.id, 'id')?.trim();
    if (!externalId) throw problem('缺少 id（来源中的唯一编号）', 'id (the item’s id at the source) is required');
    if (externalId.length > limits.externalId) throw problem(`id 不能超过 ${limits.externalId} 个字符`, `id must be at most ${limits.externalId} characters`);
    const title = plain(optionalText(m.title, 'title') ?? '').slice(0, limits.title);
    const text = plain(optionalText(m.text, 'text') ?? '').slice(0, limits.text);
    if (!title && !text) throw problem('标题和正文不能都为空', 'title and text cannot both be empty');
    const author = optionalText(m.author, 'author')?.trim().slice(0, limits.author) || null;
    return {
      mention: {
        externalId,
        title,
        text,
        url: urlOf(m.url),
        author,
        publishedAt: dateOf(m.published_at),
        reposts: count(m.reposts, 'reposts'),
        comments: count(m.comments, 'comments'),
        likes: count(m.likes, 'likes'),
        raw: input,
      },
    };
  } catch (err) {
    if (err instanceof RowProblem) return { problem: err.messages };
    throw err;
  }
}

/** A mention as the analysis engine reads it (its CLI's input shape). */
export const analysisInputOf = (m: Omit<NormalisedMention, 'raw' | 'externalId'> & { id: number; source: string }): AnalysisInput => ({
  id: m.id,
  source: m.source,
  title: m.title,
  text: m.text,
  url: m.url,
  author: m.author,
  published_at: m.publishedAt?.toISOString() ?? null,
  reposts: m.reposts,
  comments: m.comments,
  likes: m.likes,
});
