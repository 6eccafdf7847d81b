import type { EventStore } from '@app/event-store';
import type { LookupFunction } from 'node:net';
import type { Pool } from 'pg';
import { type LeaderLogger, type LeaderRole, Leadership } from '../leadership';
import { WebhookDeliveries } from './deliveries';
import { type CandidateNames, Dispatcher } from './dispatcher';
import { WebhookEndpoints } from './endpoints';
import { FanOut } from './fan-out';
import { WEBHOOK_LEADER_LOCK } from './locks';
import type { SlaMetSource } from './payloads';
import { DEFAULT_RETRY_SCHEDULE } from './retry-schedule';

/** Nest's Logger fits. */
export type WebhookLogger = LeaderLogger;

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

export type WebhookRole = LeaderRole;

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
  private readonly leadership: Leadership;

  constructor(pool: Pool, store: EventStore, options: WebhookServiceOptions) {
    const now = options.now ?? (() => new Date());
    const target = { allowPrivate: options.allowPrivate ?? false, lookup: options.lookup };
    const wake = () => this.dispatcher.wake();
    this.logger = options.logger ?? silent;
    this.leadership = new Leadership(pool, WEBHOOK_LEADER_LOCK, 'webhooks', (signal) => this.lead(signal), {
      standbyRetryMs: options.standbyRetryMs,
      logger: this.logger,
    });
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
    return this.leadership.role;
  }

  /** Starts in the background: standby until it leads, then fan-out and dispatch. */
  start(): void {
    this.leadership.start();
  }

  /** Lets attempts in flight finish, gives up the lead, and closes the HTTP agent. */
  async stop(): Promise<void> {
    await this.leadership.stop();
    await this.dispatcher.close().catch(() => undefined);
  }

  /** Both loops, until the lead ends; one failing stops the other, and attempts in flight finish. */
  private async lead(signal: AbortSignal): Promise<void> {
    const inner = new AbortController();
    const stopInner = () => inner.abort();
    signal.addEventListener('abort', stopInner, { once: true });
    const guarded = (work: Promise<void>) =>
      work.catch((error: unknown) => {
        inner.abort();
        throw error;
      });
    try {
      await Promise.all([guarded(this.fanOut.follow(inner.signal)), guarded(this.dispatcher.run(inner.signal))]);
    } finally {
      signal.removeEventListener('abort', stopInner);
    }
  }
}
