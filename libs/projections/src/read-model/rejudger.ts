import type { DataSource } from 'typeorm';
import { identifier, inTransaction, openSession, sqlOf, useSchema } from '../database/sql';
import { swapLock } from '../runner/locks';
import type { RunnerLogger } from '../runner/projection-runner';
import { sleep } from '../runner/sleep';
import type { HiringProjection } from './hiring-projection';
import { REJUDGE_STEP, rejudgeLock, rejudgeStep } from './rejudging';

export interface RejudgerOptions {
  /** Applications per step, and so per transaction. */
  stepSize?: number;
  /** How often an idle rejudger looks for work queued by a runner in another process. */
  pollMs?: number;
  logger?: RunnerLogger;
}

const silent: RunnerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Works through the re-judging that policy versions queue (see rejudging.ts), a step per short
 * transaction, beside the projection runner of the same process. Woken when the projection records
 * a version; otherwise it looks for queued work every `pollMs`, so a restart, or work queued by a
 * runner elsewhere, resumes where the stored cursor stands. Several processes may run one: the lock
 * every step takes puts them in line.
 */
export class SlaRejudger {
  private loop?: Promise<void>;
  private abort?: AbortController;
  private wakeUp?: () => void;
  private woken = false;
  private readonly options: Required<RejudgerOptions>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly projection: HiringProjection,
    options: RejudgerOptions = {},
  ) {
    this.options = {
      stepSize: options.stepSize ?? REJUDGE_STEP,
      pollMs: options.pollMs ?? 10_000,
      logger: options.logger ?? silent,
    };
  }

  start(): void {
    if (this.loop) return;
    const abort = new AbortController();
    this.abort = abort;
    const unsubscribe = this.projection.onPolicyRecorded(() => this.wake());
    this.loop = this.run(abort.signal).finally(unsubscribe);
  }

  /** Lets the step in flight commit, then returns. */
  async stop(): Promise<void> {
    this.abort?.abort();
    this.wakeUp?.();
    await this.loop;
    this.loop = undefined;
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    let queued = await this.queued().catch(() => true);
    while (!signal.aborted) {
      if (!queued && !this.woken) {
        await this.idle(signal);
        if (!this.woken) {
          queued = await this.queued().catch(() => true);
          continue;
        }
      }
      // A wake comes from inside the batch that queued the work: the step's lock waits for its commit.
      this.woken = false;
      try {
        queued = await this.step();
        failures = 0;
      } catch (error) {
        failures += 1;
        const message = error instanceof Error ? error.message : String(error);
        this.options.logger.error(`re-judging obligations failed (attempt ${failures}), retrying: ${message}`);
        await sleep(Math.min(30_000, 500 * 2 ** (failures - 1)), signal);
        queued = true;
      }
    }
  }

  private async step(): Promise<boolean> {
    const { name, schema, configured } = this.projection;
    const session = await openSession(this.dataSource);
    try {
      return await inTransaction(session, async () => {
        // Shared like every projection batch: a rebuild swaps its tables in between two steps.
        await session.query('select pg_advisory_xact_lock_shared($1, $2)', swapLock(name));
        await session.query('select pg_advisory_xact_lock($1, $2)', rejudgeLock(name));
        // A step lost in a crash is lost with its cursor, and done again: no need to wait for the disk.
        await session.query("select set_config('synchronous_commit', 'off', true)");
        await useSchema(session, schema);
        return rejudgeStep(session, configured, this.options.stepSize);
      });
    } finally {
      await session.release().catch(() => undefined);
    }
  }

  private async queued(): Promise<boolean> {
    const rows = await sqlOf(this.dataSource).query(
      `select 1 from ${identifier(this.projection.schema)}.sla_rejudging limit 1`,
    );
    return rows.length > 0;
  }

  private idle(signal: AbortSignal): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.wakeUp = undefined;
        resolve();
      };
      this.wakeUp = done;
      void sleep(this.options.pollMs, signal).then(done);
    });
  }
}
