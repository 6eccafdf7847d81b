import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@test/support/database';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { SqlKeyStore } from './key-store';
import { PersonalDataKeys1764480000000 } from './personal-data-keys.migration';
import { ShreddingEventStore, seal, unseal } from './shredding-event-store';

const policy = {
  subjectOf: (streamId: string) => (streamId.startsWith('application-') ? streamId.slice('application-'.length) : null),
  personalFields: (type: string) => (type === 'Noted' ? ['note'] : []),
};

describe('crypto-shredding of personal text', () => {
  let database: TestDatabase;
  let pool: Pool;
  let raw: PostgresEventStore;
  let keys: SqlKeyStore;
  let store: ShreddingEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 2 });
    // pool.end() does not wait for its connections to close; one still closing when the database is
    // dropped reports its termination, which nothing is left to care about.
    pool.on('error', () => undefined);
    raw = await PostgresEventStore.open({ connectionString: database.url, poolSize: 2, listen: false });
    keys = new SqlKeyStore(async (sql, parameters) => (await pool.query(sql, parameters)).rows);
    await new PersonalDataKeys1764480000000().up({ query: (sql: string) => pool.query(sql) } as never);
    store = new ShreddingEventStore(raw, keys, policy);
  });
  afterAll(async () => {
    await raw.close();
    await pool.end();
    await database.drop();
  });

  const noted = (note: string | null) => ({ type: 'Noted', schemaVersion: 1, data: { note, rating: 3 } });

  it('stores personal text sealed and reads it back in the clear', async () => {
    await store.append('application-a', [noted('Ana was great')], { expectedRevision: 'no_stream' });
    const [stored] = await raw.readStream('application-a');
    expect(JSON.stringify(stored.data)).not.toContain('Ana');
    expect(stored.data.rating).toBe(3);
    expect((await store.readStream('application-a'))[0].data).toEqual({ note: 'Ana was great', rating: 3 });
    expect((await store.readAll({ after: null, maxCount: 10 }))[0].data.note).toBe('Ana was great');
    const [[none], [opened]] = await store.readStreams([
      { streamId: 'application-none' },
      { streamId: 'application-a' },
    ]);
    expect([none, opened.data.note]).toEqual([undefined, 'Ana was great']);
  });

  it('reads shredded text as null, keeps every other fact, and never stores later text', async () => {
    await store.append('application-b', [noted('Boris was late')], { expectedRevision: 'no_stream' });
    await keys.shred('b');
    expect((await store.readStream('application-b'))[0].data).toEqual({ note: null, rating: 3 });

    await store.append('application-b', [noted('Boris again')], { expectedRevision: 0 });
    const stored = await raw.readStream('application-b');
    expect(stored[1].data).toEqual({ note: null, rating: 3 });
  });

  it('opens each of many concurrent reads with its own subject’s key, and none with a shredded one', async () => {
    for (const subject of ['c1', 'c2', 'c3']) {
      await store.append(`application-${subject}`, [noted(`note of ${subject}`)], { expectedRevision: 'no_stream' });
    }
    await keys.shred('c2');
    const notes = await Promise.all(
      Array.from({ length: 12 }, async (_, n) => (await store.readStream(`application-c${(n % 3) + 1}`))[0].data.note),
    );
    expect(notes).toEqual(Array.from({ length: 4 }, () => ['note of c1', null, 'note of c3']).flat());
  });

  it('leaves streams without a subject and events without personal text alone', async () => {
    await store.append('job-x', [noted('a job note')], { expectedRevision: 'no_stream' });
    expect((await raw.readStream('job-x'))[0].data.note).toBe('a job note');
  });

  it('opens a batch of a subscription with one key lookup', async () => {
    const controller = new AbortController();
    const seen: unknown[] = [];
    for await (const batch of store.subscribe({ after: null, signal: controller.signal })) {
      seen.push(...batch.map((e) => e.data.note));
      if (seen.length >= 3) controller.abort();
    }
    expect(seen.slice(0, 3)).toEqual(['Ana was great', null, null]);
  });

  it('gives one key per subject, to concurrent first uses alike, without rewriting its row', async () => {
    const firstUses = await Promise.all(Array.from({ length: 6 }, () => keys.keyFor('subject-k')));
    expect(new Set(firstUses.map((key) => key!.toString('hex'))).size).toBe(1);
    const version = async () =>
      (await pool.query(`select xmin::text from personal_data_keys where subject_id = 'subject-k'`)).rows[0].xmin;
    const before = await version();
    expect((await keys.keyFor('subject-k'))!.equals(firstUses[0]!)).toBe(true);
    expect(await version()).toBe(before);
  });

  it('reads text sealed under another key, or tampered with, as null', () => {
    const key = Buffer.alloc(32, 1);
    const sealed = seal('secret', key);
    expect(unseal(sealed, key)).toBe('secret');
    expect(unseal(sealed, Buffer.alloc(32, 2))).toBeNull();
    expect(unseal({ $sealed: sealed.$sealed.slice(0, -4) + 'AAAA' }, key)).toBeNull();
  });
});
