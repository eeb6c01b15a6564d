import { parseArgs } from 'node:util';
import { CliUsageError } from '../../../platform/cli-usage-error.ts';
import { defaultMaxFeedBytes, parseFeed } from './parse-feed.ts';

/** Reads at most `limit` bytes: a larger feed is refused by the parser without the rest being buffered. */
async function readAtMost(input: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(bytes);
    length += bytes.length;
    if (length >= limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

/**
 * `opinion parse-feed [--content-type "<header value>"] < feed`: the feed's bytes on stdin → the normalised feed as
 * JSON on stdout. A bozo feed is a result (exit 0); only unreadable input fails (exit 1).
 */
export async function runParseFeed(args: string[], input: NodeJS.ReadableStream, output: NodeJS.WritableStream, errors: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { 'content-type': { type: 'string' } }, allowPositionals: true, strict: true });
  if (positionals.length) throw new CliUsageError(`unexpected argument ${positionals[0]}: the feed is read from stdin`);
  if ((input as { isTTY?: boolean }).isTTY) throw new CliUsageError('the feed is read from stdin: redirect a file (< feed.xml) or pipe it');
  let bytes: Buffer;
  try {
    // One byte over the cap is enough for the parser to know the feed is too large.
    bytes = await readAtMost(input, defaultMaxFeedBytes + 1);
  } catch (err) {
    errors.write(`error: cannot read the feed from stdin: ${(err as Error).message}\n`);
    return 1;
  }
  output.write(`${JSON.stringify(parseFeed(bytes, { contentType: values['content-type'] }), null, 2)}\n`);
  return 0;
}
