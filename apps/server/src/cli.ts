import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { ConfigError, loadConfig } from './platform/config.ts';
import { openDatabase, runMigrations, type Database } from './platform/db/database.ts';
import { EmbeddedPostgresError } from './platform/db/embedded-postgres.ts';
import { AppError } from './platform/http/errors.ts';
import { createLogger } from './platform/logging.ts';
import { generatePassword } from './modules/org/bootstrap.service.ts';
import { departments, hospitals } from './modules/org/org.tables.ts';
import { roles, type Role } from './modules/org/roles.ts';
import { insertUser } from './modules/org/user.service.ts';
import { CliUsageError } from './platform/cli-usage-error.ts';

/** Command-line entry: `npm run cli -- <command> [options]`. Later modules add their commands to `commands`. */

type Command = { summary: string; usage: string; run(args: string[]): Promise<number> };

const commands: Record<string, Command> = {
  help: {
    summary: 'list the commands',
    usage: 'help',
    async run() {
      printHelp();
      return 0;
    },
  },
  migrate: {
    summary: 'apply the database migrations (npm start does this too)',
    usage: 'migrate',
    async run() {
      return withDatabase(async (database) => {
        await runMigrations(database.pool);
        process.stdout.write('migrations applied\n');
        return 0;
      });
    },
  },
  compliance: {
    summary: 'check texts against the default lexicons and a hospital profile (JSON lines in, JSON lines out)',
    usage: 'compliance check --profile <hospital.json>  < lines of {"id":…,"text":…}',
    // Loaded on demand: the checker's dictionaries are not needed by the other commands.
    run: async (args) => (await import('./modules/messaging/compliance.cli.ts')).runComplianceCheck(args, process.stdin, process.stdout),
  },
  opinion: {
    summary: 'public-opinion tools: normalise a feed (RSS, Atom, JSON Feed; any charset) to JSON; analyse mentions (JSON lines in, JSON lines out)',
    usage: 'opinion parse-feed [--content-type "<header value>"]  < feed  |  opinion analyze --hospital <profile.json>  < mentions.jsonl',
    run: async (args) => (await import('./modules/opinion/opinion.cli.ts')).runOpinionCommand(args, process.stdin, process.stdout, process.stderr),
  },
  'create-user': {
    summary: 'create a user (prints a generated password when --password is omitted)',
    usage: 'create-user --username <name> --display-name <name> --department <name or id> --roles <role,role> [--password <password>] [--must-change-password]',
    async run(args) {
      const { values } = parseArgs({
        args,
        options: {
          username: { type: 'string' },
          'display-name': { type: 'string' },
          department: { type: 'string' },
          roles: { type: 'string' },
          password: { type: 'string' },
          'must-change-password': { type: 'boolean', default: false },
        },
        strict: true,
      });
      const missing = ['username', 'display-name', 'department', 'roles'].filter((k) => !values[k as keyof typeof values]);
      if (missing.length) return usageError(`missing --${missing.join(', --')}`, commands['create-user']);
      const wanted = values.roles!.split(',').map((r) => r.trim()).filter(Boolean);
      const unknown = wanted.filter((r) => !(roles as readonly string[]).includes(r));
      if (unknown.length) return usageError(`unknown role ${unknown.join(', ')}; roles: ${roles.join(', ')}`, commands['create-user']);
      return withDatabase(async (database) => {
        const [hospital] = await database.db.select().from(hospitals).limit(1);
        if (!hospital) throw new ConfigError('the database has no hospital yet: run `npm start` once first');
        const byId = /^\d+$/.test(values.department!);
        const [department] = await database.db
          .select()
          .from(departments)
          .where(byId ? eq(departments.id, Number(values.department)) : eq(departments.name, values.department!));
        if (!department) throw new ConfigError(`no department ${values.department}`);
        const password = values.password ?? generatePassword();
        const user = await insertUser(
          database.db,
          { actor: null, ip: null, requestId: 'cli' },
          department.hospitalId,
          { username: values.username!, displayName: values['display-name']!, password, departmentId: department.id, roles: wanted as Role[] },
          values['must-change-password'] || !values.password,
        );
        process.stdout.write(`created user ${user.username} (id ${user.id}) in ${department.name}\n`);
        if (!values.password) process.stdout.write(`temporary password (shown once): ${password}\n`);
        return 0;
      });
    },
  },
};

function printHelp() {
  process.stdout.write('融媒 Rongmei command line\n\nUsage: npm run cli -- <command> [options]\n\nCommands:\n');
  for (const [name, command] of Object.entries(commands)) process.stdout.write(`  ${name.padEnd(14)} ${command.summary}\n      ${command.usage}\n`);
  process.stdout.write('\nThe database is the embedded one in DATA_DIR (default ./data), or DATABASE_URL when set.\n');
}

function usageError(message: string, command: Command) {
  process.stderr.write(`error: ${message}\nusage: npm run cli -- ${command.usage}\n`);
  return 2;
}

async function withDatabase(work: (database: Database) => Promise<number>) {
  const config = loadConfig();
  const database = await openDatabase(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel), { attach: true });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]) {
  const [name = 'help', ...args] = argv;
  const command = commands[name];
  if (!command) {
    process.stderr.write(`unknown command: ${name}\n\n`);
    printHelp();
    return 2;
  }
  try {
    return await command.run(args);
  } catch (err) {
    if (err instanceof CliUsageError) return usageError(err.message, command);
    if (err instanceof AppError) process.stderr.write(`error: ${err.messages.en}${err.details ? ` ${JSON.stringify(err.details)}` : ''}\n`);
    else if (err instanceof ConfigError || err instanceof EmbeddedPostgresError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`error: ${(err as Error).message}\n`);
    } else throw err;
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
