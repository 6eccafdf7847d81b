import type { Pool } from 'pg';
import { OutcomeRecorder } from './outcomes';
import { type WebhookPayload, standardBody } from './payloads';
import { type AttemptOutcome, WebhookSender } from './sender';
import { sign } from './signing';
import { slackBody } from './slack';
import type { TargetPolicy } from './target-guard';
import type { WebhookFormat } from './validation';

/** The candidates' names as they are now, null once erased; the integrator reads them from its store. */
export type CandidateNames = (applicationIds: string[]) => Promise<Map<string, string | null>>;

export interface DispatcherOptions {
  now: () => Date;
  retrySchedule: readonly number[];
  timeoutMs: number;
  candidateNames: CandidateNames;
  target: TargetPolicy;
  /** Attempts in flight at once, across endpoints. */
  concurrency: number;
  /** Attempts in flight at once to one endpoint, so that one cannot take every slot. */
  perEndpoint: number;
  /** The safety net for wake-ups: retries fall due with time, and other processes write rows. */
  pollMs: number;
  onError: (message: string) => void;
}

export { DISABLE_AFTER_MS } from './outcomes';

/**
 * How long a claimed delivery is kept from other dispatchers: past it, an attempt whose outcome was
 * never recorded (a crash between sending and recording) is made again with the same webhook-id.
 */
const LEASE_MARGIN_MS = 60_000;

export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  applicationId: string | null;
  occurredAt: Date;
  payload: WebhookPayload;
  attempts: number;
  leaseToken: string;
  url: string;
  format: WebhookFormat;
  secret: string;
}

interface ClaimedRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  application_id: string | null;
  occurred_at: Date;
  payload: WebhookPayload;
  attempts: number;
  lease_token: string;
  url: string;
  format: WebhookFormat;
  secret: string;
}

/**
 * Sends due deliveries: claims them (`for update skip locked`, so dispatchers never share a row,
 * with a lease instead of a transaction held open over HTTP), POSTs them in parallel within the
 * concurrency and per-endpoint caps, and records each outcome under the claim's lease token.
 */
export class Dispatcher {
  private readonly sender: WebhookSender;
  private readonly outcomes: OutcomeRecorder;
  /** Requests under way, per endpoint: what the caps count. */
  private readonly sending = new Map<string, number>();
  private sendingCount = 0;
  /** Claimed rows not yet recorded, which a claim must not take again. */
  private readonly inFlightIds = new Set<string>();
  private wakeUp: (() => void) | null = null;
  private woken = false;

  constructor(
    private readonly pool: Pool,
    private readonly options: DispatcherOptions,
  ) {
    this.sender = new WebhookSender(options.target, options.timeoutMs);
    this.outcomes = new OutcomeRecorder(pool, options);
  }

  /** Looks for due deliveries now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Dispatches until the signal aborts, then lets the attempts in flight finish. */
  async run(signal: AbortSignal): Promise<void> {
    const running = new Set<Promise<void>>();
    try {
      while (!signal.aborted) {
        this.woken = false;
        const free = this.options.concurrency - this.sendingCount;
        const claimed = free > 0 ? await this.claim(free) : [];
        if (claimed.length > 0) {
          const attempt = this.attemptAll(claimed).finally(() => running.delete(attempt));
          running.add(attempt);
        }
        if (claimed.length === 0 || claimed.length === free) await this.waitForWake(signal);
      }
    } finally {
      await Promise.all(running);
    }
  }

  /** Attempts everything due now, and again whatever falls due meanwhile; returns how many attempts. */
  async dispatchDue(): Promise<number> {
    let attempts = 0;
    for (;;) {
      const claimed = await this.claim(this.options.concurrency);
      if (claimed.length === 0) return attempts;
      attempts += claimed.length;
      await this.attemptAll(claimed);
    }
  }

  async close(): Promise<void> {
    await this.sender.close();
  }

