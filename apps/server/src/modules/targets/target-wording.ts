import type { Locale } from '../../platform/http/errors.ts';
import { targetMetrics, type TargetMetric, type TargetPeriod } from './targets.tables.ts';

/**
 * How the seed's table (2024年宣传工作目标任务分解表) writes a target — 22篇信息, 微博每月10条, 20（报刊新闻报道）,
 * 12篇信息（其中5次群众宣传活动） — read into {metric, target, period, note} and written back the same way.
 */

type Messages = Record<Locale, string>;

export const metricNames: Record<TargetMetric, Messages> = {
  info: { 'zh-CN': '信息', en: 'Pieces' },
  wechat: { 'zh-CN': '微信', en: 'WeChat articles' },
  weibo: { 'zh-CN': '微博', en: 'Weibo posts' },
  website: { 'zh-CN': '网站', en: 'Website articles' },
  science: { 'zh-CN': '科普', en: 'Science pieces' },
  newspaper_report: { 'zh-CN': '报刊新闻报道', en: 'Newspaper reports' },
  tv_report: { 'zh-CN': '电视台新闻报道', en: 'TV reports' },
};

export const periodNames: Record<TargetPeriod, Messages> = {
  year: { 'zh-CN': '年', en: 'year' },
  month: { 'zh-CN': '月', en: 'month' },
};

/** Looked for in this order, in the text before the brackets first: 4篇科普信息 is science, 12篇信息（含微博） is info. */
const keywords: [TargetMetric, RegExp][] = [
  ['weibo', /微博/],
  ['wechat', /微信|公众号/],
  ['website', /网站|官网/],
  ['tv_report', /电视/],
  ['newspaper_report', /报刊|报纸/],
  ['science', /科普/],
  ['info', /信息|稿件/],
];

const monthly = /每月|每个月|月均|\/月/;

/** Coverage is written count first with the kind in brackets, 20（报刊新闻报道）; the rest name the kind in the text. */
const bracketed: ReadonlySet<TargetMetric> = new Set(['newspaper_report', 'tv_report']);

export type TargetWording = { metric: TargetMetric; target: number; period: TargetPeriod; note: string | null };

export function formatTarget({ metric, target, period, note }: TargetWording): string {
  const every = period === 'month' ? '每月' : '';
  if (bracketed.has(metric)) {
    const name = metricNames[metric]['zh-CN'];
    const inBrackets = note === null ? name : keywords.find(([m]) => m === metric)![1].test(note) ? note : `${name}，${note}`;
    return `${every}${target}（${inBrackets}）`;
  }
  const text = {
    info: `${every}${target}篇信息`,
    science: `${every}${target}篇科普`,
    wechat: `微信${every}${target}篇`,
    weibo: `微博${every}${target}条`,
    website: `网站${every}${target}篇`,
  }[metric as Exclude<TargetMetric, 'newspaper_report' | 'tv_report'>];
  return note === null ? text : `${text}（${note}）`;
}

const fullWidthDigit = /[０-９]/g;

function normalise(text: string) {
  return text.replace(fullWidthDigit, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

export type WordingError = { error: Messages };

/** One target as the table writes it; the bracketed remark becomes the note unless it only names the metric. */
export function parseTarget(line: string): TargetWording | WordingError {
  const text = normalise(line);
  const match = /^([^（]*)(?:（(.*)）)?(.*)$/.exec(text)!;
  const main = match[1] + match[3];
  const remark = match[2] || null;
  const count = /\d+/.exec(main);
  if (!count) return { error: { 'zh-CN': `目标数“${line.trim()}”中没有数字`, en: `No number in the target “${line.trim()}”` } };
  const target = Number(count[0]);
  if (target < 1 || target > 100_000) return { error: { 'zh-CN': `目标数须在 1 到 100000 之间：${line.trim()}`, en: `The target must be 1 to 100000: ${line.trim()}` } };
  const metric = metricIn(main) ?? (remark ? metricIn(remark) : undefined);
  if (!metric) {
    return { error: { 'zh-CN': `无法识别“${line.trim()}”的指标（信息、微信、微博、网站、科普、报刊、电视）`, en: `Cannot tell which metric “${line.trim()}” is` } };
  }
  const note = remark === metricNames[metric]['zh-CN'] ? null : remark;
  return { metric, target, period: monthly.test(main) ? 'month' : 'year', note };
}

function metricIn(text: string): TargetMetric | undefined {
  return keywords.find(([, pattern]) => pattern.test(text))?.[0];
}

/** A 指标 cell of the structured template: the key (info), the Chinese name (信息) or a word naming it (微博发布). */
export function parseMetric(cell: string): TargetMetric | undefined {
  const text = normalise(cell);
  if ((targetMetrics as readonly string[]).includes(text)) return text as TargetMetric;
  return targetMetrics.find((m) => metricNames[m]['zh-CN'] === text) ?? metricIn(text);
}

/** A 周期 cell: empty means the year. */
export function parsePeriod(cell: string): TargetPeriod | undefined {
  const text = normalise(cell).toLowerCase();
  if (['', '年', '年度', '全年', '每年', 'year'].includes(text)) return 'year';
  if (['月', '月度', '每月', 'month'].includes(text)) return 'month';
  return undefined;
}
