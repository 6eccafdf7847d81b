import type { RecordedEvent } from '@app/event-store';
import type { PolicyTimeline, SlaPolicy, SlaPolicyVersion } from '@app/hiring';
import type { Sql } from '../database/sql';
import type { BulkWriters, ReplayApplier } from '../runner/projection';
import { type ApplicationRecord, foldEvent, newRecord } from './application-record';
import { type ApplicationWrite, applicationWrite, loadRecords, writeApplications } from './application-writes';
import { type DerivedRows, appendRows, changedRows, deriveRows, emptyRows } from './derived-rows';
import { byStream } from './by-stream';
import { applyJobEvents } from './job-writes';
import { judgingTimeline, policyVersionsOf, recordVersions } from './policy-timeline';
import { rejudgeStep, scheduleRejudging } from './rejudging';
import { WritesInFlight } from '../database/writes-in-flight';

/** Records kept in memory during a rebuild; beyond this many, they are written out and forgotten. */
const MEMORY_LIMIT = 250_000;

/**
 * Applications per statement when flushing. PostgreSQL writes one such batch while the next one is
 * derived and serialised; small enough that a batch's bytes leave at once, large enough that a
 * statement's own cost does not count.
 */
const WRITE_BATCH = 500;

type Remembered = {
  /** What the shadow tables hold for it (null: nothing yet). */
  written: ApplicationRecord | null;
  current: ApplicationRecord;
};

/**
 * A rebuild's applier. Nobody else writes the shadow tables, so an application's record can stay
 * in memory from batch to batch and its rows be written once, when flushed, instead of after every
 * event that touches it: a year of traffic touches each application a dozen times. Until the
 * flush, the shadow tables lag the shadow checkpoint; the rebuild flushes everything before the
 * swap, which is the only moment that checkpoint is read.
 *
 * Rows are derived with the policy timeline as it stands when they are written. A policy version
 * that arrives after some rows were written queues their re-judging, exactly as the live projection
 * does, and flushing finishes it: what the rebuild swaps in is judged by every version in the log.
 */
export class ReplayMemory implements ReplayApplier {
  private readonly memory = new Map<string, Remembered>();
  private readonly unwritten = new Set<string>();
  /** Whether some records were forgotten after being written, so the tables must be asked. */
  private forgotten = false;
  /** Whether any obligation rows were written yet, which a new policy version may have to re-judge. */
  private wroteRows = false;
  /** Whether a policy version queued re-judging that flushing has not finished yet. */
  private rejudging = false;
  private versions: SlaPolicyVersion[] = [];

  constructor(private readonly configured: SlaPolicy) {}

  async apply(sql: Sql, events: readonly RecordedEvent[]): Promise<void> {
    if (this.memory.size > MEMORY_LIMIT) await this.forget(sql);
    const { applications, jobs, policies } = byStream(events);
    if (policies.length > 0) {
      const recorded = await recordVersions(sql, policyVersionsOf(policies));
      const first = this.versions.length === 0;
      this.versions = [...this.versions, ...recorded];
      if (this.wroteRows && recorded.length > 0) {
        await scheduleRejudging(sql, recorded, first);
        this.rejudging = true;
      }
    }
    const unknown = [...applications.keys()].filter((id) => !this.memory.has(id));
    const stored =
      this.forgotten && unknown.length > 0 ? await loadRecords(sql, unknown) : new Map<string, ApplicationRecord>();
    for (const [id, batch] of applications) {
      const remembered = this.memory.get(id) ?? {
        written: stored.get(id) ?? null,
        current: stored.get(id) ?? newRecord(id),
      };
      const current = batch.reduce(foldEvent, remembered.current);
      this.memory.set(id, { written: remembered.written, current });
      if (current !== remembered.current) this.unwritten.add(id);
    }
    if (jobs.size > 0) await applyJobEvents(sql, jobs);
  }

  /**
   * Writes the rows of up to `limit` changed applications, then re-judges up to `limit` applications
   * if a policy version asks for it; returns how much remains (0: nothing). The rows go through
   * `writers` when given, as many batches at once as they are wide; re-judging stays on `sql`.
   */
  async flush(sql: Sql, limit = Infinity, writers?: BulkWriters): Promise<number> {
    const timeline = judgingTimeline(this.versions, this.configured);
    const writing = new WritesInFlight(writers?.width ?? 1);
    let left = limit;
    try {
      while (left > 0 && this.unwritten.size > 0) {
        const { writes, count } = this.nextWrites(Math.min(left, WRITE_BATCH), timeline);
        left -= count;
        await writing.send(() => writeAll(writers?.sql ?? sql, writes));
        // Lets the statement go out before the next batch keeps this thread busy.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      await writing.settled();
      throw error;
    }
    await writing.drain();
    if (this.unwritten.size > 0) return this.unwritten.size;
    // Without queued work this asks nothing of the database: the rebuild may flush before it has
    // pointed the transaction at the shadow tables.
    if (!this.rejudging) return 0;
    this.rejudging = await rejudgeStep(sql, this.configured, Number.isFinite(limit) ? limit : undefined);
    return this.rejudging ? 1 : 0;
  }

  /**
   * The writes of up to `limit` unwritten applications: those the tables have never seen go in as
   * plain inserts, the others as the changes from what was written.
   */
  private nextWrites(limit: number, timeline: PolicyTimeline): { writes: ApplicationWrite[]; count: number } {
    const fresh: ApplicationRecord[] = [];
    const freshRows = emptyRows();
    const seen: ApplicationRecord[] = [];
    const seenRows: DerivedRows = emptyRows();
    let count = 0;
    for (const id of this.unwritten) {
      if (count >= limit) break;
      count++;
      const remembered = this.memory.get(id);
      this.unwritten.delete(id);
      if (!remembered) continue;
      const after = deriveRows(remembered.current, timeline);
      if (remembered.written) {
        // Rows written under an older timeline that this diff leaves alone are re-judged by flush.
        appendRows(seenRows, changedRows(deriveRows(remembered.written, timeline), after));
        seen.push(remembered.current);
      } else {
        appendRows(freshRows, after);
        fresh.push(remembered.current);
      }
      this.memory.set(id, { written: remembered.current, current: remembered.current });
    }
    this.wroteRows ||= fresh.length + seen.length > 0;
    const writes = [applicationWrite(fresh, freshRows, 'insert'), applicationWrite(seen, seenRows, 'upsert')];
    return { writes, count };
  }

  private async forget(sql: Sql): Promise<void> {
    while ((await this.flush(sql, 2000)) > 0);
    this.memory.clear();
    this.forgotten = true;
  }
}

async function writeAll(sql: Sql, writes: readonly ApplicationWrite[]): Promise<void> {
  for (const write of writes) await writeApplications(sql, write);
}
