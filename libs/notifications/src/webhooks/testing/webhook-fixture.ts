import { PostgresEventStore } from '@app/event-store/postgres/postgres-event-store';
import { type TestDatabase, createTestDatabase } from '@test/support/database';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { CandidateNames } from '../dispatcher';
import { NOTIFICATION_MIGRATIONS } from '../migration';
import { WebhookService, type WebhookServiceOptions } from '../webhook-service';

/** A clock that stands still until a test moves it; it starts at the real time so signatures verify. */
export class TestClock {
  private current = Date.now();
  readonly now = (): Date => new Date(this.current);
  advance(seconds: number): void {
    this.current += seconds * 1000;
  }
}

export interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  type: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  payload: Record<string, unknown>;
}

/** A database with the event store and the webhook tables, names to look up, and a service factory. */
export interface WebhookFixture {
  url: string;
  store: PostgresEventStore;
  pool: Pool;
  clock: TestClock;
  names: Map<string, string | null>;
  candidateNames: CandidateNames;
  service(options?: Partial<WebhookServiceOptions>): WebhookService;
  /** Appends one event to a stream, whatever its revision. */
  append(streamId: string, type: string, data: Record<string, unknown>): Promise<number>;
  /** ApplicationSubmitted for a new application; returns its id. */
  submit(name?: string, jobId?: string): Promise<string>;
  deliveries(endpointId?: string): Promise<DeliveryRow[]>;
  /**
   * Fans out up to the log's head; returns the rows written. On a shared server other
   * transactions may hold the readable end of the log back a moment, so this waits for it.
   */
  fanOut(service: WebhookService): Promise<number>;
  close(): Promise<void>;
}

export async function openWebhookFixture(): Promise<WebhookFixture> {
  const database: TestDatabase = await createTestDatabase();
  const store = await PostgresEventStore.open({ connectionString: database.url, poolSize: 4 });
  const migrations = new DataSource({ type: 'postgres', url: database.url, migrations: NOTIFICATION_MIGRATIONS });
  await migrations.initialize();
  await migrations.runMigrations();
  await migrations.destroy();
  const pool = new Pool({ connectionString: database.url, max: 8 });
  pool.on('error', () => undefined);
  const clock = new TestClock();
  const names = new Map<string, string | null>();
  const candidateNames: CandidateNames = async (ids) => new Map(ids.map((id) => [id, names.get(id) ?? null]));
  const services: WebhookService[] = [];
  const append = async (streamId: string, type: string, data: Record<string, unknown>) =>
    (await store.append(streamId, [{ type, schemaVersion: 1, data }], { expectedRevision: 'any' })).lastPosition;
  return {
    url: database.url,
    store,
    pool,
    clock,
    names,
    candidateNames,
    service(options = {}) {
      const service = new WebhookService(pool, store, {
        now: clock.now,
        candidateNames,
        allowPrivate: true,
        timeoutMs: 2_000,
        pollMs: 50,
        standbyRetryMs: 50,
        ...options,
      });
      services.push(service);
      return service;
    },
    append,
    async submit(name = 'Ada Lovelace', jobId = randomUUID()) {
      const applicationId = randomUUID();
      names.set(applicationId, name);
      await append(`application-${applicationId}`, 'ApplicationSubmitted', {
        applicationId,
        jobId,
        source: null,
        submittedAt: clock.now().toISOString(),
        by: 'recruiter-1',
      });
      return applicationId;
    },
    async deliveries(endpointId) {
      const { rows } = await pool.query<DeliveryRow>(
        `select id, endpoint_id, event_id, type, status, attempts, last_status_code, last_error, next_attempt_at, payload
           from webhook_deliveries where $1::uuid is null or endpoint_id = $1 order by position nulls last, created_at, id`,
        [endpointId ?? null],
      );
      return rows;
    },
    async fanOut(service) {
      const head = await store.headPosition();
      const deadline = Date.now() + 10_000;
      let written = await service.fanOut.catchUp();
      while ((await service.fanOut.position()) < head) {
        if (Date.now() > deadline) throw new Error(`fan-out did not reach ${head}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        written += await service.fanOut.catchUp();
      }
      return written;
    },
    async close() {
      await Promise.all(services.map((service) => service.stop()));
      await pool.end();
      await store.close();
      await database.drop();
    },
  };
}
