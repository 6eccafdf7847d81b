import { Client } from 'pg';

/**
 * A sampling profiler for SQL: every SAMPLE_EVERY_MS, the statements running in a database (from
 * pg_stat_activity, with what they wait on), counted. Time per statement ≈ samples × interval; it
 * shows where a database-bound phase (a rebuild's flush, its index builds) spends its time.
 */
const SAMPLE_EVERY_MS = 50;

export class SqlSampler {
  private readonly seen = new Map<string, number>();
  private running?: Promise<void>;
  private stopping = false;

  private constructor(private readonly client: Client) {}

  static async start(url: string): Promise<SqlSampler> {
    const client = new Client({ connectionString: url, application_name: 'bench sql sampler' });
    await client.connect();
    const sampler = new SqlSampler(client);
    sampler.running = sampler.loop();
    return sampler;
  }

  /** Stops sampling; the statements that took the most time first, as `{statement, ms}`. */
  async stop(top = 20): Promise<{ statement: string; ms: number }[]> {
    this.stopping = true;
    await this.running;
    await this.client.end();
    return [...this.seen]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([statement, samples]) => ({ statement, ms: samples * SAMPLE_EVERY_MS }));
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const next = Date.now() + SAMPLE_EVERY_MS;
      const { rows } = await this.client.query<{ statement: string }>(
        `select left(regexp_replace(query, '\\s+', ' ', 'g'), 100)
                || coalesce(' [' || wait_event || ']', '') as statement
           from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and state = 'active'`,
      );
      for (const { statement } of rows) this.seen.set(statement, (this.seen.get(statement) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
    }
  }
}
