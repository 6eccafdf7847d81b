import type { ObligationKind, Stage } from '@app/hiring';
import type { Sql } from '../../database/sql';

export interface OpenObligationCount {
  kind: ObligationKind;
  stage: Stage;
  open: number;
  atRisk: number;
  breached: number;
}

/**
 * For the `sla_obligations` gauges: obligations open now, by kind and stage, and of those the ones
 * due within `atRiskHours` and the ones past due. Reads only the partial index of open obligations.
 */
export function openObligationCounts(sql: Sql, now: Date, atRiskHours: number): Promise<OpenObligationCount[]> {
  return sql
    .query<{ kind: ObligationKind; stage: Stage; open: string; at_risk: string; breached: string }>(
      `select kind, stage,
              count(*) as open,
              count(*) filter (where due_at >= $1 and due_at <= $1 + make_interval(hours => $2)) as at_risk,
              count(*) filter (where due_at < $1) as breached
         from read_model.obligations
        where satisfied_at is null and cancelled_at is null and started_at <= $1
        group by kind, stage`,
      [now, atRiskHours],
    )
    .then((rows) =>
      rows.map((row) => ({
        kind: row.kind,
        stage: row.stage,
        open: Number(row.open),
        atRisk: Number(row.at_risk),
        breached: Number(row.breached),
      })),
    );
}
