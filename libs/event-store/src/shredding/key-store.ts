import { randomBytes } from 'node:crypto';
import { sentTogether } from '../sent-together';

/**
 * Data keys, one per subject (an application). A subject whose key was destroyed is remembered as
 * shredded, so that text written after the erasure is never stored readable again.
 */
export interface KeyStore {
  /** The subject's key, created on first use; null once shredded. */
  keyFor(subjectId: string): Promise<Buffer | null>;
  /** Keys of the subjects that have one; shredded and unknown subjects are absent. */
  keysOf(subjectIds: string[]): Promise<Map<string, Buffer>>;
  shred(subjectId: string): Promise<void>;
}

export type Query = <Row>(sql: string, parameters: unknown[]) => Promise<Row[]>;

/** Keys in PostgreSQL (`personal_data_keys`, see its migration beside this file), whichever store holds the events. */
export class SqlKeyStore implements KeyStore {
  constructor(private readonly query: Query) {}

  async keyFor(subjectId: string): Promise<Buffer | null> {
    // The usual case, an existing key, writes nothing (an upsert that returned it would rewrite the
    // row: a commit to wait for and a dead row version on every append with personal text). A key
    // created by another transaction after this statement's snapshot shows on the next attempt.
    for (let attempt = 1; ; attempt++) {
      const [row] = await this.query<{ key: Buffer | null }>(
        `with created as (
           insert into personal_data_keys (subject_id, key) values ($1, $2)
           on conflict (subject_id) do nothing
           returning key
         )
         select key from created
         union all
         select key from personal_data_keys where subject_id = $1 and not exists (select from created)`,
        [subjectId, randomBytes(32)],
      );
      if (row) return row.key;
      if (attempt === 3) throw new Error(`no data key could be created or read for ${subjectId}`);
    }
  }

  async keysOf(subjectIds: string[]): Promise<Map<string, Buffer>> {
    const keys = await Promise.all(subjectIds.map(this.keyTogether));
    return new Map(subjectIds.flatMap((id, n) => (keys[n] ? [[id, keys[n]] as const] : [])));
  }

  /** Concurrent requests' lookups, in one query. */
  private readonly keyTogether = sentTogether(async (subjectIds: readonly string[]) => {
    const rows = await this.query<{ subject_id: string; key: Buffer }>(
      'select subject_id, key from personal_data_keys where subject_id = any($1) and key is not null',
      [subjectIds],
    );
    const keys = new Map(rows.map((row) => [row.subject_id, row.key]));
    return subjectIds.map((id) => keys.get(id) ?? null);
  });

  async shred(subjectId: string): Promise<void> {
    await this.query(
      `insert into personal_data_keys (subject_id, key, shredded_at) values ($1, null, now())
       on conflict (subject_id) do update set key = null, shredded_at = coalesce(personal_data_keys.shredded_at, now())`,
      [subjectId],
    );
  }
}
