import type { EventStore, RecordedEvent } from '@app/event-store';
import { Coalesced } from '@app/event-store/postgres/coalesced';
import type { DataSource } from 'typeorm';
import { type SqlSession, identifier, inTransaction, openSession, sqlOf, useSchema } from '../database/sql';
import {
  type Checkpoint,
  announceCheckpoint,
  ensureCheckpoint,
  lockCheckpoint,
  readCheckpoint,
  saveCheckpoint,
} from './checkpoints';
import { type ProjectionLag, projectionLag } from './lag';
import { runnerLock, swapLock } from './locks';
import { PositionWaiters } from './position-waiters';
import type { Projection } from './projection';
import { sleep } from './sleep';

export type RunnerState = 'stopped' | 'standby' | 'running' | 'retrying';

/** Nest's Logger fits. */
export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ProjectionRunnerOptions {
  /** Largest batch, and so transaction. Short transactions matter on PGlite, where they serialise. */
  batchSize?: number;
  /** How often a standby runner tries to take over the projection's lock. */
  standbyRetryMs?: number;
  /** Backoff after a failed batch: doubles from `initialMs` up to `maxMs`. */
  backoff?: { initialMs: number; maxMs: number };
  now?: () => Date;
  logger?: RunnerLogger;
}

const silent: RunnerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Feeds one projection from the log. Each batch is one transaction that updates the read-model
 * tables and the checkpoint together, so a crash replays at most the batch that did not commit.
 *
 * Across processes, a session advisory lock elects the one runner that writes; the others wait on
 * standby and retry. The lock alone is not trusted with correctness: every batch also locks the
 * checkpoint row and checks it is where this runner left it, so a runner that lost its lock (or a
 * rebuild that swapped the tables in) makes the batch a no-op and a restart from the stored position.
 */
