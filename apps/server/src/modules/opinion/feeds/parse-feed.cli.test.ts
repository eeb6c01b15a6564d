import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../../../platform/cli-usage-error.ts';
import { runOpinionCommand } from '../opinion.cli.ts';

async function run(args: string[], input: Readable) {
  const output = new PassThrough();
  const errors = new PassThrough();
  let written = '';
  output.setEncoding('utf8').on('data', (c) => (written += c));
  const code = await runOpinionCommand(args, input, output, errors);
  return { code, written };
}

describe('opinion parse-feed CLI', () => {
  it('prints the normalised feed, reading the charset from --content-type', async () => {
    const bytes = iconv.encode('<rss version="2.0"><channel><title>某某医院</title><item><title>就医体验差</title><link>https://example.cn/1</link></item></channel></rss>', 'gbk');
    const { code, written } = await run(['parse-feed', '--content-type', 'application/rss+xml; charset=gb2312'], Readable.from([bytes.subarray(0, 40), bytes.subarray(40)]));
    expect(code).toBe(0);
    expect(JSON.parse(written)).toEqual({
      encoding: 'gb18030',
      bozo: false,
      feed: { title: '某某医院', link: null },
      items: [{ id: 'https://example.cn/1', title: '就医体验差', link: 'https://example.cn/1', published_at: null, author: null, summary: null, content: null }],
    });
  });

  it('prints a bozo feed and exits 0: a broken feed is a result, not a failure', async () => {
    const { code, written } = await run(['parse-feed'], Readable.from([Buffer.from('<rss><channel><title>断')]));
    expect(code).toBe(0);
    expect(JSON.parse(written)).toMatchObject({ bozo: true, feed: { title: '断' } });
  });

  it('refuses stray arguments, a terminal on stdin and unknown subcommands as usage errors', async () => {
    await expect(run(['parse-feed', 'feed.xml'], Readable.from([]))).rejects.toThrow(CliUsageError);
    await expect(run(['parse-feed'], Object.assign(Readable.from([]), { isTTY: true }))).rejects.toThrow(/read from stdin/);
    await expect(run(['analyse'], Readable.from([]))).rejects.toThrow(/unknown subcommand analyse; expected one of: parse-feed/);
    await expect(run([], Readable.from([]))).rejects.toThrow(/missing subcommand/);
  });

  it('exits 2 with the usage through `npm run cli`', () => {
    const res = spawnSync('npm', ['run', '--silent', 'cli', '--', 'opinion', 'parse-feed', 'extra'], {
      cwd: path.resolve(import.meta.dirname, '../../../../../..'),
      input: '',
      encoding: 'utf8',
    });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/usage: npm run cli -- opinion parse-feed/);
  }, 60_000);
});
