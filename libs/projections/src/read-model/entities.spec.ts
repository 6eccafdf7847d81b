import { type ReadModelFixture, openReadModelFixture } from '../testing/read-model-fixture';

/** The migration creates the tables; the entities describe them. TypeORM must see no difference. */
describe('the read-model entities', () => {
  let f: ReadModelFixture;
  beforeAll(async () => {
    f = await openReadModelFixture();
  });
  afterAll(() => f.close());

  it('match the migrated schema, so a generated migration would change nothing', async () => {
    const { upQueries } = await f.dataSource.driver.createSchemaBuilder().log();
    expect(upQueries.map((q) => q.query)).toEqual([]);
  });
});
