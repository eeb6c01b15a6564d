/**
 * Dates as feeds write them: RFC 822/2822 with its real-world variants (named and military zones, comments,
 * missing weekday or seconds, two-digit years, `hhmm` times), ISO 8601/W3CDTF, `2024/5/1 10:00`, Chinese
 * dates (`2024年5月1日 下午3:30`, `北京时间`) and Java's `Date.toString()`. A date without a zone is read in
 * `assumedOffsetMinutes` (China Standard Time by default: the platform watches Chinese sites, whose CMSs often
 * omit the zone). An impossible date (31 June) or an unreadable one gives null.
 */

export const chinaStandardTime = 8 * 60;

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const weekday = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$/i;

/** North American zones as RFC 822 defines them, and the zones of the region. */
const namedZones: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  bst: 60, cet: 60, cest: 120, hkt: 480, sgt: 480, awst: 480, jst: 540, kst: 540, aest: 600, aedt: 660,
};

type Parts = { year: number; month: number; day: number; hour?: number; minute?: number; second?: number; millis?: number; offset?: number };

/** Removes RFC 822 comments: nested parentheses, with `\)` escapes. */
function stripComments(text: string) {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (depth && c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && depth) {
      depth--;
      if (!depth) out += ' ';
    } else if (!depth) out += c;
  }
  return out;
}

const toHalfWidth = (text: string) => text.replace(/[０-９：]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** `Z`, `+0800`, `+08:00`, `+08`, `GMT+8`, `UTC+08:00`, a zone name or a military letter; undefined when not a zone. */
function parseZone(token: string): number | undefined {
  const numeric = token.match(/^(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/i);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return minutes > 18 * 60 ? undefined : numeric[1] === '-' ? -minutes : minutes;
  }
  const named = namedZones[token.toLowerCase()];
  if (named !== undefined) return named;
  // RFC 2822 §4.3: the military letters' signs were reversed in RFC 822's examples, so they mean "unknown" (-0000).
  if (/^[a-ik-y]$/i.test(token)) return 0;
  return undefined;
}

function parseTime(token: string, meridiem?: string): Pick<Parts, 'hour' | 'minute' | 'second'> | null {
  const m = token.match(/^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/) ?? token.match(/^(\d{2})(\d{2})$/);
  if (!m) return null;
  let hour = Number(m[1]);
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (/^p/i.test(meridiem) ? 12 : 0);
  }
  return { hour, minute: Number(m[2]), second: Number(m[3] ?? 0) };
}

const fullYear = (text: string) => (text.length === 2 ? Number(text) + (Number(text) < 50 ? 2000 : 1900) : Number(text));

const monthOf = (token: string) => (/^[a-z]{3,}\.?$/i.test(token) ? monthNames.indexOf(token.slice(0, 3).toLowerCase()) + 1 : 0);

/** RFC 822 (`09 Feb 2006 23:59:45 +0000`), US (`Feb 9 2006 11:59 PM`), asctime and Java `toString()` orders. */
function parseRfc822(text: string): Parts | null {
  const tokens = text.replace(/,/g, ' ').split(' ').filter(Boolean);
  if (tokens.length && weekday.test(tokens[0])) tokens.shift();
  let day: string, month: number, year: string, rest: string[];
  if (/^\d{1,2}$/.test(tokens[0] ?? '') && monthOf(tokens[1] ?? '') && /^\d{2}(\d{2})?$/.test(tokens[2] ?? '')) {
    [day, , year, ...rest] = tokens;
    month = monthOf(tokens[1]);
  } else if (monthOf(tokens[0] ?? '') && /^\d{1,2}$/.test(tokens[1] ?? '')) {
    month = monthOf(tokens[0]);
    day = tokens[1];
    rest = tokens.slice(2);
    const yearAt = rest.findIndex((t) => /^\d{4}$/.test(t));
    if (yearAt === -1) return null;
    year = rest[yearAt];
    rest = rest.filter((_, i) => i !== yearAt);
    // Java's Date.toString() (`Wed May 01 10:00:00 CST 2024`) on a Chinese server: CST is China Standard Time.
    if (yearAt > 0 && rest[1]?.toUpperCase() === 'CST') rest[1] = '+0800';
  } else return null;

  const parts: Parts = { year: fullYear(year), month, day: Number(day) };
  if (!rest.length) return parts;
  const meridiem = /^[ap]\.?m\.?$/i.test(rest[1] ?? '') ? rest.splice(1, 1)[0] : undefined;
  const time = parseTime(rest[0], meridiem);
  if (!time) return null;
  Object.assign(parts, time);
  if (rest.length > 2) return null;
  if (rest[1] !== undefined) {
    parts.offset = parseZone(rest[1]);
    // An unknown zone name is read as UTC (RFC 2822 §4.3); anything else there is not a date.
    if (parts.offset === undefined && !/^[a-z]{2,5}$/i.test(rest[1])) return null;
    parts.offset ??= 0;
  }
  return parts;
}

