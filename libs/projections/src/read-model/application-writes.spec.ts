import { type ApplicationEvent, DEFAULT_POLICY_VERSION, type NoticeEvent, noticesDecider } from '@app/hiring';
import {
  ALICE,
  BOB,
  application,
  held,
  mon,
  moved,
  rejected,
  scheduled,
  scorecard,
  submitted,
  tue,
  unrejected,
  wed,
} from '@app/hiring/testing/application-fixtures';
import { inTransaction, openSession, useSchema } from '../database/sql';
import { instantText } from '../queries/read-values';
import { type ReadModelFixture, openReadModelFixture } from '../testing/read-model-fixture';
import type { ApplicationRecord } from './application-record';
import { type WriteMode, applicationWrite, writeApplications } from './application-writes';
import { type DerivedRows, deriveRows } from './derived-rows';
import { READ_MODEL_SCHEMA } from './entities';

/*
 * The write path as a round trip: given an application's record and the rows derived from it, when
 * they are written, then every table reads back exactly what was derived — lists, nulls, JSON and
 * instants included — whether they went in as plain inserts (a rebuild's first write) or as upserts.
 */

const ID = '00000000-0000-4000-8000-0000000000a1';
const JOB = '00000000-0000-4000-8000-0000000000b1';
const TIMELINE = [{ ...DEFAULT_POLICY_VERSION, version: 1 }];

/** Two interviewers on a held call, Alice's scorecard in, a rejection taken back. */
const events = (): ApplicationEvent[] => {
  const submit = submitted(mon('09:00'));
  return [
    { ...submit, data: { ...submit.data, applicationId: ID, jobId: JOB } },
    moved('applied', 'recruiter_screen', mon('09:30')),
    scheduled('call', 'recruiter_call', [ALICE, BOB], mon('09:45')),
    held('call', mon('10:00')),
    scorecard('call', ALICE, mon('12:00'), null),
    rejected('recruiter_screen', tue('09:00')),
    unrejected('recruiter_screen', tue('10:00')),
  ];
};

const about = { applicationId: ID, jobId: JOB, kind: 'scorecard' as const, stage: 'recruiter_screen' as const };
/** Bob was reminded of his scorecard, then it was escalated to him and a manager. */
const notices: NoticeEvent[] = [
  {
    type: 'ObligationReminderRecorded',
    data: {
      ...about,
      obligationId: `scorecard:call:${BOB}`,
      interviewerId: BOB,
      dueAt: wed('10:00'),
      fraction: 0.5,
      at: tue('10:00'),
      recipients: [BOB],
    },
  },
  {
    type: 'ObligationEscalated',
    data: {
      ...about,
      obligationId: `scorecard:call:${BOB}`,
      interviewerId: BOB,
      dueAt: wed('10:00'),
      at: wed('10:00'),
      recipients: [BOB, 'manager-max'],
    },
  },
];

function recordOf(history: ApplicationEvent[], noticesSoFar: NoticeEvent[]): ApplicationRecord {
  const state = application(...history);
  return {
    id: ID,
    version: history.length - 1,
    position: history.length + noticesSoFar.length,
    state,
    statusLog: [
      { status: 'active', at: mon('09:00') },
      ...(history.length > 5 ? [{ status: 'rejected' as const, at: tue('09:00') }] : []),
      ...(history.length > 6 ? [{ status: 'active' as const, at: tue('10:00') }] : []),
    ],
    notices: noticesSoFar.reduce(noticesDecider.evolve, noticesDecider.initialState),
    noticesVersion: noticesSoFar.length - 1,
  };
}

