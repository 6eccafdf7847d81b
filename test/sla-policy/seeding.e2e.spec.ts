import { PostgresEventStore } from '@app/event-store/postgres/postgres-event-store';
import { SLA_POLICY_STREAM_ID, parseSlaPolicyEvent } from '@app/hiring';
import { seedSlaPolicy } from '@app/platform';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * SPEC §5 and §7: SLA_HOURS, SLA_CALENDAR and SLA_TIMEZONE seed version 1 on a database that has no
 * policy yet, and only then; processes starting together write it once.
 */
describe('seeding the SLA policy at start', () => {
  let database: TestDatabase;
  let stores: PostgresEventStore[];
  const now = () => new Date('2026-11-23T09:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    // Two processes: each with its own pool on the same database.
    stores = [
      await PostgresEventStore.open({ connectionString: database.url, poolSize: 4 }),
      await PostgresEventStore.open({ connectionString: database.url, poolSize: 4 }),
    ];
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await database.drop();
  });

  const versions = async () =>
    (await stores[0].readStream(SLA_POLICY_STREAM_ID)).map((e) => parseSlaPolicyEvent(e).data);

  it('writes version 1 once when several processes start at the same moment', async () => {
    const business = { hours: 24, calendar: 'business' as const, timeZone: 'Europe/Belgrade' };
    await Promise.all(Array.from({ length: 8 }, (_, n) => seedSlaPolicy(stores[n % 2], business, now)));
    const written = await versions();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      version: 1,
      effectiveFrom: '1970-01-01T00:00:00.000Z',
      policy: { targets: { decision: { hours: 24 }, scorecard: { hours: 24 } }, calendar: { type: 'business' } },
      by: 'configuration',
    });
  });

  it('leaves an existing policy alone when started again with other settings', async () => {
    await seedSlaPolicy(stores[1], { hours: 72, calendar: 'calendar', timeZone: 'Europe/London' }, now);
    const written = await versions();
    expect(written).toHaveLength(1);
    expect(written[0].policy.targets.decision.hours).toBe(24);
  });
});
