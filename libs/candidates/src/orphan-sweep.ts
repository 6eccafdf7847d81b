/**
 * A submit saves the candidate's personal data first and appends the application after, so that
 * the event never refers to data that is not there. A submit that dies in between leaves a row
 * that no application refers to: personal data kept for no purpose. The sweep removes such rows.
 *
 * A row is judged only once it is older than the lease, longer than any submit takes from saving
 * to appending; a retried submit saves its row afresh (CandidateStore.save), renewing the lease.
 * The delete checks the age again in the same statement, so a row renewed while the sweep looked
 * at the log stays. A row whose application exists is marked confirmed and never looked at again.
 */
export type Query = <Row>(sql: string, parameters: unknown[]) => Promise<Row[]>;

export interface OrphanSweepOptions {
  leaseMs: number;
  batchSize?: number;
}

export interface SweepReport {
  removed: number;
  confirmed: number;
}

export const DEFAULT_CANDIDATE_LEASE_MS = 10 * 60_000;

export async function sweepOrphanedCandidates(
  query: Query,
  applicationExists: (applicationId: string) => Promise<boolean>,
  now: Date,
  options: OrphanSweepOptions,
): Promise<SweepReport> {
  const batchSize = options.batchSize ?? 200;
  const cutoff = new Date(now.getTime() - options.leaseMs);
  const report: SweepReport = { removed: 0, confirmed: 0 };
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows: { application_id: string; created_at: Date }[] = await query(
      `select application_id, created_at from candidates
        where not confirmed and created_at < $1
          and ($2::timestamptz is null or (created_at, application_id) > ($2::timestamptz, $3::uuid))
        order by created_at, application_id
        limit $4`,
      [cutoff, after?.createdAt ?? null, after?.id ?? null, batchSize],
    );
    if (rows.length === 0) return report;
    const ids = rows.map((row) => row.application_id);
    const exists = await Promise.all(ids.map(applicationExists));
    const seen = ids.filter((_, n) => exists[n]);
    const orphans = ids.filter((_, n) => !exists[n]);
    if (seen.length > 0) {
      await query('update candidates set confirmed = true where application_id = any($1::uuid[])', [seen]);
      report.confirmed += seen.length;
    }
    if (orphans.length > 0) {
      // Counted in a select: drivers differ in what a bare DELETE ... RETURNING answers.
      const [{ removed }] = await query<{ removed: number }>(
        `with gone as (
           delete from candidates
            where application_id = any($1::uuid[]) and not confirmed and created_at < $2
           returning 1)
         select count(*)::int as removed from gone`,
        [orphans, cutoff],
      );
      report.removed += removed;
    }
    const last = rows[rows.length - 1];
    after = { createdAt: last.created_at, id: last.application_id };
    if (rows.length < batchSize) return report;
  }
}
