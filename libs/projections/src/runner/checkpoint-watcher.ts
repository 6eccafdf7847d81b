import type { DataSource } from 'typeorm';
import { type SqlSession, identifier, openSession, sqlOf } from '../database/sql';
import { CHECKPOINT_CHANNEL, readCheckpoint } from './checkpoints';
import { PositionWaiters } from './position-waiters';
import type { Projection } from './projection';

type Listener = (message: { channel: string; payload?: string }) => void;
interface Notifier {
  on(event: 'notification', listener: Listener): unknown;
  removeListener(event: 'notification', listener: Listener): unknown;
}

const isNotifier = (value: unknown): value is Notifier =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>).on === 'function' &&
  typeof (value as Record<string, unknown>).removeListener === 'function';

export interface CheckpointWatcherOptions {
  /** LISTEN for other processes' batches (real PostgreSQL; PGlite does not deliver them across connections). */
  listen?: boolean;
  /** While someone waits, the stored checkpoint is re-read this often, in case a wake-up went missing. */
  safetyIntervalMs?: number;
}

/**
 * What the API knows of a projection's progress, whichever process runs it: the committed
 * checkpoint, for X-Projection-Position and ?minPosition. Woken by the in-process runner (`advance`)
 * and by NOTIFY from runners elsewhere; it reads the table only when asked to wait for a position it
 * has not seen.
 */
export class CheckpointWatcher {
  private readonly waiters = new PositionWaiters();
  private session?: SqlSession;
  private notifier?: { connection: Notifier; listener: Listener };
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
    const session = await openSession(this.dataSource);
    const connection = await session.connection();
    if (!isNotifier(connection)) {
      await session.release();
      return;
    }
    const listener: Listener = (message) => {
      if (message.channel !== CHECKPOINT_CHANNEL || !message.payload) return;
      const { name, position } = JSON.parse(message.payload) as { name?: unknown; position?: unknown };
      if (name === this.projection.name && typeof position === 'number') this.advance(position);
    };
    connection.on('notification', listener);
    await session.query(`listen ${identifier(CHECKPOINT_CHANNEL)}`);
    this.session = session;
    this.notifier = { connection, listener };
  }

  async stop(): Promise<void> {
    clearInterval(this.safetyTimer);
    this.safetyTimer = undefined;
    this.waiters.cancelAll();
    if (this.notifier) this.notifier.connection.removeListener('notification', this.notifier.listener);
    this.notifier = undefined;
    if (this.session) {
      await this.session.query(`unlisten ${identifier(CHECKPOINT_CHANNEL)}`).catch(() => undefined);
      await this.session.release().catch(() => undefined);
      this.session = undefined;
    }
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
