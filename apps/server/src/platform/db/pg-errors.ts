/** node-postgres errors arrive either bare or wrapped by drizzle as `cause`. */
function pgErrorOf(err: unknown): { code?: string; constraint?: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: string; constraint?: string; cause?: unknown };
  if (typeof e.code === 'string') return e;
  return e.cause ? pgErrorOf(e.cause) : undefined;
}

export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = pgErrorOf(err);
  return e?.code === '23505' && e.constraint === constraint;
}
