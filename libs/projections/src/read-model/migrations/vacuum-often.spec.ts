import { rebuildProjection } from '../../rebuild/rebuild';
import { type ReadModelFixture, openReadModelFixture } from '../../testing/read-model-fixture';
import { mon } from '../../testing/scenarios';

/** The tables the dashboards read with index-only scans are vacuumed after every thousand changes. */
describe('vacuuming the read model often', () => {
  let f: ReadModelFixture;
  beforeAll(async () => {
    f = await openReadModelFixture();
  });
  afterAll(() => f.close());

  const settings = () =>
    f.sql.query<{ relname: string; reloptions: string[] }>(
      `select c.relname, c.reloptions from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'read_model' and c.relname in ('obligations', 'status_intervals', 'board_intervals')
        order by c.relname`,
    );

  it('is set on each table, and a rebuild keeps it', async () => {
    const expected = ['board_intervals', 'obligations', 'status_intervals'].map((relname) => ({
      relname,
      reloptions: expect.arrayContaining([
        'autovacuum_vacuum_threshold=1000',
        'autovacuum_vacuum_insert_threshold=1000',
      ]),
    }));
    expect(await settings()).toEqual(expected);

    await f.writer.submit(await f.writer.openJob(mon('08:00')), mon('09:00'));
    await rebuildProjection(f.dataSource, f.store, f.projection, { batchSize: 50 });
    expect(await settings()).toEqual(expected);
  });
});
