import { emoticons } from './lexicon.ts';
import type { MentionInput } from './types.ts';

/** A mention made ready for matching: the words people wrote, with the platform's scaffolding taken out. */
export type PreparedMention = {
  /** Title and text without repost handles (their places marked by repostMark), URLs, hashtag marks and emoticons (not yet normalized). */
  text: string;
  /** Opinion weights of the emoticons and emoji found, with their spelling. */
  emoticons: { symbol: string; weight: number }[];
  /** Links in the Weibo repost chain (//@a: …//@b: …): each is one more account that spread the text. */
  repostHops: number;
  /** Reposts, comments and chain links: how far the mention has travelled. */
  reach: number;
  /** 3 central media, 2 other news outlets, 1 social posts: how much one mention of a story weighs. */
  sourceWeight: number;
  author: string;
  publishedAt: number | undefined;
};

/**
 * Where a //@ link stood: kept through normalization and segmentation (a word of its own) so the parts of
 * the chain can be told apart; every reader of the text takes it as the end of a sentence.
 */
export const repostMark = '\u0001';

const repostLink = /[/／]{2}\s*[@＠][^:：\s/／]{1,30}\s*[:：]/g;
const repostBoilerplate = /回复[@＠][^:：\s]{1,30}[:：]/g;
const boilerplate = /转发微博|轉發微博|repost|o?网页链接/gi;
const url = /(?:https?:\/\/|www\.)[!-~]+/gi;
const bracketEmoticon = /\[[^[\]\s]{1,8}\]/g;
const emoji = /\p{Extended_Pictographic}\uFE0F?/gu;
const mayHaveEmoji = /[\u2190-\u2bff\ud83c-\ud83e]/;
const handle = /[@＠]([\p{L}\p{N}_\-·]{1,20})/gu;
const hashMark = /[#＃]/g;

const centralMedia = /人民日报|新华社|新华网|人民网|央视|cctv|中新网|中国新闻网|光明日报|经济日报|健康报|中国青年报|法治日报/i;
const newsOutlet = /新闻|日报|晚报|早报|都市报|电视|广播|媒体|news|报社|记者|网$/i;

export function sourceWeight(source: string, author: string): number {
  const who = `${source} ${author}`;
  if (centralMedia.test(who)) return 3;
  if (newsOutlet.test(who)) return 2;
  return 1;
}

export function prepareMention(mention: MentionInput, handleReplacer: (match: string, name: string) => string): PreparedMention {
  const title = mention.title.trim();
  const body = mention.text.trim();
  let raw = title && !body.startsWith(title) ? `${title}\n${body}` : body;

  // Each pass runs only when its cheap sign is there: most mentions have no chain, link, tag or emoticon.
  let repostHops = 0;
  if (raw.includes('@') || raw.includes('＠')) {
    repostHops = raw.match(repostLink)?.length ?? 0;
    raw = raw.replace(repostLink, repostMark).replace(repostBoilerplate, ' ').replace(handle, handleReplacer);
  }
  if (raw.includes('http') || raw.includes('www.') || raw.includes('HTTP')) raw = raw.replace(url, ' ');
  if (raw.includes('转发') || raw.includes('轉發') || raw.includes('网页链接') || raw.includes('epost')) raw = raw.replace(boilerplate, ' ');
  if (raw.includes('#') || raw.includes('＃')) raw = raw.replace(hashMark, '，');
  const found: { symbol: string; weight: number }[] = [];
  if (raw.includes('[')) raw = takeEmoticons(raw, bracketEmoticon, found);
  if (mayHaveEmoji.test(raw)) raw = takeEmoticons(raw, emoji, found);

  const author = mention.author?.trim() ?? '';
  const published = mention.published_at ? Date.parse(mention.published_at) : NaN;
  return {
    text: raw,
    emoticons: found,
    repostHops,
    reach: (mention.reposts ?? 0) + (mention.comments ?? 0) + repostHops,
    sourceWeight: sourceWeight(mention.source, author),
    author,
    publishedAt: Number.isNaN(published) ? undefined : published,
  };
}

/** Moves the emoticons of the lexicon out of the text into `found`: a bracketed one ends a phrase, an emoji is just dropped. */
function takeEmoticons(text: string, pattern: RegExp, found: { symbol: string; weight: number }[]): string {
  for (const [symbol] of text.matchAll(pattern)) {
    const weight = emoticons.get(symbol.replace(/\uFE0F/g, ''));
    if (weight !== undefined) found.push({ symbol, weight });
  }
  return text.replace(pattern, symbolReplacement);
}

function symbolReplacement(symbol: string): string {
  return symbol.startsWith('[') ? '，' : ' ';
}

/**
 * The replacer for @handles: a handle that names the monitored hospital stays (a complaint addressed to its
 * account is about it); other handles are account names and go, so 维权小王 or 开心果 do not count as words.
 */
export function handleReplacer(namesHospital: (handle: string) => boolean): (match: string, name: string) => string {
  return (_, name) => (namesHospital(name) ? name : ' ');
}
