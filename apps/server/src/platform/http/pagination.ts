import { z } from 'zod';
import { errors } from './errors.ts';

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};

export type Page<T> = { items: T[]; nextCursor: string | null };

/** Cursors are opaque to clients: the last row's key, base64url-encoded. */
export function encodeCursor(key: number): string {
  return Buffer.from(String(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const key = Number(decoded);
  if (!/^\d{1,16}$/.test(decoded) || !Number.isSafeInteger(key)) throw errors.invalidField('cursor', '分页游标无效', 'Invalid cursor');
  return key;
}

/** Rows were fetched with limit + 1: the extra row only says whether another page exists. */
export function pageOf<Row extends { id: number }, T>(rows: Row[], limit: number, toItem: (row: Row) => T): Page<T> {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(items[items.length - 1].id) : null;
  return { items: items.map(toItem), nextCursor };
}
