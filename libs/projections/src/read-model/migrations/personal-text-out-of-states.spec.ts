import { evolveApplication, initialApplicationState, parseApplicationEvent } from '@app/hiring';
import { type ReadModelFixture, openReadModelFixture } from '../../testing/read-model-fixture';
import { mon } from '../../testing/scenarios';
import { PersonalTextOutOfStates1764650000003 } from './1764650000003-personal-text-out-of-states';

const MARK = 'Quartermaine';

describe('taking personal text out of the states stored before', () => {
  let f: ReadModelFixture;
  beforeAll(async () => {
    f = await openReadModelFixture();
  });
  afterAll(() => f.close());

  it('drops it from every stored state and changes nothing else', async () => {
    const jobId = await f.writer.openJob(mon('08:00'));
    const { id } = await f.writer.submit(jobId, mon('09:00'));
    await f.writer.application(id, {
      type: 'MoveApplication',
      data: { toStage: 'cto', reason: `${MARK} came recommended` },
      now: mon('09:30'),
    });
    const untouched = (await f.writer.submit(jobId, mon('09:40'))).id;
    await f.catchUp();
    const [before] = await f.sql.query<{ state: object; version: number }>(
      'select state, version from read_model.application_states where application_id = $1',
      [id],
    );
    // As a version that kept the text wrote it: the full fold of the stream.
    const full = (await f.store.readStream(`application-${id}`))
      .map(parseApplicationEvent)
      .reduce(evolveApplication, initialApplicationState);
    await f.sql.query('update read_model.application_states set state = $2 where application_id = $1', [
      id,
      JSON.stringify(full),
    ]);
    const other = await f.sql.query('select * from read_model.application_states where application_id = $1', [
      untouched,
    ]);

    const runner = f.dataSource.createQueryRunner();
    try {
      await new PersonalTextOutOfStates1764650000003().up(runner);
    } finally {
      await runner.release();
    }

    const [after] = await f.sql.query<{ state: object; version: number }>(
      'select state, version from read_model.application_states where application_id = $1',
      [id],
    );
    expect(JSON.stringify(full)).toContain(MARK);
    expect(after).toEqual(before);
    expect(
      await f.sql.query('select * from read_model.application_states where application_id = $1', [untouched]),
    ).toEqual(other);
  });
});
