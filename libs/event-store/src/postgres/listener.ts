import { Client } from 'pg';

export interface ListenerOptions {
  connectionString: string;
  channel: string;
  /**
   * Called for every notification, with its payload, and once without one each time the connection
   * comes back (anything may have been missed while it was away).
   */
  onWake: (payload?: string) => void;
  /** First delay before reconnecting; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

/** Shown in pg_stat_activity, so an operator (or a test) can tell the LISTEN connection apart. */
export const LISTENER_APPLICATION_NAME = 'event_store listener';

/**
 * A LISTEN connection that comes back: a database restart or a terminated backend would otherwise
 * leave subscribers in other processes waiting for the slow poll for as long as the process lives.
 */
export class Listener {
  private client?: Client;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: ListenerOptions) {}

  /** Connects once; throws if the database cannot be reached at all (the caller is starting up). */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: LISTENER_APPLICATION_NAME,
    });
    client.on('notification', (message) => this.options.onWake(message.payload ?? ''));
    let listening = false;
    let lost = false;
    const onLost = () => {
      // Before LISTEN succeeded, the failure is the caller's to handle (connect rejects).
      if (!listening || lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
      this.retry(this.options.retryMs ?? 50);
    };
    client.on('error', onLost);
    client.on('end', onLost);
    try {
      await client.connect();
      await client.query(`listen ${client.escapeIdentifier(this.options.channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    listening = true;
    this.client = client;
  }

  private retry(delayMs: number): void {
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.connect().then(
        () => {
          if (!this.stopped) this.options.onWake();
        },
        () => this.retry(Math.min(delayMs * 2, this.options.maxRetryMs ?? 5000)),
      );
    }, delayMs);
    this.retryTimer.unref();
  }
}
