import { CliUsageError } from '../../platform/cli-usage-error.ts';

type Subcommand = (args: string[], input: NodeJS.ReadableStream, output: NodeJS.WritableStream, errors: NodeJS.WritableStream) => Promise<number>;

/** The subcommands of `opinion`, each loaded on demand. */
const subcommands: Record<string, () => Promise<Subcommand>> = {
  'parse-feed': async () => (await import('./feeds/parse-feed.cli.ts')).runParseFeed,
  analyze: async () => (await import('./analysis/analyze.cli.ts')).runOpinionAnalyze,
};

/** `npm run cli -- opinion <subcommand> …`: dispatches to the subcommand with the process's streams. */
export async function runOpinionCommand(args: string[], input: NodeJS.ReadableStream, output: NodeJS.WritableStream, errors: NodeJS.WritableStream): Promise<number> {
  const [name, ...rest] = args;
  const load = name !== undefined && Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (!load) throw new CliUsageError(`${name === undefined ? 'missing subcommand' : `unknown subcommand ${name}`}; expected one of: ${Object.keys(subcommands).join(', ')}`);
  return (await load())(rest, input, output, errors);
}