  /** Claims up to `limit` due deliveries of active endpoints, oldest due first, within the caps. */
  async claim(limit: number): Promise<ClaimedDelivery[]> {
    const now = this.options.now();
    const leasedUntil = new Date(now.getTime() + this.options.timeoutMs + LEASE_MARGIN_MS);
    const busy = [...this.sending.entries()];
    // One statement: its row locks (skip locked) last exactly as long as the claim's own commit.
    const { rows } = await this.pool.query<ClaimedRow>(
      `with busy as (
         select * from unnest($3::uuid[], $4::int[]) as b(endpoint_id, n)
       ), picked as (
         select due.id
           from webhook_endpoints e
           cross join lateral (
             select d.id, d.next_attempt_at
               from webhook_deliveries d
              where d.endpoint_id = e.id and d.status = 'pending' and d.next_attempt_at <= $1
                and (d.leased_until is null or d.leased_until <= $1)
                and d.id <> all($6::uuid[])
              order by d.next_attempt_at, d.id
              limit greatest(0, $2 - coalesce((select n from busy where busy.endpoint_id = e.id), 0))
              for update of d skip locked
           ) due
          where e.status = 'active'
          order by due.next_attempt_at, due.id
          limit $7
       )
       update webhook_deliveries d
          set attempts = d.attempts + 1, last_attempt_at = $1, leased_until = $5, lease_token = gen_random_uuid()
         from picked, webhook_endpoints e
        where d.id = picked.id and e.id = d.endpoint_id
       returning d.id, d.endpoint_id, d.event_id, d.application_id, d.occurred_at, d.payload, d.attempts,
                 d.lease_token, e.url, e.format, e.secret`,
      [
        now,
        this.options.perEndpoint,
        busy.map(([id]) => id),
        busy.map(([, n]) => n),
        leasedUntil,
        [...this.inFlightIds],
        limit,
      ],
    );
    return rows.map((row) => ({
      id: row.id,
      endpointId: row.endpoint_id,
      eventId: row.event_id,
      applicationId: row.application_id,
      occurredAt: row.occurred_at,
      payload: row.payload,
      attempts: row.attempts,
      leaseToken: row.lease_token,
      url: row.url,
      format: row.format,
      secret: row.secret,
    }));
  }

  /** Sends claimed deliveries in parallel and records each outcome as it comes. */
  async attemptAll(claimed: ClaimedDelivery[]): Promise<void> {
    for (const delivery of claimed) {
      this.inFlightIds.add(delivery.id);
      this.countSending(delivery, +1);
    }
    let names: Map<string, string | null>;
    try {
      names = await this.namesOf(claimed);
    } catch (error) {
      this.options.onError(`webhooks: candidate names unavailable, attempts postponed: ${String(error)}`);
      await this.release(claimed).catch(() => undefined);
      for (const delivery of claimed) {
        this.countSending(delivery, -1);
        this.inFlightIds.delete(delivery.id);
      }
      return;
    }
    await Promise.all(
      claimed.map(async (delivery) => {
        let outcome: AttemptOutcome;
        try {
          outcome = await this.send(delivery, names);
        } catch (error) {
          outcome = { kind: 'failed', error: `could not send: ${String(error)}` };
        } finally {
          // The slot frees as soon as the receiver has answered, not when the slowest attempt of the
          // claim has, nor when the outcome is recorded: the lease keeps the row ours until then.
          this.countSending(delivery, -1);
          this.wake();
        }
        try {
          await this.record(delivery, outcome);
        } catch (error) {
          this.options.onError(`webhooks: could not record delivery ${delivery.id}: ${String(error)}`);
        } finally {
          this.inFlightIds.delete(delivery.id);
        }
      }),
    );
  }

  /** One attempt, without recording it; the name is read now, so an erasure is honoured at once. */
  async send(delivery: ClaimedDelivery, names: Map<string, string | null>): Promise<AttemptOutcome> {
    const name = delivery.applicationId === null ? null : (names.get(delivery.applicationId) ?? null);
    const body = JSON.stringify(
      delivery.format === 'slack'
        ? slackBody(delivery.payload, name)
        : standardBody(delivery.payload, delivery.occurredAt.toISOString(), name),
    );
    const timestamp = Math.floor(this.options.now().getTime() / 1000);
    return this.sender.send({
      url: delivery.url,
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'hiring-pipeline-webhooks/1',
        'webhook-id': delivery.eventId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': sign(delivery.secret, delivery.eventId, timestamp, body),
      },
    });
  }

  namesOf(claimed: readonly ClaimedDelivery[]): Promise<Map<string, string | null>> {
    const ids = [...new Set(claimed.flatMap((d) => (d.applicationId === null ? [] : [d.applicationId])))];
    return ids.length === 0 ? Promise.resolve(new Map()) : this.options.candidateNames(ids);
  }

  /** Records an attempt under its lease: a dispatcher that lost the lease records nothing. */
  record(delivery: ClaimedDelivery, outcome: AttemptOutcome): Promise<void> {
    return this.outcomes.record(delivery, outcome);
  }

  /** Gives claimed deliveries back untried, as if never claimed. */
  private async release(claimed: readonly ClaimedDelivery[]): Promise<void> {
    await this.pool.query(
      `update webhook_deliveries
          set attempts = attempts - 1, leased_until = null, lease_token = null
        where id = any($1::uuid[]) and lease_token = any($2::uuid[])`,
      [claimed.map((d) => d.id), claimed.map((d) => d.leaseToken)],
    );
  }

  private countSending(delivery: ClaimedDelivery, step: 1 | -1): void {
    const count = (this.sending.get(delivery.endpointId) ?? 0) + step;
    if (count > 0) this.sending.set(delivery.endpointId, count);
    else this.sending.delete(delivery.endpointId);
    this.sendingCount += step;
  }

  private waitForWake(signal: AbortSignal): Promise<void> {
    if (this.woken || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollMs);
      signal.addEventListener('abort', done, { once: true });
      this.wakeUp = done;
    });
  }
}
