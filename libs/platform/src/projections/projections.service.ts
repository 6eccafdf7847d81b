import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  CheckpointWatcher,
  HiringProjection,
  type ProjectionLag,
  ProjectionRunner,
  type RebuildReport,
  RebuildInProgress,
  type RunnerState,
  SlaRejudger,
  projectionLag,
  rebuildProjection,
} from '@app/projections';
import { DataSource } from 'typeorm';
import { type Config, CONFIG } from '../config/config';
import { type Clock, CLOCK } from '../infrastructure/clock';
import { RebuildInProgress as RebuildAlreadyRunning } from '../http/errors';

export type ProjectionsState = RunnerState | 'elsewhere';

const REBUILD_BATCH = 1000;
/** Connections a rebuild on PostgreSQL writes its tables and builds its indexes with, beside its own (8 in the pool). */
const REBUILD_WRITERS = 2;

/** What /health and /metrics report about the read model. */
export interface ProjectionsStatus extends ProjectionLag {
  name: string;
  /** This process's runner: running, standby (another process runs it), retrying, stopped; `elsewhere` with PROJECTIONS=off. */
  state: ProjectionsState;
  lastError: string | null;
  rebuild: RebuildStatus;
}

export type RebuildStatus =
  | { status: 'idle' }
  | { status: 'running'; startedAt: string }
  | { status: 'done'; startedAt: string; finishedAt: string; report: RebuildReport }
  | { status: 'failed'; startedAt: string; finishedAt: string; error: string };

/**
 * The read model in this process: the runner (when PROJECTIONS=on; otherwise apps/projector runs
 * it), the committed position as every process can see it, and rebuilds.
 *
 * PGlite runs one transaction at a time for every connection, so there batches are smaller: a
 * projection batch holds up the API's writes for as long as it takes.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly projection: HiringProjection;
  private watcher?: CheckpointWatcher;
  private runner?: ProjectionRunner;
  private rejudger?: SlaRejudger;
  private embedded = false;
  private rebuilding: RebuildStatus = { status: 'idle' };
  private rebuildInFlight?: Promise<void>;
  private readonly stopping = new AbortController();

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {
    this.projection = new HiringProjection(config.sla);
  }

  async onApplicationBootstrap(): Promise<void> {
    const [{ version }] = await this.dataSource.query<{ version: string }[]>('select version() as version');
    this.embedded = version.includes('PGlite');
    // Notifications do not cross PGlite's connections, and nobody else can write there anyway.
    const watcher = new CheckpointWatcher(this.dataSource, this.projection, { listen: !this.embedded });
    await watcher.start();
    this.watcher = watcher;
    if (this.config.projections !== 'on') return;
    this.runner = new ProjectionRunner(this.dataSource, this.store, this.projection, {
      batchSize: this.embedded ? 250 : 1000,
      logger: this.logger,
    });
    this.runner.onAdvance((position) => watcher.advance(position));
    this.runner.start();
    // Re-judges obligations after an SLA policy version effective in the past, beside the runner.
    this.rejudger = new SlaRejudger(this.dataSource, this.projection, {
      stepSize: this.embedded ? 200 : 1000,
      logger: this.logger,
    });
    this.rejudger.start();
  }

  /**
   * Before the event store and the database close (their own shutdown hooks): lets the batch in
   * flight commit, abandons a rebuild between two of its batches.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.rejudger?.stop();
    await this.runner?.stop();
    await this.rebuildInFlight;
    await this.watcher?.stop();
  }

  /** The committed checkpoint as last seen: every read model reflects at least this position. */
  get position(): number {
    return this.watcher?.position ?? 0;
  }

  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    return this.watcher ? this.watcher.waitFor(position, timeoutMs) : Promise.resolve(false);
  }

  async status(): Promise<ProjectionsStatus> {
    const lag =
      this.runner?.state === 'running'
        ? await this.runner.lag()
        : await projectionLag(
            this.store,
            { position: (await this.watcher?.refresh()) ?? 0, eventRecordedAt: null },
            this.clock.now(),
          );
    return {
      name: this.projection.name,
      ...lag,
      state: this.runner?.state ?? 'elsewhere',
      lastError: this.runner?.lastError ?? null,
      rebuild: this.rebuilding,
    };
  }

  /** Starts a rebuild in the background; 409 if one is already running here. */
  startRebuild(): RebuildStatus {
    if (this.rebuilding.status === 'running') {
      throw new RebuildAlreadyRunning();
    }
    const startedAt = this.clock.now().toISOString();
    this.rebuilding = { status: 'running', startedAt };
    this.logger.log('rebuilding the read model from the start of the log');
    // A rebuild here shares the event loop with the API and the live runner: each batch is folded in
    // one go, and 5,000 events held the loop for long enough to put the live read model ~0.6 s
    // behind (p95) at 100 writes/s; 1,000 halved that for ~10% longer rebuilds (bench:projections).
    this.rebuildInFlight = rebuildProjection(this.dataSource, this.store, this.projection, {
      batchSize: REBUILD_BATCH,
      parallelWriters: this.embedded ? 0 : REBUILD_WRITERS,
      signal: this.stopping.signal,
    }).then(
      (report) => {
        this.rebuilding = { status: 'done', startedAt, finishedAt: this.clock.now().toISOString(), report };
        this.logger.log(`rebuilt the read model: ${report.events} events, ${report.eventsPerSecond} events/s`);
      },
      (error: unknown) => {
        const message =
          error instanceof RebuildInProgress
            ? 'another process is rebuilding'
            : String(error instanceof Error ? error.message : error);
        this.rebuilding = { status: 'failed', startedAt, finishedAt: this.clock.now().toISOString(), error: message };
        this.logger.error(`rebuild failed: ${message}`);
      },
    );
    return this.rebuilding;
  }
}
