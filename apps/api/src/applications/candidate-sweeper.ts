import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { applicationStreamId } from '@app/hiring';
import { DEFAULT_CANDIDATE_LEASE_MS, type SweepReport, sweepOrphanedCandidates } from '@app/candidates';
import { type Clock, CLOCK } from '@app/platform';

/** Advisory lock keys in the two-integer space, apart from the projections' and the event store's. */
const SWEEP_LOCK: [number, number] = [7261850, 1];
const EVERY_MS = 5 * 60_000;

/**
 * Removes the personal data of submits that died before their append (see orphan-sweep.ts in
 * libs/candidates), every few minutes, in one API process at a time: the one that holds a session
 * advisory lock for the sweep. The lock only saves work; two sweeps at once remove nothing wrongly.
 */
@Injectable()
export class CandidateSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CandidateSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweepAsLeader()
        .catch((error: unknown) => this.logger.error(`sweep failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep, whoever leads. */
  async sweep(): Promise<SweepReport> {
    const report = await sweepOrphanedCandidates(
      (sql, parameters) => this.dataSource.query(sql, parameters),
      async (applicationId) =>
        (await this.store.readStream(applicationStreamId(applicationId), { maxCount: 1 })).length > 0,
      this.clock.now(),
      { leaseMs: DEFAULT_CANDIDATE_LEASE_MS },
    );
    if (report.removed > 0) this.logger.log(`removed the personal data of ${report.removed} unsubmitted applications`);
    return report;
  }

  private async sweepAsLeader(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query('select pg_try_advisory_lock($1, $2) as locked', SWEEP_LOCK);
      if (!locked) return;
      try {
        await this.sweep();
      } finally {
        await runner.query('select pg_advisory_unlock($1, $2)', SWEEP_LOCK);
      }
    } finally {
      await runner.release();
    }
  }
}
