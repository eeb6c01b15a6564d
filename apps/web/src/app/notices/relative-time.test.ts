import { describe, expect, it } from 'vitest';
import type { Translate } from '../i18n/i18n';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { relativeTime } from './relative-time';

const translator = (catalogue: Record<string, string>): Translate => (key, vars) =>
  catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
const zh = translator(zhCN);

// Local time throughout: the console shows the reader's own clock.
const now = new Date(2026, 2, 10, 15, 30);
const at = (...parts: [number, number, number, number]) => new Date(2026, parts[0], parts[1], parts[2], parts[3]).toISOString();

describe('relativeTime', () => {
  it('speaks Chinese for recent moments', () => {
    expect(relativeTime(new Date(now.getTime() - 30_000).toISOString(), now, zh)).toBe('刚刚');
    expect(relativeTime(at(2, 10, 15, 29), now, zh)).toBe('1 分钟前');
    expect(relativeTime(new Date(now.getTime() + 5_000).toISOString(), now, zh)).toBe('刚刚');
    expect(relativeTime(at(2, 10, 15, 25), now, zh)).toBe('5 分钟前');
    expect(relativeTime(at(2, 10, 12, 0), now, zh)).toBe('3 小时前');
    expect(relativeTime(at(2, 10, 0, 5), now, zh)).toBe('15 小时前');
  });

  it('says 昨天 for yesterday, then days, then the date', () => {
    expect(relativeTime(at(2, 9, 18, 20), now, zh)).toBe('昨天 18:20');
    expect(relativeTime(at(2, 9, 0, 1), now, zh)).toBe('昨天 00:01');
    expect(relativeTime(at(2, 8, 23, 0), now, zh)).toBe('2 天前');
    expect(relativeTime(at(2, 4, 9, 0), now, zh)).toBe('6 天前');
    expect(relativeTime(at(1, 20, 9, 5), now, zh)).toBe('2026-02-20 09:05');
  });

  it('has an English wording', () => {
    const english = translator(en);
    expect(relativeTime(at(2, 10, 15, 25), now, english)).toBe('5 min ago');
    expect(relativeTime(at(2, 9, 18, 20), now, english)).toBe('yesterday 18:20');
  });
});
