import path from 'node:path';
import { z } from 'zod';
import { parseAllowList } from './http/outbound-guard.ts';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(480),
  RONGMEI_ADMIN_PASSWORD: z.string().optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  CONSOLE_BUILD: z.enum(['auto', 'off']).default('auto'),
  SECRETS_KEY: z.string().optional(),
  PUBLIC_BASE_URL: z.string().url().optional(),
  OUTBOUND_ALLOW_LIST: z.string().optional(),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  WEIBO_API_BASE: z.string().url().default('https://api.weibo.com'),
  WECOM_API_BASE: z.string().url().default('https://qyapi.weixin.qq.com'),
  DINGTALK_API_BASE: z.string().url().default('https://oapi.dingtalk.com'),
  FEISHU_API_BASE: z.string().url().default('https://open.feishu.cn'),
  JOB_WORKERS: z.enum(['on', 'off']).default('on'),
});

export type Config = {
  port: number | undefined;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: (typeof logLevels)[number];
  sessionSecret: string | undefined;
  sessionIdleMinutes: number;
  adminPassword: string | undefined;
  trustProxy: boolean;
  consoleBuild: 'auto' | 'off';
  secretsKey: string | undefined;
  /** The public address of the website (/site/), for links in posts on other platforms. */
  publicBaseUrl: string | null;
  /** Hosts or CIDRs an administrator allows outbound calls to although they are private (SSRF guard). */
  outboundAllowList: string[];
  wechatApiBase: string;
  weiboApiBase: string;
  /** Group robots' APIs (opinion alerts); only tests and intranet gateways change them. */
  wecomApiBase: string;
  dingtalkApiBase: string;
  feishuApiBase: string;
  /** Whether this instance runs jobs (publishing, polling); every instance does unless told not to. */
  jobWorkers: boolean;
};

export class ConfigError extends Error {}

function allowListOf(text: string | undefined) {
  try {
    return parseAllowList(text ?? '');
  } catch (err) {
    throw new ConfigError(`Invalid configuration: OUTBOUND_ALLOW_LIST: ${(err as Error).message}`);
  }
}

/** Reads and validates the environment once at start; a bad value stops the process with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    sessionSecret: e.SESSION_SECRET,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    adminPassword: e.RONGMEI_ADMIN_PASSWORD,
    trustProxy: e.TRUST_PROXY === 'true',
    consoleBuild: e.CONSOLE_BUILD,
    secretsKey: e.SECRETS_KEY,
    publicBaseUrl: e.PUBLIC_BASE_URL ?? null,
    outboundAllowList: allowListOf(e.OUTBOUND_ALLOW_LIST),
    wechatApiBase: e.WECHAT_API_BASE,
    weiboApiBase: e.WEIBO_API_BASE,
    wecomApiBase: e.WECOM_API_BASE,
    dingtalkApiBase: e.DINGTALK_API_BASE,
    feishuApiBase: e.FEISHU_API_BASE,
    jobWorkers: e.JOB_WORKERS === 'on',
  };
}
