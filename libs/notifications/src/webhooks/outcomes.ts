import type { Pool } from 'pg';
import { nextAttemptAt } from './retry-schedule';
import type { AttemptOutcome } from './sender';

/** An endpoint with nothing but failures for this long is disabled (SPEC §6). */
export const DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;

/** What recording an attempt needs to know of its delivery. */
export interface AttemptedDelivery {
  id: string;
  leaseToken: string;
  /** Attempts so far, this one included. */
  attempts: number;
}

interface Row {
  id: string;
  leaseToken: string;
  status: 'delivered' | 'pending' | 'failed';
  statusCode: number | null;
  error: string | null;
  next: Date | null;
  delivered: boolean;
}

interface Waiting {
  row: Row;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 500;

/**
 * Records attempts' outcomes, under each claim's lease token (a dispatcher that lost the lease
 * records nothing). One statement writes them: the first outcome at once, and those that come in
 * while it runs together in the next, so that under load a commit serves many attempts instead of
 * one each. The endpoint's row is written only when its failure record changes, so attempts to one
 * endpoint do not queue behind its row lock.
 */
export class OutcomeRecorder {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly pool: Pool,
    private readonly options: { now: () => Date; retrySchedule: readonly number[] },
  ) {}

  /** Resolves once the outcome is committed. */
  record(delivery: AttemptedDelivery, outcome: AttemptOutcome): Promise<void> {
    const now = this.options.now();
    const delivered = outcome.kind === 'answered' && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const statusCode = outcome.kind === 'answered' ? outcome.statusCode : null;
    const error = outcome.kind === 'failed' ? outcome.error : delivered ? null : `answered ${statusCode}`;
    const next = delivered ? null : nextAttemptAt(this.options.retrySchedule, delivery.attempts, now);
    const status = delivered ? 'delivered' : next === null ? 'failed' : 'pending';
    const row: Row = { id: delivery.id, leaseToken: delivery.leaseToken, status, statusCode, error, next, delivered };
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        try {
          await this.write(batch.map((waiting) => waiting.row));
          for (const waiting of batch) waiting.resolve();
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(rows: Row[]): Promise<void> {
    const now = this.options.now();
    const column = <K extends keyof Row>(key: K) => rows.map((row) => row[key]);
    // An endpoint with any success in the batch is not "nothing but failures".
    await this.pool.query(
      `with outcome as (
         select *
           from unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::timestamptz[], $7::boolean[])
             as o(id, lease_token, status, status_code, error, next_attempt_at, delivered)
       ), recorded as (
         update webhook_deliveries d
            set status = o.status, last_status_code = o.status_code, last_error = o.error,
                next_attempt_at = o.next_attempt_at, leased_until = null, lease_token = null
           from outcome o
          where d.id = o.id and d.lease_token = o.lease_token
         returning d.endpoint_id, o.delivered
       ), by_endpoint as (
         select endpoint_id, bool_or(delivered) as delivered from recorded group by endpoint_id
       )
       update webhook_endpoints e
          set failing_since = case when b.delivered then null else coalesce(e.failing_since, $8) end,
              status = case when not b.delivered and coalesce(e.failing_since, $8) <= $9
                            then 'disabled' else e.status end,
              disabled_reason = case when not b.delivered and coalesce(e.failing_since, $8) <= $9 and e.status = 'active'
                                     then 'nothing but failures for 5 days' else e.disabled_reason end
         from by_endpoint b
        where e.id = b.endpoint_id
          and case when b.delivered then e.failing_since is not null
                   else e.failing_since is null or (e.failing_since <= $9 and e.status = 'active') end`,
      [
        column('id'),
        column('leaseToken'),
        column('status'),
        column('statusCode'),
        column('error'),
        column('next'),
        column('delivered'),
        now,
        new Date(now.getTime() - DISABLE_AFTER_MS),
      ],
    );
  }
}
