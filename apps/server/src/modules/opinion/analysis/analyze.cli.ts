import { readFile } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CliUsageError } from '../../../platform/cli-usage-error.ts';
import { createAnalyzer, type Analyzer } from './analyzer.ts';
import { hospitalProfileSchema, mentionInputSchema } from './schemas.ts';
import type { HospitalProfile, MentionInput } from './types.ts';

/** Mentions sent to the analyzer at a time, and how many such batches may be in flight while input is read. */
const batchSize = 2048;
const maxInFlight = 4;

type Batch = { lines: (string | number)[]; mentions: MentionInput[] };

async function loadProfile(file: string): Promise<HospitalProfile> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new CliUsageError(`cannot read the profile ${file}: ${(err as Error).message}`);
  }
  const parsed = hospitalProfileSchema.safeParse(raw);
  if (!parsed.success) throw new CliUsageError(`bad profile ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** A line of input: the mention to analyse, or the error line that answers it. */
function parseLine(line: string): MentionInput | string {
  let id: string | number | null = null;
  try {
    const raw = JSON.parse(line);
    if (typeof raw?.id === 'string' || typeof raw?.id === 'number') id = raw.id;
    return mentionInputSchema.parse(raw);
  } catch (err) {
    const why = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') : (err as Error).message;
    return JSON.stringify({ id, error: why });
  }
}

/**
 * `opinion analyze --hospital <profile.json>`: mentions as JSON lines on stdin → one analysis line per mention
 * on stdout, in input order (docs/opinion-risk.md). A malformed line yields `{id, error}` and the run goes on;
 * only input that cannot be read at all fails the run.
 */
export async function runOpinionAnalyze(args: string[], input: NodeJS.ReadableStream, output: NodeJS.WritableStream, errors: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({ args, options: { hospital: { type: 'string' } }, strict: true });
  if (!values.hospital) throw new CliUsageError('missing --hospital <profile.json>');
  const profile = await loadProfile(values.hospital);
  // The workers start while the input is being read.
  const starting = createAnalyzer(profile);
  starting.catch(() => undefined);

  const decoder = new StringDecoder('utf8');
  const inFlight: Promise<string>[] = [];
  const write = async (text: string) => {
    if (text && !output.write(text)) await new Promise((resolve) => output.once('drain', resolve));
  };
  const submit = (batch: Batch) => {
    inFlight.push(
      starting
        .then((analyzer: Analyzer) => analyzer.analyze(batch.mentions))
        .then((results) => batch.lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(results[l]))).join('\n') + (batch.lines.length ? '\n' : '')),
    );
  };

  let batch: Batch = { lines: [], mentions: [] };
  const take = (line: string) => {
    if (!line.trim()) return;
    const parsed = parseLine(line);
    if (typeof parsed === 'string') batch.lines.push(parsed);
    else batch.lines.push(batch.mentions.push(parsed) - 1);
  };
  let failed: Error | undefined;
  try {
    // Lines split by hand: readline's promise per line costs more than the analysis of a short mention.
    let rest = '';
    for await (const chunk of input) {
      const lines = (rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer))).split('\n');
      rest = lines.pop()!;
      for (const line of lines) take(line);
      if (batch.mentions.length >= batchSize) {
        submit(batch);
        batch = { lines: [], mentions: [] };
        while (inFlight.length >= maxInFlight) await write(await inFlight.shift()!);
      }
    }
    take(rest + decoder.end());
  } catch (err) {
    failed = err as Error;
  }
  submit(batch);
  try {
    for (const pending of inFlight) await write(await pending);
  } finally {
    await (await starting).close();
  }
  if (failed) {
    errors.write(`error: cannot read the input: ${failed.message}\n`);
    return 1;
  }
  return 0;
}
