import { Pool } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

describe('embedded PostgreSQL', () => {
  it('keeps each connection’s parameterised queries apart when many run at once', async () => {
    const embedded = await startEmbeddedPostgres({ maxConnections: 20 });
    const pool = new Pool({ connectionString: embedded.url, max: 12 });
    try {
      // Transactions alongside: their end is where the queue used to let connections interleave.
      const transactions = Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let i = 0; i < 25; i++) {
            const client = await pool.connect();
            try {
              await client.query('begin');
              await client.query('select $1::int + $2::int as v', [i, 1]);
              await client.query('commit');
            } finally {
              client.release();
            }
          }
        }),
      );
      // Different parameter counts make an interleaved Parse/Bind fail loudly.
      const results = await Promise.all(
        Array.from({ length: 300 }, (_, n) =>
          n % 2
            ? pool.query<{ v: string }>('select $1::text as v', [`one-${n}`]).then((r) => r.rows[0].v)
            : pool
                .query<{ v: string }>('select $1::text || $2::text || $3::text as v', ['three-', `${n}`, ''])
                .then((r) => r.rows[0].v),
        ),
      );
      await transactions;
      expect(results).toEqual(Array.from({ length: 300 }, (_, n) => (n % 2 ? `one-${n}` : `three-${n}`)));
    } finally {
      await pool.end();
      await embedded.stop();
    }
  });
});
