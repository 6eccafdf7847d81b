import { STAGES, type Stage, type WorkCalendar, workingHoursBetween } from '@app/hiring';
import type { Sql } from '../../database/sql';
import { type DurationStatistics, durationStatistics } from './statistics';

export const REPORT_CLOCKS = ['calendar', 'business'] as const;
export type ReportClock = (typeof REPORT_CLOCKS)[number];

export interface TimeInStageParams {
  from: Date;
  to: Date;
  jobId?: string;
  /** The clock to measure with: every hour, or the working hours of the SLA policy's calendar. */
  calendar: WorkCalendar;
}

export interface TimeInStageRow extends DurationStatistics {
  stage: Stage;
  visits: number;
  stillIn: number;
}

export interface TimeInStage {
  from: string;
  to: string;
  stages: TimeInStageRow[];
}

/**
 * SPEC §8: stage visits that ended in [from, to), measured from entering the stage to leaving it or
 * to the application stopping being active, whichever came first; `stillIn` counts visits open at
 * `to`. The board's intervals already are those stays (a stage visit cut to the times the
 * application was active), so a visit ended with its last period. Durations are computed here, not
 * in SQL, so that both clocks go through the one calendar module.
 */
export async function timeInStage(sql: Sql, params: TimeInStageParams): Promise<TimeInStage> {
  const jobId = params.jobId ?? null;
  const [ended, open] = await Promise.all([
    // As milliseconds since the epoch, not timestamps: turning tens of thousands of rows' texts
    // into Dates took the driver more time than the whole report took without it.
    sql.query<{ stage: Stage; entered_ms: number; until_ms: number }>(
      `select b.stage, round(date_part('epoch', b.entered_at) * 1000) as entered_ms,
              round(date_part('epoch', b.until_at) * 1000) as until_ms
         from read_model.board_intervals b
        where b.until_at >= $1 and b.until_at < $2 and ($3::uuid is null or b.job_id = $3)
          and not exists (
            select 1 from read_model.board_intervals later
             where later.application_id = b.application_id and later.visit = b.visit and later.period > b.period)`,
      [params.from, params.to, jobId],
    ),
    sql.query<{ stage: Stage; still_in: string }>(
      `select stage, count(*) as still_in
         from read_model.board_intervals
        where on_board @> $1::timestamptz and ($2::uuid is null or job_id = $2)
        group by stage`,
      [params.to, jobId],
    ),
  ]);
  const hoursByStage = new Map<Stage, number[]>(STAGES.map((stage) => [stage, []]));
  for (const row of ended) {
    hoursByStage.get(row.stage)!.push(workingHoursBetween(row.entered_ms, row.until_ms, params.calendar));
  }
  const stillIn = new Map(open.map((row) => [row.stage, Number(row.still_in)]));
  return {
    from: params.from.toISOString(),
    to: params.to.toISOString(),
    stages: STAGES.map((stage) => {
      const hours = hoursByStage.get(stage)!;
      return { stage, visits: hours.length, ...durationStatistics(hours), stillIn: stillIn.get(stage) ?? 0 };
    }),
  };
}
