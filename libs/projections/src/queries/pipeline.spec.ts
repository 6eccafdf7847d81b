import { type ReadModelFixture, openReadModelFixture } from '../testing/read-model-fixture';
import { at, mon, tue } from '../testing/scenarios';
import { BOARD_CARDS_SQL, ENDED_TOTALS_SQL, pipelineAt } from './pipeline';

/**
 * The board's totals as time passes: Ada is rejected Monday 12:00 and brought back Tuesday 09:00;
 * Grace withdraws Monday 15:00.
 */
describe("the pipeline board's totals", () => {
  let f: ReadModelFixture;
  let jobId: string;
  beforeAll(async () => {
    f = await openReadModelFixture();
    jobId = await f.writer.openJob(mon('08:00'));
    const ada = (await f.writer.submit(jobId, mon('09:00'), 'Ada Lovelace')).id;
    const grace = (await f.writer.submit(jobId, mon('09:00'), 'Grace Hopper')).id;
    await f.writer.application(ada, {
      type: 'RejectApplication',
      data: { reasonCode: 'skills_gap' },
      now: mon('12:00'),
    });
    await f.writer.application(grace, { type: 'WithdrawApplication', data: {}, now: mon('15:00') });
    await f.writer.application(ada, { type: 'UnrejectApplication', data: {}, now: tue('09:00') });
    await f.catchUp();
  });
  afterAll(() => f.close());

  it.each([
    [mon('08:30'), { active: 0, hired: 0, rejected: 0, withdrawn: 0 }],
    [mon('10:00'), { active: 2, hired: 0, rejected: 0, withdrawn: 0 }],
    [mon('12:00'), { active: 1, hired: 0, rejected: 1, withdrawn: 0 }],
    [mon('16:00'), { active: 0, hired: 0, rejected: 1, withdrawn: 1 }],
    [tue('09:00'), { active: 1, hired: 0, rejected: 0, withdrawn: 1 }],
  ])('counts each application once, by its status at %s', async (asOf, totals) => {
    const board = await pipelineAt(f.sql, { asOf: at(asOf), jobId });
    expect(board.totals).toEqual(totals);
    expect(board.stages.find((stage) => stage.stage === 'applied')?.count).toBe(totals.active);
  });

  it.each([
    ['cards', BOARD_CARDS_SQL, 'board_intervals_on_board', [100]],
    ['totals', ENDED_TOTALS_SQL, 'status_intervals_ended', []],
  ])('finds the %s through an index, now and at any past instant', async (_, statement, index, more) => {
    for (const asOf of [new Date(), at('2020-01-01T00:00:00Z')]) {
      const plan = await f.dataSource.transaction(async (manager) => {
        // The tables are tiny here, so forbid the sequential scan to see which index the query can use.
        await manager.query('set local enable_seqscan = off');
        const rows = await manager.query<{ 'QUERY PLAN': unknown }[]>(`explain (format json) ${statement}`, [
          asOf,
          null,
          ...more,
        ]);
        return JSON.stringify(rows[0]['QUERY PLAN']);
      });
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/"Seq Scan"[^}]*"Relation Name": "(board|status)_intervals"/);
    }
  });
});