export class ProjectionRunner {
  private readonly waiters = new PositionWaiters();
  private readonly listeners = new Set<(position: number) => void>();
  private readonly options: Required<Omit<ProjectionRunnerOptions, 'logger'>> & { logger: RunnerLogger };
  private loop?: Promise<void>;
  private abort?: AbortController;
  private announcer?: Coalesced;
  private lastRecordedAt: Date | null = null;
  private currentState: RunnerState = 'stopped';
  private failure: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly projection: Projection,
    options: ProjectionRunnerOptions = {},
  ) {
    this.options = {
      batchSize: options.batchSize ?? 1000,
      standbyRetryMs: options.standbyRetryMs ?? 2000,
      backoff: options.backoff ?? { initialMs: 500, maxMs: 30_000 },
      now: options.now ?? (() => new Date()),
      logger: options.logger ?? silent,
    };
  }

  get name(): string {
    return this.projection.name;
  }

  /** Position of the last event applied by this runner (or found in the checkpoint when it took over). */
  get position(): number {
    return this.waiters.position;
  }

  get state(): RunnerState {
    return this.currentState;
  }

  /** The last error, while retrying after it. */
  get lastError(): string | null {
    return this.failure;
  }

  /** Starts in the background: standby until the lock is taken, then catch-up, then live. */
  start(): void {
    if (this.loop) return;
    const abort = new AbortController();
    this.abort = abort;
    // After each committed batch, one notification every few milliseconds at most, carrying the
    // newest position: watchers only need the latest.
    const sql = sqlOf(this.dataSource);
    this.announcer = new Coalesced(() => announceCheckpoint(sql, this.name, this.position), 5);
    this.loop = this.run(abort.signal);
  }

  /** Lets the batch in flight commit, then releases the lock and returns. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    await this.announcer?.close();
    this.loop = undefined;
  }

  /** True once this runner has applied `position`; false after `timeoutMs`. */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitFor(position, timeoutMs);
  }

  /** Called after every committed batch (and on taking over) with the new position. */
  onAdvance(listener: (position: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  lag(): Promise<ProjectionLag> {
    return projectionLag(
      this.store,
      { position: this.position, eventRecordedAt: this.lastRecordedAt },
      this.options.now(),
    );
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      let session: SqlSession | undefined;
      let locked = false;
      try {
        session = await openSession(this.dataSource);
        locked = await this.takeLock(session, signal);
        if (!locked) continue;
        this.setState('running', null);
        await this.follow(session, signal);
        failures = 0;
      } catch (error) {
        failures += 1;
        const message = error instanceof Error ? error.message : String(error);
        this.setState('retrying', message);
        this.options.logger.error(`projection ${this.name} failed (attempt ${failures}), retrying: ${message}`);
        const { initialMs, maxMs } = this.options.backoff;
        await sleep(Math.min(maxMs, initialMs * 2 ** (failures - 1)), signal);
      } finally {
        if (session) await this.releaseSession(session, locked);
      }
    }
    this.setState('stopped', null);
  }

  private async takeLock(session: SqlSession, signal: AbortSignal): Promise<boolean> {
    for (;;) {
      const [{ locked }] = await session.query<{ locked: boolean }>(
        'select pg_try_advisory_lock($1, $2) as locked',
        runnerLock(this.name),
      );
      if (locked) return true;
      if (this.currentState !== 'standby')
        this.options.logger.log(`projection ${this.name}: another process runs it; standing by`);
      this.setState('standby', null);
      await sleep(this.options.standbyRetryMs, signal);
      if (signal.aborted) return false;
    }
  }

  private async releaseSession(session: SqlSession, locked: boolean): Promise<void> {
    // A broken connection has lost its session lock already; only a live one needs the unlock.
    if (locked) await session.query('select pg_advisory_unlock($1, $2)', runnerLock(this.name)).catch(() => undefined);
    await session.release().catch(() => undefined);
  }

  private async follow(session: SqlSession, signal: AbortSignal): Promise<void> {
    await inTransaction(session, async () => {
      await useSchema(session, this.projection.schema);
      await ensureCheckpoint(session, this.name);
    });
    let checkpoint: Checkpoint | null = await readCheckpoint(session, identifier(this.projection.schema), this.name);
    this.options.logger.log(`projection ${this.name} running from position ${checkpoint.position}`);
    while (checkpoint !== null && !signal.aborted) {
      this.takeOver(checkpoint);
      checkpoint = await this.consume(session, checkpoint.position, signal);
    }
    // A subscription ends on its own only when the store was closed under it: back off, do not spin.
    if (!signal.aborted) throw new Error('the event store subscription ended');
  }

  /** Applies batches until stopped; returns the stored checkpoint if someone else moved it. */
  private async consume(session: SqlSession, from: number, signal: AbortSignal): Promise<Checkpoint | null> {
    const batches = this.store.subscribe({
      after: from > 0 ? from : null,
      maxBatchSize: this.options.batchSize,
      signal,
    });
    for await (const batch of batches) {
      const moved = await this.applyBatch(session, batch);
      if (moved) {
        this.options.logger.warn(
          `projection ${this.name}: checkpoint moved to ${moved.position} elsewhere; resuming from there`,
        );
        return moved;
      }
    }
    return null;
  }

  private async applyBatch(session: SqlSession, batch: readonly RecordedEvent[]): Promise<Checkpoint | null> {
    const last = batch[batch.length - 1];
    const expected = this.position;
    const moved = await inTransaction(session, async () => {
      // Shared with other batches, exclusive for a rebuild's swap: a batch sees either the old
      // tables or the new ones, never half of each.
      await session.query('select pg_advisory_xact_lock_shared($1, $2)', swapLock(this.name));
      await useSchema(session, this.projection.schema);
      const stored = await lockCheckpoint(session, this.name);
      if (stored.position !== expected) return stored;
      await this.projection.apply(session, batch);
      await saveCheckpoint(session, this.name, last.position, last.recordedAt);
      return null;
    });
    if (moved) return moved;
    this.lastRecordedAt = last.recordedAt;
    this.advance(last.position);
    this.announcer?.request();
    return null;
  }

  private takeOver(checkpoint: Checkpoint): void {
    this.lastRecordedAt = checkpoint.eventRecordedAt;
    if (checkpoint.position >= this.position) this.advance(checkpoint.position);
    else this.waiters.reset(checkpoint.position);
  }

  private advance(position: number): void {
    this.waiters.advance(position);
    for (const listener of this.listeners) listener(position);
  }

  private setState(state: RunnerState, failure: string | null): void {
    this.currentState = state;
    this.failure = failure;
  }
}
