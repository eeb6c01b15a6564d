import iconv from 'iconv-lite';

/**
 * Turns a feed's bytes into text. The charset comes from the HTTP header's `charset`, then a byte-order mark
 * (or the UTF-16 pattern of `<?`), then the XML declaration, in that order; without any, UTF-8. GB2312 and GBK
 * are read as GB18030 (their superset: real "GB2312" feeds use GBK characters), ISO-8859-1 and US-ASCII as
 * windows-1252 (as browsers do: 0x80–0x9F are curly quotes in practice). Bytes that are invalid in the chosen
 * charset become U+FFFD and are reported as a problem.
 */

export type DecodedFeed = { text: string; encoding: string; problems: string[] };

const gbLabels = ['gb2312', 'gbk', 'x-gbk', 'cp936', 'windows-936', 'ms936', 'gb_2312', 'gb_2312-80', 'csgb2312', 'chinese', 'iso-ir-58', 'euc-cn', 'gb18030'];
const big5Labels = ['big5', 'big-5', 'cn-big5', 'x-x-big5', 'csbig5', 'cp950', 'windows-950'];
const utf8Labels = ['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8'];

/** The name we report for a charset label, or null when no decoder knows it. Case and quotes do not matter. */
export function canonicalEncoding(label: string): string | null {
  const name = label.trim().replace(/^["']|["']$/g, '').trim().toLowerCase();
  if (!name) return null;
  if (gbLabels.includes(name)) return 'gb18030';
  if (big5Labels.includes(name)) return 'big5';
  if (utf8Labels.includes(name)) return 'utf-8';
  if (name === 'ascii' || name === 'us-ascii') return 'us-ascii';
  if (name === 'latin1' || name === 'l1' || name === 'iso8859-1' || name === 'iso_8859-1') return 'iso-8859-1';
  return iconv.encodingExists(name) ? name : null;
}

/** The decoder behind a reported name (the supersets browsers use for the Latin-1 family). */
const decoderFor = (encoding: string) => (encoding === 'us-ascii' || encoding === 'iso-8859-1' ? 'windows-1252' : encoding);

/** `charset` of a Content-Type header value; tolerates the quotes and spaces found in the wild (`charset= 'gb2312'`). */
export function charsetFromContentType(contentType: string | undefined): string | null {
  const match = contentType?.match(/;\s*charset\s*=\s*("[^"]*"|'[^']*'|[^;\s]+)/i);
  return match ? match[1].replace(/^["']|["']$/g, '').trim() : null;
}

function byteOrderMark(bytes: Buffer): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  // XML 1.0 appendix F: a document without a BOM still starts with `<`, which tells UTF-16's byte order.
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return { encoding: 'utf-16le', length: 0 };
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return { encoding: 'utf-16be', length: 0 };
  return null;
}

function declaredEncoding(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 512).toString('latin1');
  return head.match(/^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']*)["']/)?.[1] ?? null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The text when the bytes are valid UTF-8, else null. */
function strictUtf8Text(bytes: Buffer): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Unreadable characters (U+FFFD, and private-use code points from unassigned GBK/Big5 pairs) and Chinese characters. */
function readability(text: string) {
  let bad = 0;
  let han = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff)) bad++;
    else if (c >= 0x4e00 && c <= 0x9fff) han++;
  }
  return { bad, han };
}

/**
 * Guesses the legacy charset of bytes that are not UTF-8 and declare nothing. Chinese sites are the likely
 * source, so GB18030 and Big5 are tried: the one leaving fewer unreadable characters wins (GB18030 on a tie);
 * when neither reads as Chinese text, windows-1252.
 */
function guessLegacyEncoding(bytes: Buffer): string {
  const [gb, big5] = ['gb18030', 'big5'].map((encoding) => ({ encoding, ...readability(iconv.decode(bytes, encoding)) }));
  const best = big5.bad < gb.bad ? big5 : gb;
  return best.han > 0 && best.bad <= best.han * 0.02 ? best.encoding : 'windows-1252';
}

/** Share of the non-ASCII characters of `bytes`, read as UTF-8, that are decoding errors. */
function invalidUtf8Share(bytes: Buffer) {
  const text = bytes.toString('utf8'); // Node replaces each invalid sequence by one U+FFFD
  let nonAscii = 0;
  let replaced = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) nonAscii++;
    if (c === 0xfffd) replaced++;
  }
  return nonAscii ? (replaced - literalReplacementChars(bytes)) / nonAscii : 0;
}

/** U+FFFD characters that the document itself contains (EF BF BD), which are not decoding errors. */
function literalReplacementChars(bytes: Buffer) {
  let n = 0;
  for (let i = bytes.indexOf(0xef); i !== -1 && i < bytes.length - 2; i = bytes.indexOf(0xef, i + 1)) if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  return n;
}

function decodeWith(bytes: Buffer, encoding: string, problems: string[]): DecodedFeed {
  const text = iconv.decode(bytes, decoderFor(encoding));
  if (text.includes('\uFFFD')) problems.push(`bytes that are invalid in ${encoding} were replaced by U+FFFD`);
  return { text, encoding, problems };
}

export function decodeFeedBytes(bytes: Buffer, contentType?: string): DecodedFeed {
  const problems: string[] = [];
  const bom = byteOrderMark(bytes);
  const body = bom ? bytes.subarray(bom.length) : bytes;

  let encoding: string | null = null;
  const headerLabel = charsetFromContentType(contentType);
  if (headerLabel) {
    encoding = canonicalEncoding(headerLabel);
    if (!encoding) problems.push(`unknown charset "${headerLabel}" in the Content-Type header`);
  }
  if (!encoding && bom) encoding = bom.encoding;
  if (!encoding && !bom) {
    const declared = declaredEncoding(bytes);
    if (declared) {
      encoding = canonicalEncoding(declared);
      if (!encoding) problems.push(`unknown encoding "${declared}" in the XML declaration`);
    }
  }
  // A header naming UTF-16 without byte order leaves it to the BOM (or the `<?` pattern).
  if (encoding === 'utf-16') encoding = bom?.encoding.startsWith('utf-16') ? bom.encoding : 'utf-16le';
  const input = bom && encoding === bom.encoding ? body : bytes;

  if (encoding && encoding !== 'utf-8') return decodeWith(input, encoding, problems);
  const utf8 = strictUtf8Text(input);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', problems };

  // Declared UTF-8 with a few bad bytes stays UTF-8; mostly-invalid "UTF-8" is a mislabelled legacy page (often GBK).
  if (encoding === 'utf-8' && invalidUtf8Share(input) <= 0.2) {
    problems.push('invalid UTF-8 byte sequences were replaced by U+FFFD');
    return { text: input.toString('utf8'), encoding: 'utf-8', problems };
  }
  const guessed = guessLegacyEncoding(input);
  problems.push(`${encoding ? 'declared UTF-8 but' : 'no charset declared and'} the bytes are not UTF-8; read as ${guessed}`);
  return decodeWith(input, guessed, problems);
}
