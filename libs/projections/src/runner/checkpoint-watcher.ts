import { Listener } from '@app/event-store/postgres/listener';
import type { DataSource } from 'typeorm';
import { identifier, sqlOf } from '../database/sql';
import { CHECKPOINT_CHANNEL, readCheckpoint } from './checkpoints';
import { PositionWaiters } from './position-waiters';
import type { Projection } from './projection';

export interface CheckpointWatcherOptions {
  /** LISTEN for other processes' batches (real PostgreSQL; PGlite does not deliver them across connections). */
  listen?: boolean;
  /** The database to LISTEN on; by default the DataSource's URL. */
  connectionString?: string;
  /** While someone waits, the stored checkpoint is re-read this often, in case a wake-up went missing. */
  safetyIntervalMs?: number;
}

/**
 * What the API knows of a projection's progress, whichever process runs it: the committed
 * checkpoint, for X-Projection-Position and ?minPosition. Woken by the in-process runner (`advance`)
 * and by NOTIFY from runners elsewhere, whose payload carries the position; it reads the table only
 * when asked to wait for a position it has not seen, and when its LISTEN connection comes back after
 * a loss (the event store's Listener reconnects it), since announcements may have been missed.
 */
export class CheckpointWatcher {
  private readonly waiters = new PositionWaiters();
  private listener?: Listener;
  private safetyTimer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly projection: Pick<Projection, 'name' | 'schema'>,
    private readonly options: CheckpointWatcherOptions = {},
  ) {}

  get position(): number {
    return this.waiters.position;
  }

  async start(): Promise<void> {
    await this.refresh();
    if (!(this.options.listen ?? true)) return;
    const connectionString = this.options.connectionString ?? urlOf(this.dataSource);
    if (!connectionString) throw new Error('the checkpoint watcher needs a connection string to LISTEN with');
    const listener = new Listener({
      connectionString,
      channel: CHECKPOINT_CHANNEL,
      onWake: (payload) => (payload === undefined ? void this.refresh().catch(() => undefined) : this.heard(payload)),
    });
    await listener.start();
    this.listener = listener;
  }

  async stop(): Promise<void> {
    clearInterval(this.safetyTimer);
    this.safetyTimer = undefined;
    this.waiters.cancelAll();
    await this.listener?.stop();
    this.listener = undefined;
  }

  advance(position: number): void {
    this.waiters.advance(position);
    if (this.waiters.count === 0) this.stopSafetyNet();
  }

  async refresh(): Promise<number> {
    const checkpoint = await readCheckpoint(
      sqlOf(this.dataSource),
      identifier(this.projection.schema),
      this.projection.name,
    );
    this.advance(checkpoint.position);
    return this.position;
  }

  /** True once the projection has committed `position`; false after `timeoutMs`. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return true;
    const started = Date.now();
    if ((await this.refresh()) >= position) return true;
    const waiting = this.waiters.waitFor(position, timeoutMs - (Date.now() - started));
    this.startSafetyNet();
    return waiting;
  }

  private heard(payload: string): void {
    let announced: { name?: unknown; position?: unknown };
    try {
      announced = JSON.parse(payload) as typeof announced;
    } catch {
      return;
    }
    if (announced?.name === this.projection.name && typeof announced.position === 'number')
      this.advance(announced.position);
  }

  private startSafetyNet(): void {
    if (this.safetyTimer) return;
    this.safetyTimer = setInterval(
      () => void this.refresh().catch(() => undefined),
      this.options.safetyIntervalMs ?? 1000,
    );
    this.safetyTimer.unref();
  }

  private stopSafetyNet(): void {
    clearInterval(this.safetyTimer);
    this.safetyTimer = undefined;
  }
}

function urlOf(dataSource: DataSource): string | undefined {
  const { url } = dataSource.options as { url?: unknown };
  return typeof url === 'string' ? url : undefined;
}
