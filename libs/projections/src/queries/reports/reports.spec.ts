import { WHOLE_WEEKDAYS, type WorkCalendar } from '@app/hiring';
import { type ReadModelFixture, openReadModelFixture } from '../../testing/read-model-fixture';
import { advance, at, fri, mon, thu, tue, wed } from '../../testing/scenarios';
import { funnel } from './funnel';
import { durationStatistics } from './statistics';
import { timeInStage } from './time-in-stage';

const CALENDAR: WorkCalendar = { type: 'calendar' };
const BUSINESS: WorkCalendar = {
  type: 'business',
  timeZone: 'UTC',
  workingHours: { ...WHOLE_WEEKDAYS, mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] },
  holidays: [],
};

describe('duration statistics', () => {
  it('interpolates percentiles between ranks, as percentile_cont does', () =>
    expect(durationStatistics([1, 2, 3, 4])).toEqual({ medianHours: 2.5, p90Hours: 3.7, meanHours: 2.5 }));

  it('answers nulls when nothing was measured', () =>
    expect(durationStatistics([])).toEqual({ medianHours: null, p90Hours: null, meanHours: null }));
});

describe('reports over the read model', () => {
  let f: ReadModelFixture;
  let jobId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    f = await openReadModelFixture();
    jobId = await f.writer.openJob(mon('08:00'));
    // Ada: applied Mon 09:00, screened from Mon 12:00, manager interviews from Tue 12:00, then rejected Wed 12:00.
    ids.ada = (await f.writer.submit(jobId, mon('09:00'), 'Ada')).id;
    await advance(f.writer, ids.ada, 'applied', 'recruiter_screen', mon('12:00'));
    await advance(f.writer, ids.ada, 'recruiter_screen', 'manager_interviews', tue('12:00'));
    await f.writer.application(ids.ada, {
      type: 'RejectApplication',
      data: { reasonCode: 'skills_gap', note: 'private words' },
      now: wed('12:00'),
    });
    // Ben: applied Mon 10:00, skipped ahead to technical Mon 11:00, still there.
    ids.ben = (await f.writer.submit(jobId, mon('10:00'), 'Ben')).id;
    await f.writer.application(ids.ben, {
      type: 'MoveApplication',
      data: { toStage: 'technical', reason: 'referral' },
      now: mon('11:00'),
    });
    // Cy: applied Tue 09:00, withdrew Tue 15:00 from applied.
    ids.cy = (await f.writer.submit(jobId, tue('09:00'), 'Cy')).id;
    await f.writer.application(ids.cy, { type: 'WithdrawApplication', data: { reason: null }, now: tue('15:00') });
    await f.catchUp();
  });
  afterAll(() => f.close());

  const row = async (stage: string, calendar: WorkCalendar = CALENDAR, to = fri('00:00')) =>
    (await timeInStage(f.sql, { from: at(mon('00:00')), to: at(to), jobId, calendar })).stages.find(
      (s) => s.stage === stage,
    );

  it('measures each visit from entering a stage to leaving it', async () =>
    // Ada 3 h, Ben 1 h, Cy 6 h (a withdrawal ends the visit too).
    expect(await row('applied')).toEqual({
      stage: 'applied',
      visits: 3,
      medianHours: 3,
      p90Hours: 5.4,
      meanHours: 3.33,
      stillIn: 0,
    }));

  it('ends a visit when the application stops being active, and counts visits still open at the end', async () => {
    expect(await row('manager_interviews')).toMatchObject({ visits: 1, medianHours: 24, stillIn: 0 });
    expect(await row('technical')).toMatchObject({ visits: 0, medianHours: null, stillIn: 1 });
  });

  it('counts only visits that ended within the window', async () =>
    expect(await row('recruiter_screen', CALENDAR, tue('12:00'))).toMatchObject({ visits: 0, stillIn: 0 }));

  it('measures on the business clock with the working hours of the calendar', async () =>
    // Ada's screen ran Mon 12:00 – Tue 12:00: Mon 12–17 and Tue 09–12 are worked.
    expect(await row('recruiter_screen', BUSINESS)).toMatchObject({ visits: 1, medianHours: 8 }));

  it('counts a stage as reached when it or any later one was reached', async () => {
    const report = await funnel(f.sql, { from: at(mon('00:00')), to: at(thu('00:00')), jobId });
    expect(report.stages.map((s) => [s.stage, s.reached, s.conversion])).toEqual([
      ['applied', 3, null],
      ['recruiter_screen', 2, 0.667],
      ['manager_interviews', 2, 1],
      ['technical', 1, 0.5],
      ['cto', 0, 0],
      ['references', 0, null],
      ['offer', 0, null],
    ]);
    expect(report.outcomes).toEqual({ active: 1, hired: 0, rejected: 1, withdrawn: 1 });
    expect(report.rejections).toEqual([{ stage: 'manager_interviews', reasonCode: 'skills_gap', count: 1 }]);
  });

  it('takes only applications submitted within the window', async () => {
    const report = await funnel(f.sql, { from: at(tue('00:00')), to: at(thu('00:00')), jobId });
    expect(report.stages[0].reached).toBe(1);
    expect(report.outcomes).toEqual({ active: 0, hired: 0, rejected: 0, withdrawn: 1 });
  });
});
