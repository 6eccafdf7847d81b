import type { Pool, PoolClient } from 'pg';

/** Nest's Logger fits. */
export interface LeaderLogger {
  log(message: string): void;
  error(message: string): void;
}

export type LeaderRole = 'stopped' | 'standby' | 'leader';

export interface LeadershipOptions {
  /** How often a process on standby tries to take the lead. */
  standbyRetryMs?: number;
  logger?: LeaderLogger;
}

const silent: LeaderLogger = { log: () => undefined, error: () => undefined };

/**
 * One process at a time does the work: whoever holds a PostgreSQL session advisory lock on a
 * connection of its own; the others stand by and retry. `lead` runs until its signal aborts (stop,
 * or the lock's connection lost) or it throws; correctness never rests on the lock alone (what the
 * leader records is appended at an expected revision, or claimed with `skip locked`), the lock
 * only keeps the others from doing the same work twice.
 */
export class Leadership {
  private abort?: AbortController;
  private loop?: Promise<void>;
  private currentRole: LeaderRole = 'stopped';
  private readonly logger: LeaderLogger;
  private readonly standbyRetryMs: number;

  constructor(
    private readonly pool: Pool,
    private readonly lock: readonly [number, number],
    private readonly name: string,
    private readonly lead: (signal: AbortSignal) => Promise<void>,
    options: LeadershipOptions = {},
  ) {
    this.logger = options.logger ?? silent;
    this.standbyRetryMs = options.standbyRetryMs ?? 2_000;
  }

  get role(): LeaderRole {
    return this.currentRole;
  }

  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    this.loop = this.run(this.abort.signal);
  }

  /** Lets the work in flight finish, then gives up the lead. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = undefined;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      let client: PoolClient | undefined;
      let leading = false;
      try {
        client = await this.pool.connect();
        const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1, $2) as locked', [
          ...this.lock,
        ]);
        leading = rows[0].locked;
        if (!leading) {
          if (this.currentRole !== 'standby') this.logger.log(`${this.name}: another process leads; standing by`);
          this.currentRole = 'standby';
        } else if (!signal.aborted) {
          // Not if stopped while the lock was being taken: a listener added to a signal already
          // aborted never fires, so the lead would outlive stop(). The lock is released below anyway.
          this.currentRole = 'leader';
          this.logger.log(`${this.name}: leading`);
          await this.leadWhileHolding(client, signal);
          failures = 0;
        }
      } catch (error) {
        failures += 1;
        this.logger.error(`${this.name}: ${error instanceof Error ? error.message : String(error)}; retrying`);
      } finally {
        if (client) await this.release(client, leading);
      }
      if (signal.aborted) break;
      await sleep(leading ? Math.min(30_000, 500 * 2 ** Math.min(failures, 6)) : this.standbyRetryMs, signal);
    }
    this.currentRole = 'stopped';
  }

  private async leadWhileHolding(client: PoolClient, signal: AbortSignal): Promise<void> {
    const inner = new AbortController();
    const stopInner = () => inner.abort();
    signal.addEventListener('abort', stopInner, { once: true });
    let lost: Error | undefined;
    const onLost = (error: Error) => {
      lost = error;
      inner.abort();
    };
    client.on('error', onLost);
    try {
      await this.lead(inner.signal);
    } finally {
      signal.removeEventListener('abort', stopInner);
      client.off('error', onLost);
      inner.abort();
    }
    if (lost) throw lost;
  }

  private async release(client: PoolClient, leading: boolean): Promise<void> {
    let healthy = true;
    if (leading) await client.query('select pg_advisory_unlock($1, $2)', [...this.lock]).catch(() => (healthy = false));
    client.release(!healthy);
  }
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
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
