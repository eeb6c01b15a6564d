import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { messagingRevisions } from './messaging.tables.ts';

/** Call inside the transaction of every change to the checker's rules. */
export async function bumpMessagingRevision(tx: DbOrTx, hospitalId: number) {
  await tx
    .insert(messagingRevisions)
    .values({ hospitalId, revision: 1 })
    .onConflictDoUpdate({ target: messagingRevisions.hospitalId, set: { revision: sql`${messagingRevisions.revision} + 1` } });
}

export async function currentMessagingRevision(db: DbOrTx, hospitalId: number): Promise<number> {
  const { rows } = await db.execute<{ revision: number }>(sql`select revision from ${messagingRevisions} where hospital_id = ${hospitalId}`);
  return Number(rows[0]?.revision ?? 0);
}
