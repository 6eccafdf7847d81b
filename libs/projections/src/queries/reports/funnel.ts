import { APPLICATION_STATUSES, type ApplicationStatus, STAGES, type Stage } from '@app/hiring';
import type { Sql } from '../../database/sql';

export interface FunnelParams {
  from: Date;
  to: Date;
  jobId?: string;
}

export interface Funnel {
  from: string;
  to: string;
  stages: { stage: Stage; reached: number; conversion: number | null }[];
  outcomes: Record<ApplicationStatus, number>;
  rejections: { stage: Stage; reasonCode: string; count: number }[];
}

/**
 * SPEC §8, for applications submitted in [from, to): an application reached a stage if it was ever
 * in it or in any later one (a skip forward counts the stages skipped); `conversion` is `reached`
 * over the previous stage's `reached`. Rejection reasons come from each rejected application's
 * folded state, in the stage it was rejected from.
 */
export async function funnel(sql: Sql, params: FunnelParams): Promise<Funnel> {
  const window = [params.from, params.to, params.jobId ?? null];
  const submitted = `select id, status, stage from read_model.applications
                      where submitted_at >= $1 and submitted_at < $2 and ($3::uuid is null or job_id = $3)`;
  const [furthest, outcomes, rejections] = await Promise.all([
    sql.query<{ furthest: number; applications: string }>(
      `with submitted as (${submitted})
       select furthest, count(*) as applications
         from (select s.id, max(array_position($4::text[], v.stage)) as furthest
                 from submitted s join read_model.stage_intervals v on v.application_id = s.id
                group by s.id) reached
        group by furthest`,
      [...window, STAGES],
    ),
    sql.query<{ status: ApplicationStatus; applications: string }>(
      `with submitted as (${submitted}) select status, count(*) as applications from submitted group by status`,
      window,
    ),
    sql.query<{ stage: Stage; reason_code: string; applications: string }>(
      `with submitted as (${submitted})
       select s.stage, st.state -> 'rejection' ->> 'reasonCode' as reason_code, count(*) as applications
         from submitted s join read_model.application_states st on st.application_id = s.id
        where s.status = 'rejected'
        group by 1, 2
        order by 3 desc, 1, 2`,
      window,
    ),
  ]);
  // array_position is 1-based: the application reached every stage up to its furthest.
  const reached = STAGES.map((_, index) =>
    furthest.filter((row) => row.furthest >= index + 1).reduce((sum, row) => sum + Number(row.applications), 0),
  );
  return {
    from: params.from.toISOString(),
    to: params.to.toISOString(),
    stages: STAGES.map((stage, index) => ({
      stage,
      reached: reached[index],
      conversion:
        index === 0 || reached[index - 1] === 0
          ? null
          : Math.round((reached[index] / reached[index - 1]) * 1000) / 1000,
    })),
    outcomes: Object.fromEntries(
      APPLICATION_STATUSES.map((status) => [
        status,
        Number(outcomes.find((row) => row.status === status)?.applications ?? 0),
      ]),
    ) as Record<ApplicationStatus, number>,
    rejections: rejections.map((row) => ({
      stage: row.stage,
      reasonCode: row.reason_code,
      count: Number(row.applications),
    })),
  };
}
