import type { Sql } from '../database/sql';

/** How far the read model has applied the SLA policy versions. */
export interface PolicyProgress {
  /** The versions the projection has reached. */
  recorded: number[];
  /** Versions whose re-judging of obligations already started is not finished. */
  rejudging: number[];
}

export async function slaPolicyProgress(sql: Sql): Promise<PolicyProgress> {
  const [row] = await sql.query<{ recorded: number[]; rejudging: number[] }>(
    `select array(select version from read_model.sla_policy_versions order by version) as recorded,
            array(select version from read_model.sla_rejudging order by version) as rejudging`,
  );
  return { recorded: row.recorded, rejudging: row.rejudging };
}

/**
 * Whether the dashboards judge by `version` yet: the projection has reached it and no re-judging is
 * pending that it or a later version queued (a later version's work may have replaced its own).
 */
export const appliedInReadModel = (progress: PolicyProgress, version: number): boolean =>
  progress.recorded.includes(version) && !progress.rejudging.some((pending) => pending >= version);
