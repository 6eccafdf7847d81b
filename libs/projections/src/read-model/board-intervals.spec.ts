import { type ReadModelFixture, openReadModelFixture } from '../testing/read-model-fixture';
import { at, mon } from '../testing/scenarios';
import { pipelineAt } from '../queries/pipeline';

/** The board's intervals: where a card stands at any instant. */
describe('the pipeline board', () => {
  let f: ReadModelFixture;
  beforeAll(async () => {
    f = await openReadModelFixture();
  });
  afterAll(() => f.close());

  it('shows a card in one column only when two moves happen at the same instant', async () => {
    const jobId = await f.writer.openJob(mon('08:00'));
    const { id } = await f.writer.submit(jobId, mon('09:00'), 'Katherine Johnson');
    await f.catchUp();
    await f.writer.application(id, {
      type: 'MoveApplication',
      data: { toStage: 'recruiter_screen' },
      now: mon('10:00'),
    });
    await f.catchUp();
    await f.writer.application(id, {
      type: 'MoveApplication',
      data: { toStage: 'manager_interviews' },
      now: mon('10:00'),
    });
    await f.catchUp();
    const board = await pipelineAt(f.sql, { asOf: at(mon('11:00')), jobId });
    const columns = board.stages.filter((stage) => stage.applications.some((card) => card.id === id));
    expect(columns.map((column) => column.stage)).toEqual(['manager_interviews']);
  });
});
