import type { EventStore } from '@app/event-store';
import type { LookupFunction } from 'node:net';
import type { Pool, PoolClient } from 'pg';
import { WebhookDeliveries } from './deliveries';
import { type CandidateNames, Dispatcher } from './dispatcher';
import { WebhookEndpoints } from './endpoints';
import { FanOut } from './fan-out';
import { WEBHOOK_LEADER_LOCK } from './locks';
import type { SlaMetSource } from './payloads';
import { DEFAULT_RETRY_SCHEDULE } from './retry-schedule';

/** Nest's Logger fits. */
export interface WebhookLogger {
  log(message: string): void;
  error(message: string): void;
}

export interface WebhookServiceOptions {
  /** Reads candidates' names at each attempt (null once erased). */
  candidateNames: CandidateNames;
  /** Which obligations an event met, for `sla.met`; without it no `sla.met` is sent. */
  slaMet?: SlaMetSource;
  now?: () => Date;
  /** WEBHOOK_ALLOW_PRIVATE. */
  allowPrivate?: boolean;
  /** WEBHOOK_RETRY_SCHEDULE, in seconds (see parseRetrySchedule). */
  retrySchedule?: readonly number[];
  /** Per attempt, default 10 s (SPEC §6). */
  timeoutMs?: number;
  /** Name resolution, for tests; `dns.lookup` by default. */
  lookup?: LookupFunction;
  concurrency?: number;
  perEndpoint?: number;
  pollMs?: number;
  standbyRetryMs?: number;
  batchSize?: number;
  logger?: WebhookLogger;
}

export type WebhookRole = 'stopped' | 'standby' | 'leader';

const silent: WebhookLogger = { log: () => undefined, error: () => undefined };

/**
 * Webhooks as one object: the management calls for the controllers (any process), and, once
 * started, the fan-out and the dispatcher, run by one process at a time (a PostgreSQL session
 * advisory lock) while the others stand by. Uses one pool connection for the lock while leading.
 */
export class WebhookService {
  readonly endpoints: WebhookEndpoints;
  readonly deliveries: WebhookDeliveries;
  readonly fanOut: FanOut;
  readonly dispatcher: Dispatcher;
  private readonly logger: WebhookLogger;
  private readonly standbyRetryMs: number;
  private abort?: AbortController;
  private loop?: Promise<void>;
  private currentRole: WebhookRole = 'stopped';

  constructor(
    private readonly pool: Pool,
    store: EventStore,
    options: WebhookServiceOptions,
  ) {
    const now = options.now ?? (() => new Date());
    const target = { allowPrivate: options.allowPrivate ?? false, lookup: options.lookup };
    const wake = () => this.dispatcher.wake();
    this.logger = options.logger ?? silent;
    this.standbyRetryMs = options.standbyRetryMs ?? 2_000;
    this.endpoints = new WebhookEndpoints(pool, store, { now, target, onDeliveries: wake });
    this.deliveries = new WebhookDeliveries(pool, { now, onDeliveries: wake });
    this.fanOut = new FanOut(pool, store, {
      now,
      slaMet: options.slaMet,
      batchSize: options.batchSize ?? 500,
      onDeliveries: wake,
    });
    this.dispatcher = new Dispatcher(pool, {
      now,
      target,
      retrySchedule: options.retrySchedule ?? DEFAULT_RETRY_SCHEDULE,
      timeoutMs: options.timeoutMs ?? 10_000,
      candidateNames: options.candidateNames,
      concurrency: options.concurrency ?? 16,
      perEndpoint: options.perEndpoint ?? 4,
      pollMs: options.pollMs ?? 1_000,
      onError: (message) => this.logger.error(message),
    });
  }

  get role(): WebhookRole {
    return this.currentRole;
  }

  /** Starts in the background: standby until it leads, then fan-out and dispatch. */
  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    this.loop = this.run(this.abort.signal);
  }

  /** Lets attempts in flight finish, gives up the lead, and closes the HTTP agent. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = undefined;
    await this.dispatcher.close().catch(() => undefined);
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      let client: PoolClient | undefined;
      let leading = false;
      try {
        client = await this.pool.connect();
        const { rows } = await client.query<{ locked: boolean }>(
          'select pg_try_advisory_lock($1, $2) as locked',
          WEBHOOK_LEADER_LOCK,
        );
        leading = rows[0].locked;
        if (!leading) {
          if (this.currentRole !== 'standby') this.logger.log('webhooks: another process delivers; standing by');
          this.currentRole = 'standby';
        } else {
          this.currentRole = 'leader';
          this.logger.log('webhooks: delivering');
          await this.lead(client, signal);
          failures = 0;
        }
      } catch (error) {
        failures += 1;
        this.logger.error(`webhooks: ${error instanceof Error ? error.message : String(error)}; retrying`);
      } finally {
        if (client) await this.release(client, leading);
      }
      if (!signal.aborted && !leading) await sleep(this.standbyRetryMs, signal);
      else if (!signal.aborted) await sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)), signal);
    }
    this.currentRole = 'stopped';
  }

  /** Runs both loops until stopped, or until one fails or the lock's connection is lost. */
  private async lead(client: PoolClient, signal: AbortSignal): Promise<void> {
    const inner = new AbortController();
    const stopInner = () => inner.abort();
    signal.addEventListener('abort', stopInner, { once: true });
    let onLost: (error: Error) => void = () => undefined;
    const lost = new Promise<never>((_, reject) => {
      onLost = (error) => {
        inner.abort();
        reject(error);
      };
    });
    lost.catch(() => undefined);
    client.on('error', onLost);
    const guarded = (work: Promise<void>) =>
      work.catch((error: unknown) => {
        inner.abort();
        throw error;
      });
    const both = Promise.all([guarded(this.fanOut.follow(inner.signal)), guarded(this.dispatcher.run(inner.signal))]);
    try {
      await Promise.race([both, lost]);
    } finally {
      signal.removeEventListener('abort', stopInner);
      client.off('error', onLost);
      inner.abort();
      // Attempts in flight finish (and are recorded) before the lead is given up.
      await both.catch(() => undefined);
    }
  }

  private async release(client: PoolClient, leading: boolean): Promise<void> {
    let healthy = true;
    if (leading)
      await client.query('select pg_advisory_unlock($1, $2)', WEBHOOK_LEADER_LOCK).catch(() => (healthy = false));
    client.release(!healthy);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