describe('writing an application to the read model', () => {
  let f: ReadModelFixture;
  beforeAll(async () => {
    f = await openReadModelFixture();
  });
  afterAll(() => f.close());
  beforeEach(() =>
    f.sql.query(
      `truncate read_model.application_states, read_model.applications, read_model.stage_intervals,
                read_model.status_intervals, read_model.board_intervals, read_model.obligations,
                read_model.scheduling_waits`,
    ),
  );

  async function write(record: ApplicationRecord, rows: DerivedRows, mode: WriteMode): Promise<void> {
    const session = await openSession(f.dataSource);
    try {
      await inTransaction(session, async () => {
        await useSchema(session, READ_MODEL_SCHEMA);
        await writeApplications(session, applicationWrite([record], rows, mode));
      });
    } finally {
      await session.release();
    }
  }

  /** Every table as the row objects it was written from. */
  async function readBack(): Promise<{ record: ApplicationRecord; rows: DerivedRows }> {
    const instant = (column: string) => `${instantText(column)} as ${column}`;
    const [state] = await f.sql.query<Record<string, unknown>>(
      `select application_id as id, version, position::float8 as position, state, status_log as "statusLog",
              notices, notices_version as "noticesVersion"
         from read_model.application_states`,
    );
    const rows = {
      application: await f.sql.query(
        `select id, job_id, status, stage, ${instant('stage_entered_at')}, ${instant('submitted_at')},
                interviewer_ids, version, position::float8 as position
           from read_model.applications`,
      ),
      stages: await f.sql.query(
        `select application_id, visit, job_id, stage, ${instant('entered_at')}, ${instant('left_at')}
           from read_model.stage_intervals order by visit`,
      ),
      statuses: await f.sql.query(
        `select application_id, seq, job_id, status, ${instant('from_at')}, ${instant('until_at')}
           from read_model.status_intervals order by seq`,
      ),
      board: await f.sql.query(
        `select application_id, visit, period, job_id, stage, ${instant('entered_at')}, ${instant('from_at')},
                ${instant('until_at')}
           from read_model.board_intervals order by visit, period`,
      ),
      obligations: await f.sql.query(
        `select application_id, obligation_id, job_id, kind, stage, interview_id, interviewer_id,
                ${instant('started_at')}, ${instant('due_at')}, ${instant('satisfied_at')}, ${instant('cancelled_at')},
                policy_version, target_hours, reminders, ${instant('escalated_at')}, escalation_recipients,
                ${instant('next_notice_at')}
           from read_model.obligations order by started_at, obligation_id`,
      ),
      waits: await f.sql.query(
        `select application_id, obligation_id, job_id, stage, ${instant('started_at')}, ${instant('satisfied_at')},
                ${instant('cancelled_at')}
           from read_model.scheduling_waits order by obligation_id`,
      ),
    };
    return { record: state as unknown as ApplicationRecord, rows: rows as unknown as DerivedRows };
  }

  it.each<WriteMode>(['insert', 'upsert'])('reads back every row as derived, written by %s', async (mode) => {
    const record = recordOf(events(), notices);
    const rows = deriveRows(record, TIMELINE);
    // The lists, nulls and JSON this test is about are really there.
    expect(rows.application[0].interviewer_ids).toEqual([ALICE, BOB]);
    expect(rows.obligations.some((o) => o.escalation_recipients.length === 2 && o.reminders.length === 1)).toBe(true);
    expect(rows.statuses.some((s) => s.until_at === null)).toBe(true);

    await write(record, rows, mode);

    expect(await readBack()).toEqual({ record, rows });
  });

  it('replaces what changed when the same application is written again, and never winds it back', async () => {
    const earlier = recordOf(events().slice(0, 4), []);
    const later = recordOf(events(), notices);
    await write(earlier, deriveRows(earlier, TIMELINE), 'insert');
    await write(later, deriveRows(later, TIMELINE), 'upsert');
    // A replayed batch brings the earlier record again: the state stays where it was.
    await write(earlier, deriveRows(earlier, TIMELINE), 'upsert');

    const { record, rows } = await readBack();
    expect(record).toEqual(later);
    expect(rows.application).toEqual(deriveRows(later, TIMELINE).application);
  });
});
