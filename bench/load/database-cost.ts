import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/**
 * What a database's work cost PostgreSQL, on the same machine: transactions (pg_stat_database) and
 * CPU time of the backends connected to it (from /proc, in clock ticks of 10 ms). Per request, these
 * hardly depend on how busy the shared machine is, unlike requests per second.
 */
export interface DatabaseCost {
  transactions: number;
  backendCpuMs: number;
}

const CLOCK_TICK_MS = 10;

function cpuTicks(pid: number): number {
  try {
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

export class DatabaseCostMeter {
  private constructor(private readonly client: Client) {}

  static async open(url: string): Promise<DatabaseCostMeter> {
    const client = new Client({ connectionString: url, application_name: 'bench meter' });
    await client.connect();
    return new DatabaseCostMeter(client);
  }

  /** Backends' CPU by pid, and the database's transaction count so far. */
  async sample(): Promise<{ transactions: number; ticks: Map<number, number> }> {
    // Counters reach the shared statistics when a backend goes idle, at most once a second.
    await this.client.query('select pg_stat_clear_snapshot()');
    const { rows } = await this.client.query<{ transactions: string; pids: number[] }>(
      `select (select xact_commit + xact_rollback from pg_stat_database where datname = current_database()) as transactions,
              (select array_agg(pid) from pg_stat_activity
                where datname = current_database() and pid <> pg_backend_pid()) as pids`,
    );
    return {
      transactions: Number(rows[0].transactions),
      ticks: new Map((rows[0].pids ?? []).map((pid) => [pid, cpuTicks(pid)])),
    };
  }

  static between(
    before: { transactions: number; ticks: Map<number, number> },
    after: { transactions: number; ticks: Map<number, number> },
  ): DatabaseCost {
    let ticks = 0;
    for (const [pid, now] of after.ticks) ticks += now - (before.ticks.get(pid) ?? 0);
    return { transactions: after.transactions - before.transactions, backendCpuMs: ticks * CLOCK_TICK_MS };
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
