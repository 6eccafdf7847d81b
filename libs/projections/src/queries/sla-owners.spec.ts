import { randomUUID } from 'node:crypto';
import { EVENT_SCHEMA_VERSIONS } from '@app/hiring';
import { type ReadModelFixture, openReadModelFixture } from '../testing/read-model-fixture';
import { ALICE, at, heldTechnicalInterview, mon, thu } from '../testing/scenarios';
import { atRiskAt, breachesAt } from './sla-lists';

/**
 * SPEC §6 on the SLA lists: every item names its owners, from the job's team as it stands now, and
 * says whether its breach was escalated.
 */
describe('owners and escalation on the SLA lists', () => {
  let f: ReadModelFixture;
  let jobId: string;
  let applicationId: string;
  beforeAll(async () => {
    f = await openReadModelFixture();
    jobId = randomUUID();
    await f.writer.job(jobId, {
      type: 'OpenJob',
      data: { jobId, title: 'Engineer', recruiterIds: ['rec-ana'], hiringManagerIds: ['hm-max'] },
      now: mon('08:00'),
    });
    applicationId = (await heldTechnicalInterview(f.writer, jobId)).id;
    await f.catchUp();
  });
  afterAll(() => f.close());

  const owned = async () =>
    (await breachesAt(f.sql, at(thu('12:00')), { jobId, stage: 'technical' })).items.map((item) => [
      item.kind,
      item.owners,
      item.escalated,
    ]);

  it('gives a decision to the job’s recruiters and a scorecard to its interviewer', async () => {
    const rows = await owned();
    expect(rows).toContainEqual(['decision', ['rec-ana'], false]);
    expect(rows).toContainEqual(['scorecard', [ALICE], false]);
  });

  it('gives the decisions to the hiring managers once the job has no recruiter', async () => {
    await f.writer.job(jobId, {
      type: 'ChangeJobTeam',
      data: { recruiterIds: [], hiringManagerIds: ['hm-max', 'hm-mia'] },
      now: mon('12:00'),
    });
    await f.catchUp();
    expect(await owned()).toContainEqual(['decision', ['hm-max', 'hm-mia'], false]);
    const atRisk = await atRiskAt(f.sql, at(mon('12:00')), 48, { jobId, stage: 'technical', kind: 'decision' });
    expect(atRisk.items.map((item) => item.owners)).toEqual([['hm-max', 'hm-mia']]);
  });

  it('marks an item escalated once its escalation is recorded', async () => {
    const [decision] = await f.sql.query<{ obligation_id: string; due_at: Date }>(
      `select obligation_id, due_at from read_model.obligations
        where application_id = $1 and kind = 'decision' and stage = 'technical'`,
      [applicationId],
    );
    const data = {
      applicationId,
      jobId,
      obligationId: decision.obligation_id,
      kind: 'decision',
      stage: 'technical',
      interviewerId: null,
      dueAt: decision.due_at.toISOString(),
      at: decision.due_at.toISOString(),
      recipients: ['hm-max', 'hm-mia'],
    };
    await f.store.append(
      `sla-notices-${applicationId}`,
      [{ type: 'ObligationEscalated', schemaVersion: EVENT_SCHEMA_VERSIONS.ObligationEscalated, data }],
      { expectedRevision: 'no_stream' },
    );
    await f.catchUp();
    expect(await owned()).toContainEqual(['decision', ['hm-max', 'hm-mia'], true]);
    expect(await owned()).toContainEqual(['scorecard', [ALICE], false]);
  });
});
