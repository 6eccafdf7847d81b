import { type InterviewKind, STAGES, type Stage, stageIndex } from '@app/hiring';
import { randomUUID } from 'node:crypto';
import type { HiringWriter } from './hiring-writer';

/** The specs' week: Monday 23 November 2026 (UTC), as in the domain's fixtures. */
const day = (date: string) => (time: string) => `2026-11-${date}T${time}:00.000Z`;
export const mon = day('23');
export const tue = day('24');
export const wed = day('25');
export const thu = day('26');
export const fri = day('27');
export const at = (instant: string) => new Date(instant);

export const ALICE = 'interviewer-alice';
export const BOB = 'interviewer-bob';

/** Steps an application stage by stage from where it is to `stage`, all at `now`. */
export async function advance(
  writer: HiringWriter,
  applicationId: string,
  from: Stage,
  to: Stage,
  now: string,
): Promise<void> {
  for (const toStage of STAGES.slice(stageIndex(from) + 1, stageIndex(to) + 1)) {
    await writer.application(applicationId, { type: 'MoveApplication', data: { toStage }, now });
  }
}

export async function schedule(
  writer: HiringWriter,
  applicationId: string,
  kind: InterviewKind,
  interviewerIds: string[],
  scheduledAt: string,
  now: string,
): Promise<string> {
  const interviewId = randomUUID();
  await writer.application(applicationId, {
    type: 'ScheduleInterview',
    data: { interviewId, kind, interviewerIds, scheduledAt, durationMinutes: 60 },
    now,
  });
  return interviewId;
}

export const hold = (writer: HiringWriter, applicationId: string, interviewId: string, heldAt: string, now = heldAt) =>
  writer.application(applicationId, { type: 'MarkInterviewHeld', data: { interviewId, heldAt }, now });

export const submitScorecard = (
  writer: HiringWriter,
  applicationId: string,
  interviewId: string,
  interviewer: string,
  now: string,
) =>
  writer.application(applicationId, {
    type: 'SubmitScorecard',
    data: { interviewId, rating: 3, recommendation: 'yes', notes: null },
    actor: interviewer,
    now,
  });

/**
 * SPEC §3's worked example up to the interview: submitted Monday 09:00, stepped to technical at
 * 09:30, one system design interview with Alice and Bob, held Monday 10:00.
 */
export async function heldTechnicalInterview(writer: HiringWriter, jobId: string, name = 'Grace Hopper') {
  const { id } = await writer.submit(jobId, mon('09:00'), name);
  await advance(writer, id, 'applied', 'technical', mon('09:30'));
  const interviewId = await schedule(writer, id, 'system_design', [ALICE, BOB], mon('10:00'), mon('09:45'));
  await hold(writer, id, interviewId, mon('10:00'), mon('11:00'));
  return { id, interviewId };
}
