import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { cloneTestDatabase } from '../../test/test-server.ts';

/** A test file's own database (the job queue's schema included) and a pool on it, for runners to share. */
export function useJobTestDatabase(): { pool: () => pg.Pool } {
  let database: Awaited<ReturnType<typeof cloneTestDatabase>>;
  let pool: pg.Pool;
  beforeAll(async () => {
    database = await cloneTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 6 });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });
  return { pool: () => pool };
}

/** Waits until `condition` holds, polling, or fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 15_000, everyMs = 50) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
