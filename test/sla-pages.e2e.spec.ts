import { mon, thu, tue } from '@app/projections/testing/scenarios';
import { startTestApp, TestClock, type TestApp } from './support/app';

interface Page {
  asOf: string;
  total: number;
  items: Array<{ applicationId: string; dueAt: string }>;
  nextCursor: string | null;
}

/** SPEC §4 additions: /sla/breaches and /sla/at-risk answer in pages, with the total beside them. */
describe('SLA lists in pages over HTTP', () => {
  let t: TestApp;
  let jobId: string;
  let position: number;
  const ARRIVALS = 101;

  beforeAll(async () => {
    t = await startTestApp({}, new TestClock(new Date(thu('12:00'))));
    jobId = await t.writer.openJob(mon('08:00'));
    for (let n = 0; n < ARRIVALS; n++) {
      // Some arrive together, so that equal due times must page in a stable order.
      position = (await t.writer.submit(jobId, mon(`09:${String(Math.floor(n / 3)).padStart(2, '0')}`))).result
        .lastPosition;
    }
  });
  afterAll(() => t.close());

  /** `list` with its query string, e.g. `breaches?limit=7`. */
  const get = (list: string) =>
    t
      .http()
      .get(`/sla/${list}${list.includes('?') ? '&' : '?'}minPosition=${position}&jobId=${jobId}`)
      .set('Authorization', t.as('viewer'));

  /**
   * An item as the list ranks it. `escalated` is left out: the reminder timer runs beside the test
   * (the clock stands past these due times) and may escalate an item between two pages.
   */
  const listed = ({ escalated: _escalated, ...item }: Page['items'][number] & { escalated?: boolean }) => item;

  async function pages(list: string, query: string): Promise<Page[]> {
    const found: Page[] = [(await get(`${list}?${query}`).expect(200)).body];
    while (found.at(-1)!.nextCursor !== null) {
      const cursor = encodeURIComponent(found.at(-1)!.nextCursor!);
      found.push((await get(`${list}?${query}&cursor=${cursor}`).expect(200)).body);
    }
    return found;
  }

  it('answers 100 items by default, with the total and a cursor to the rest', async () => {
    const { body } = await get('breaches').expect(200);
    expect(body).toMatchObject({ asOf: thu('12:00'), total: ARRIVALS, nextCursor: expect.any(String) });
    expect(body.items).toHaveLength(100);
  });

  it('pages the breach list into the whole list, most overdue first', async () => {
    const whole = (await get('breaches?limit=1000').expect(200)).body as Page;
    const paged = await pages('breaches', 'limit=7');

    expect(whole).toMatchObject({ total: ARRIVALS, nextCursor: null });
    expect(paged.flatMap((page) => page.items).map(listed)).toEqual(whole.items.map(listed));
    expect(new Set(paged.map((page) => page.total))).toEqual(new Set([ARRIVALS]));
    expect(paged.at(-1)!.items).toHaveLength(ARRIVALS % 7);
    const dueTimes = whole.items.map((item) => item.dueAt);
    expect(dueTimes).toEqual([...dueTimes].sort());
  });

  it('judges every page at the instant of the first when no asOf is given', async () => {
    const first = (await get('breaches?limit=50').expect(200)).body as Page;
    t.clock.set('2026-12-31T00:00:00Z');
    try {
      const second = (await get(`breaches?limit=50&cursor=${first.nextCursor}`).expect(200)).body as Page;
      expect(second.asOf).toBe(first.asOf);
    } finally {
      t.clock.set(thu('12:00'));
    }
  });

  it('pages the at-risk list the same way, soonest first', async () => {
    const asOf = tue('12:00');
    const whole = (await get(`at-risk?asOf=${asOf}&withinHours=48&limit=1000`).expect(200)).body as Page;
    const paged = await pages('at-risk', `asOf=${asOf}&withinHours=48&limit=30`);

    expect(whole.total).toBe(ARRIVALS);
    expect(paged.map((page) => page.items.length)).toEqual([30, 30, 30, 11]);
    expect(paged.flatMap((page) => page.items).map(listed)).toEqual(whole.items.map(listed));
  });

  it.each([
    ['a limit of 0', 'breaches?limit=0', 'limit'],
    ['a limit over 1,000', 'breaches?limit=1001', 'limit'],
    ['a cursor it never issued', 'breaches?cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['a cursor of the other list', 'at-risk?cursor=CURSOR', 'cursor'],
    ['a cursor with another asOf', `breaches?asOf=${thu('13:00')}&cursor=CURSOR`, 'cursor'],
  ])('refuses %s with 400', async (_, query, field) => {
    const cursor = (await get('breaches?limit=1').expect(200)).body.nextCursor as string;
    const response = await get(query.replace('CURSOR', encodeURIComponent(cursor)));
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });
});
