import { type ReadModelFixture, openReadModelFixture } from '../testing/read-model-fixture';
import { at, mon, thu, tue } from '../testing/scenarios';
import { InvalidCursor } from './cursor';
import {
  AT_RISK_SQL,
  BREACHES_SQL,
  type SlaItem,
  atRiskAt,
  breachesAt,
  slaListInstant,
  slaListParameters,
} from './sla-lists';

/** SPEC §4 additions: the breach and at-risk lists in pages, in the same order as the whole list. */
describe('pages of the SLA lists', () => {
  let f: ReadModelFixture;
  let jobId: string;
  beforeAll(async () => {
    f = await openReadModelFixture();
    jobId = await f.writer.openJob(mon('08:00'));
    // Three arrivals at each of three times: obligations due together must still page in a stable order.
    for (const time of ['09:00', '10:00', '11:00']) {
      for (let n = 0; n < 3; n++) await f.writer.submit(jobId, mon(time));
    }
    await f.catchUp();
  });
  afterAll(() => f.close());

  const key = (item: SlaItem) => `${item.dueAt} ${item.applicationId} ${item.kind}`;

  async function allPages<T extends { items: SlaItem[]; total: number; nextCursor: string | null }>(
    fetch: (cursor?: string) => Promise<T>,
  ): Promise<T[]> {
    const pages = [await fetch()];
    while (pages.at(-1)!.nextCursor !== null) pages.push(await fetch(pages.at(-1)!.nextCursor!));
    return pages;
  }

  it('pages the breach list so that the pages make up the whole list, most overdue first', async () => {
    const asOf = at(thu('12:00'));
    const whole = await breachesAt(f.sql, asOf, { jobId });
    const pages = await allPages((cursor) => breachesAt(f.sql, asOf, { jobId }, { limit: 2, cursor }));

    expect(whole.items).toHaveLength(9);
    expect(pages.map((page) => page.items.length)).toEqual([2, 2, 2, 2, 1]);
    expect(pages.flatMap((page) => page.items)).toEqual(whole.items);
    expect(pages.map((page) => page.total)).toEqual([9, 9, 9, 9, 9]);
    const keys = whole.items.map(key);
    expect(keys).toEqual([...keys].sort());
  });

  it('pages the at-risk list the same way, soonest first', async () => {
    const asOf = at(tue('12:00'));
    const whole = await atRiskAt(f.sql, asOf, 48, { jobId });
    const pages = await allPages((cursor) => atRiskAt(f.sql, asOf, 48, { jobId }, { limit: 4, cursor }));

    expect(whole.items).toHaveLength(9);
    expect(pages.flatMap((page) => page.items)).toEqual(whole.items);
    expect(pages.map((page) => [page.items.length, page.total])).toEqual([
      [4, 9],
      [4, 9],
      [1, 9],
    ]);
  });

  it('ends with a null cursor on the last page, and counts matches even on an empty one', async () => {
    const page = await breachesAt(f.sql, at(thu('12:00')), { jobId }, { limit: 9 });
    expect(page).toMatchObject({ total: 9, nextCursor: null });
    const none = await breachesAt(f.sql, at(mon('12:00')), { jobId }, { limit: 5 });
    expect(none).toMatchObject({ total: 0, items: [], nextCursor: null });
  });

  it('counts only what the filters match', async () => {
    const page = await breachesAt(f.sql, at(thu('12:00')), { jobId, stage: 'technical' }, { limit: 1 });
    expect(page).toMatchObject({ total: 0, items: [] });
  });

  it('judges every page at the instant of the first, when no instant is asked for', async () => {
    const first = await breachesAt(f.sql, at(thu('12:00')), { jobId }, { limit: 2 });
    expect(slaListInstant('breaches', first.nextCursor!, undefined, at(thu('18:00')))).toEqual(at(thu('12:00')));
    expect(slaListInstant('breaches', undefined, undefined, at(thu('18:00')))).toEqual(at(thu('18:00')));
    expect(slaListInstant('breaches', undefined, at(thu('09:00')), at(thu('18:00')))).toEqual(at(thu('09:00')));
  });

  it.each([
    ['text that is no cursor', () => 'not-a-cursor'],
    [
      'a cursor of the other list',
      async () => (await atRiskAt(f.sql, at(tue('12:00')), 48, { jobId }, { limit: 1 })).nextCursor!,
    ],
    [
      'a cursor taken at another instant',
      async () => (await breachesAt(f.sql, at(thu('13:00')), { jobId }, { limit: 1 })).nextCursor!,
    ],
  ])('refuses %s', async (_, cursorOf) => {
    const cursor = await cursorOf();
    await expect(breachesAt(f.sql, at(thu('12:00')), { jobId }, { limit: 2, cursor })).rejects.toThrow(InvalidCursor);
  });

  it.each([
    // On a table this small either index of the open obligations serves the list of every job.
    ['breach list', BREACHES_SQL, false, ['obligations_open', 'obligations_settled_late']],
    ['breach list of one job', BREACHES_SQL, true, ['obligations_open_by_job', 'obligations_settled_late']],
    ['at-risk list', AT_RISK_SQL, true, ['obligations_by_due_then_id']],
  ])(
    'reaches the obligations of the %s through indexes, now and at any past instant',
    async (_, statement, ofOneJob, names) => {
      const cursor = {
        dueAt: at(tue('09:00')),
        applicationId: '00000000-0000-0000-0000-000000000000',
        obligationId: '',
      };
      for (const asOf of [new Date(), at('2020-01-01T00:00:00Z')]) {
        const plan = await f.dataSource.transaction(async (manager) => {
          // The table is tiny here, so forbid the sequential scan to see which index the query can use.
          await manager.query('set local enable_seqscan = off');
          const until = statement === AT_RISK_SQL ? new Date(asOf.getTime() + 48 * 3_600_000) : undefined;
          const parameters = slaListParameters(asOf, ofOneJob ? { jobId } : {}, until, cursor, 10);
          const rows = await manager.query<{ 'QUERY PLAN': unknown }[]>(
            `explain (format json) ${statement}`,
            parameters,
          );
          return JSON.stringify(rows[0]['QUERY PLAN']);
        });
        for (const index of names) expect(plan).toContain(index);
        expect(plan).not.toMatch(/"Seq Scan"[^}]*"Relation Name": "obligations"/);
      }
    },
  );
});
