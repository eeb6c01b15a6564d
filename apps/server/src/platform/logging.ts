import pino, { type LoggerOptions } from 'pino';

/** Paths never written to logs: credentials, cookies, tokens and passwords wherever they appear. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.secret',
  'password',
  'token',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    base: { service: 'rongmei' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

export function createLogger(level: string) {
  return pino(loggerOptions(level));
}