/** ISO 8601 / W3CDTF, and the numeric forms of Chinese CMSs (`2024/5/1 10:00`, `2024.05.01`). */
function parseNumeric(text: string): Parts | null {
  const m = text.match(
    /^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?)?$/i,
  );
  if (!m) return null;
  const [, year, , month, day, hour, minute, second, fraction, zone] = m;
  const parts: Parts = { year: Number(year), month: Number(month ?? 1), day: Number(day ?? 1) };
  if (hour !== undefined) Object.assign(parts, { hour: Number(hour), minute: Number(minute), second: Number(second ?? 0), millis: fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0 });
  if (zone) parts.offset = parseZone(zone);
  return parts;
}

const meridiemHours: Record<string, number> = { 凌晨: 0, 上午: 0, 早上: 0, 中午: 12, 下午: 12, 晚上: 12 };

/** `2024年5月1日 10:00`, `2024年05月01日 下午3点30分`, `2024年5月1日星期三 08:00:00`. */
function parseChinese(text: string): Parts | null {
  const m = text.match(/^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(?:(凌晨|上午|早上|中午|下午|晚上)?\s*(\d{1,2})\s*(?::\s*(\d{1,2})(?:\s*:\s*(\d{1,2}))?|[时點点]\s*(?:(\d{1,2})\s*分?\s*(?:(\d{1,2})\s*秒)?)?))?$/);
  if (!m) return null;
  const [, year, month, day, meridiem, hour, minute, second, cnMinute, cnSecond] = m;
  const parts: Parts = { year: Number(year), month: Number(month), day: Number(day) };
  if (hour !== undefined) {
    let h = Number(hour);
    if (meridiem && h < 12) h += meridiemHours[meridiem];
    Object.assign(parts, { hour: h, minute: Number(minute ?? cnMinute ?? 0), second: Number(second ?? cnSecond ?? 0) });
  }
  return parts;
}

function toDate(parts: Parts, assumedOffsetMinutes: number): Date | null {
  const { year, month, day, hour = 0, minute = 0, second = 0, millis = 0 } = parts;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return null; // 31 June rolled over into July
  date.setUTCHours(hour, minute, Math.min(second, 59), millis); // a leap second reads as :59
  return new Date(date.getTime() - (parts.offset ?? assumedOffsetMinutes) * 60_000);
}

export function parseFeedDate(input: string | null | undefined, assumedOffsetMinutes = chinaStandardTime): Date | null {
  if (!input) return null;
  let text = toHalfWidth(stripComments(input)).replace(/\s+/g, ' ').trim();
  let offset: number | undefined;
  if (/北京时间|北京時間/.test(text)) {
    offset = chinaStandardTime;
    text = text.replace(/[（(]?北京[时時]间[）)]?/g, ' ').trim();
  }
  text = text.replace(/(星期|周|礼拜|禮拜)[一二三四五六日天]/g, ' ').replace(/\s+/g, ' ').trim();
  const parts = parseNumeric(text) ?? parseChinese(text) ?? parseRfc822(text);
  if (!parts) return null;
  if (offset !== undefined && parts.offset === undefined) parts.offset = offset;
  return toDate(parts, assumedOffsetMinutes);
}
