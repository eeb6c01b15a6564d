import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CliUsageError } from '../../platform/cli-usage-error.ts';
import { ComplianceChecker } from './compliance/compliance-checker.ts';

const hospitalProfile = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  campuses: z.array(z.string()).default([]),
  departments: z.array(z.string()).default([]),
  forbidden_names: z.array(z.object({ term: z.string().min(1), use_instead: z.string().min(1) })).default([]),
  public_phones: z.array(z.string()).default([]),
});

const inputLine = z.object({ id: z.union([z.string(), z.number()]), text: z.string() });

const looksLikeHtml = (text: string) => /<\/?[a-z][\w-]*(\s[^<>]*)?>/i.test(text);

/**
 * `compliance check --profile <hospital.json>`: JSON lines `{id, text}` on stdin (text may be HTML) →
 * `{id, findings}` lines on stdout in input order; a bad line yields `{id, error}` and the run goes on.
 */
export async function runComplianceCheck(args: string[], input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { profile: { type: 'string' } }, allowPositionals: true, strict: true });
  if (positionals[0] !== 'check') throw new CliUsageError('expected the subcommand check');
  if (!values.profile) throw new CliUsageError('missing --profile <hospital.json>');
  const parsed = hospitalProfile.safeParse(JSON.parse(await readFile(values.profile, 'utf8')));
  if (!parsed.success) throw new CliUsageError(`bad profile ${values.profile}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const profile = parsed.data;
  const checker = ComplianceChecker.build({
    entries: [],
    allowList: [],
    forbiddenTerms: profile.forbidden_names.map((f) => ({ term: f.term, useInstead: f.use_instead, rule: '医院信息：曾用名' })),
    protectedNames: [profile.name, ...profile.aliases, ...profile.campuses, ...profile.departments],
    publicPhones: profile.public_phones,
  });

  let buffered = '';
  const flush = () => {
    if (buffered) output.write(buffered);
    buffered = '';
  };
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    let id: string | number | null = null;
    try {
      const raw = JSON.parse(line);
      id = typeof raw?.id === 'string' || typeof raw?.id === 'number' ? raw.id : null;
      const item = inputLine.parse(raw);
      const findings = checker.check(looksLikeHtml(item.text) ? { html: item.text } : { text: item.text });
      buffered += `${JSON.stringify({ id: item.id, findings })}\n`;
    } catch (err) {
      const reason = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') : (err as Error).message;
      buffered += `${JSON.stringify({ id, error: reason })}\n`;
    }
    if (buffered.length > 64 * 1024) flush();
  }
  flush();
  return 0;
}
