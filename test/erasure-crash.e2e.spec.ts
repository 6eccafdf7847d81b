import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CandidateStore } from '@app/candidates';
import { EVENT_STORE, type EventStore, type KeyStore } from '@app/event-store';
import { PERSONAL_TEXT_FIELDS } from '@app/hiring';
import { KEY_STORE } from '@app/platform';
import { EraseCandidateHandler, EraseCandidate } from '../apps/api/src/applications/commands/erase-candidate';
import { startTestApp, type TestApp } from './support/app';
import { pipeline } from './support/pipeline';

/** Every piece of personal data and free text below contains it, so one search finds them all. */
const MARK = 'Quartermaine';

/**
 * Erasure is: blank the candidate's row, destroy the key that seals their free text in the log,
 * then record CandidateDataErased. Destroying the key must be the whole erasure: a crash before
 * the event must leave nothing readable anywhere in the database, and a retry must finish the job.
 */
describe('erasure that crashes before its event', () => {
  let t: TestApp;
  let p: ReturnType<typeof pipeline>;
  let database: DataSource;
  let applicationId: string;
  let position: number;

  beforeAll(async () => {
    t = await startTestApp();
    p = pipeline(t);
    database = t.app.get(DataSource);
    applicationId = await p.submit(await p.openJob(), `zebulon.${MARK}@example.com`, `Zebulon ${MARK}`);
    position = (await writeEveryKindOfPersonalText()).position;
    await t.http().get(`/applications?minPosition=${position}`).set('Authorization', t.as('admin')).expect(200);
  });
  afterAll(() => t.close());

  /** One event of every type that carries personal text, each field filled. */
  async function writeEveryKindOfPersonalText(): Promise<{ position: number }> {
    const id = applicationId;
    await p.move(id, 'references', `${MARK} was referred by the CTO`);
    await p.post(
      `/applications/${id}/references`,
      { refereeName: `Ada ${MARK}`, relationship: `${MARK}'s manager`, outcome: 'positive', notes: `${MARK} shines` },
      201,
    );
    await t.writer.application(id, {
      type: 'RecordCandidateUpdate',
      data: { updateId: randomUUID(), channel: 'email', summary: `Told ${MARK} we decide by Friday` },
      now: t.clock.now().toISOString(),
    });
    await p.move(id, 'technical', `${MARK} needs a design round after all`);
    const cancelled = await p.schedule(id, 'system_design', ['int-1']);
    await p.post(`/applications/${id}/interviews/${cancelled}/cancel`, { reason: `${MARK} was ill` }, 200);
    const held = await p.schedule(id, 'system_design', ['int-1']);
    await p.held(id, held, '2026-11-23T08:00:00Z');
    await p.post(
      `/applications/${id}/interviews/${held}/scorecards`,
      { rating: 4, recommendation: 'yes', notes: `${MARK} reasons clearly` },
      201,
      t.as('interviewer', 'int-1'),
    );
    await p.post(`/applications/${id}/reject`, { reasonCode: 'timing', note: `${MARK} asked too much` }, 200);
    await p.post(`/applications/${id}/unreject`, undefined, 200);
    return p.post(`/applications/${id}/withdraw`, { reason: `${MARK} took another offer` }, 200);
  }

  /** Every row of every table of ours, as text. */
  async function everything(): Promise<string> {
    const tables = await database.query<{ schema: string; name: string }[]>(
      `select table_schema as schema, table_name as name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
    );
    const dumps = await Promise.all(
      tables.map(async ({ schema, name }) => {
        const rows = await database.query<{ row: string }[]>(`select t::text as row from "${schema}"."${name}" t`);
        return rows.map((r) => r.row).join('\n');
      }),
    );
    return dumps.join('\n');
  }

  it('holds the text of every personal field before the erasure, where its key can open it', async () => {
    const history = JSON.stringify(await p.events(applicationId));
    const types = Object.keys(PERSONAL_TEXT_FIELDS);
    const events = await p.events(applicationId);
    expect(types.filter((type) => !events.some((event) => event.type === type))).toEqual([]);
    expect(history.split(MARK).length - 1).toBeGreaterThanOrEqual(Object.values(PERSONAL_TEXT_FIELDS).flat().length);
  });

  it('keeps the projections’ memory free of personal text, erased or not', async () => {
    const states = await database.query<{ state: object }[]>('select state from read_model.application_states');
    expect(states).toHaveLength(1);
    expect(JSON.stringify(states)).not.toContain(MARK);
  });

  it('leaves nothing readable anywhere once the key is gone, though the event was never appended', async () => {
    const crashing = new Proxy(t.app.get<EventStore>(EVENT_STORE), {
      get: (store, property: keyof EventStore) =>
        property === 'append'
          ? () => Promise.reject(new Error('the connection was lost'))
          : (store[property] as (...args: unknown[]) => unknown).bind(store),
    });
    const handler = new EraseCandidateHandler(
      t.app.get(CandidateStore),
      t.clock,
      crashing,
      t.app.get<KeyStore>(KEY_STORE),
    );
    await expect(
      handler.execute(
        new EraseCandidate(applicationId, { actor: { id: 'admin-1', role: 'admin' }, correlationId: 'c' }),
      ),
    ).rejects.toThrow('the connection was lost');

    expect((await p.events(applicationId)).map((event) => event.type)).not.toContain('CandidateDataErased');
    expect(await everything()).not.toMatch(new RegExp(MARK, 'i'));
    const view = await p.get(applicationId);
    expect(JSON.stringify(view)).not.toMatch(new RegExp(MARK, 'i'));
    expect(view.candidate).toEqual({ name: null, email: null, phone: null });
  });

  it('finishes the erasure when it is retried, recording it once', async () => {
    await t.http().delete(`/applications/${applicationId}/candidate`).set('Authorization', t.as('admin')).expect(204);
    await t.http().delete(`/applications/${applicationId}/candidate`).set('Authorization', t.as('admin')).expect(204);

    const types = (await p.events(applicationId)).map((event) => event.type);
    expect(types.filter((type) => type === 'CandidateDataErased')).toHaveLength(1);
    expect(await p.get(applicationId)).toMatchObject({ erased: true, status: 'withdrawn' });
    expect(await everything()).not.toMatch(new RegExp(MARK, 'i'));
  });
});
