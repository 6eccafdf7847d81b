import { type ApplicationStatus, STAGES, type Stage } from '@app/hiring';
import type { Sql } from '../database/sql';
import { candidateName, count, instantText, iso } from './read-values';

export const PIPELINE_CARDS = { default: 100, max: 1000 } as const;

export interface PipelineParams {
  asOf: Date;
  jobId?: string;
  /** Cards listed per stage, longest waiting first; `count` is always the full number. */
  perStage?: number;
}

export interface PipelineCard {
  id: string;
  candidateName: string | null;
  enteredAt: string;
}

export interface Pipeline {
  asOf: string;
  stages: { stage: Stage; count: number; applications: PipelineCard[] }[];
  totals: Record<ApplicationStatus, number>;
}

interface CardRow {
  stage: Stage;
  application_id: string;
  entered_at: string;
  candidate_name: string | null;
  stage_count: string;
}

/**
 * The board as it stood at `asOf`: the applications active at that instant, in the stage they were
 * in then (entered when they entered it), and how many applications had each status. Rejected,
 * withdrawn and hired applications are in the totals, not on the board. A future `asOf` shows
 * today's board: nothing moves unless somebody acts.
 */
export async function pipelineAt(sql: Sql, params: PipelineParams): Promise<Pipeline> {
  const perStage = Math.min(Math.max(params.perStage ?? PIPELINE_CARDS.default, 1), PIPELINE_CARDS.max);
  const jobId = params.jobId ?? null;
  const cards = await sql.query<CardRow>(
    `with board as (
       select stage, application_id, entered_at,
              count(*) over (partition by stage) as stage_count,
              row_number() over (partition by stage order by entered_at, application_id) as place
         from read_model.board_intervals
        where on_board @> $1::timestamptz and ($2::uuid is null or job_id = $2)
     )
     select b.stage, b.application_id, ${instantText('b.entered_at')} as entered_at, b.stage_count, ${candidateName('b.application_id')} as candidate_name
       from board b
      where b.place <= $3
      order by b.stage, b.place`,
    [params.asOf, jobId, perStage],
  );
  const totals = await sql.query<{ status: ApplicationStatus; applications: string }>(
    `select status, count(*) as applications
       from read_model.status_intervals
      where during @> $1::timestamptz and ($2::uuid is null or job_id = $2)
      group by status`,
    [params.asOf, jobId],
  );
  const total = (status: ApplicationStatus) => count(totals.find((t) => t.status === status)?.applications);
  return {
    asOf: iso(params.asOf),
    stages: STAGES.map((stage) => {
      const here = cards.filter((card) => card.stage === stage);
      return {
        stage,
        count: count(here[0]?.stage_count),
        applications: here.map((card) => ({
          id: card.application_id,
          candidateName: card.candidate_name,
          enteredAt: card.entered_at,
        })),
      };
    }),
    totals: {
      active: total('active'),
      hired: total('hired'),
      rejected: total('rejected'),
      withdrawn: total('withdrawn'),
    },
  };
}
