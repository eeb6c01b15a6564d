// The one locale we need; 'zod/locales' would load all of them (10 MiB).
import zhCN from 'zod/v4/locales/zh-CN.js';

const zodChinese = zhCN().localeError;
const chineseOfCustom = new Map<string, string>();

/** A schema's own validation message in both languages: the schema carries the English, the error handler finds the Chinese. */
export function bilingual(chinese: string, english: string): string {
  chineseOfCustom.set(english, chinese);
  return english;
}

export type ValidationIssue = { keyword: string; message?: string; params?: Record<string, unknown> };

/** zod speaks English by default; the console's first language is Chinese. */
export function chineseMessageOf(issue: ValidationIssue): string {
  const custom = issue.message ? chineseOfCustom.get(issue.message) : undefined;
  if (custom) return custom;
  const translated = zodChinese({ code: issue.keyword, ...issue.params } as Parameters<typeof zodChinese>[0]);
  const text = typeof translated === 'string' ? translated : translated?.message;
  return text ?? issue.message ?? '输入无效';
}
