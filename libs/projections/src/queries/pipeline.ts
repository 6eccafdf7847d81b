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

/** The cards active at $1 (of job $2, if given), at most $3 per stage, with each stage's full count. */
export const BOARD_CARDS_SQL = `
  with board as (
    select stage, application_id, entered_at,
           count(*) over (partition by stage) as stage_count,
           row_number() over (partition by stage order by entered_at, application_id) as place
      from read_model.board_intervals
     where on_board @> $1::timestamptz and ($2::uuid is null or job_id = $2)
  )
  select b.stage, b.application_id, ${instantText('b.entered_at')} as entered_at, b.stage_count,
         ${candidateName('b.application_id')} as candidate_name
    from board b
   where b.place <= $3
   order by b.stage, b.place`;

/**
 * How many applications (of job $2, if given) were rejected, withdrawn or hired at $1: their status
 * intervals containing $1, as `during @> $1` would find them (a range clamped empty has
 * until_at < from_at), spelled out as a range of status_intervals_ended.
 */
export const ENDED_TOTALS_SQL = `
  select status, count(*) as applications
    from read_model.status_intervals
   where status <> 'active' and from_at <= $1 and (until_at is null or until_at > $1)
     and ($2::uuid is null or job_id = $2)
   group by status`;

/**
 * The board as it stood at `asOf`: the applications active at that instant, in the stage they were
 * in then (entered when they entered it), and how many applications had each status. Rejected,
 * withdrawn and hired applications are in the totals, not on the board. A future `asOf` shows
 * today's board: nothing moves unless somebody acts.
 *
 * An application active at `asOf` is on the board in exactly one stage, so the active total is the
 * sum of the stages' counts. The others are counted from the status intervals that are not active:
 * nearly every application ends in one, so this is the count that grows with the history, and it
 * reads an index that holds nothing else. Both statements run at once.
 */
export async function pipelineAt(sql: Sql, params: PipelineParams): Promise<Pipeline> {
  const perStage = Math.min(Math.max(params.perStage ?? PIPELINE_CARDS.default, 1), PIPELINE_CARDS.max);
  const jobId = params.jobId ?? null;
  const [cards, ended] = await Promise.all([
    sql.query<CardRow>(BOARD_CARDS_SQL, [params.asOf, jobId, perStage]),
    sql.query<{ status: ApplicationStatus; applications: string }>(ENDED_TOTALS_SQL, [params.asOf, jobId]),
  ]);
  const stages = STAGES.map((stage) => {
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
  });
  const total = (status: ApplicationStatus) => count(ended.find((t) => t.status === status)?.applications);
  return {
    asOf: iso(params.asOf),
    stages,
    totals: {
      active: stages.reduce((sum, stage) => sum + stage.count, 0),
      hired: total('hired'),
      rejected: total('rejected'),
      withdrawn: total('withdrawn'),
    },
  };
}
