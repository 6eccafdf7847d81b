import type { RecordedEvent } from '@app/event-store';
import type { PolicyTimeline, SlaPolicy } from '@app/hiring';
import type { Sql } from '../database/sql';
import type { Projection, ReplayApplier } from '../runner/projection';
import { type ApplicationRecord, foldEvent, newRecord } from './application-record';
import { byStream } from './by-stream';
import { applicationWrite, loadRecords, writeApplications } from './application-writes';
import { appendRows, changedRows, deriveRows, emptyRows } from './derived-rows';
import { READ_MODEL_SCHEMA } from './entities';
import { applyJobEvents } from './job-writes';
import { judgingTimeline, loadTimeline, policyVersionsOf, recordVersions } from './policy-timeline';
import { rejudgeLock, scheduleRejudging } from './rejudging';
import { ReplayMemory } from './replay-memory';

export const HIRING_PROJECTION = 'hiring';

/**
 * The hiring read model: applications list, stage and status history, SLA obligations, jobs, and
 * the SLA policy versions that judge the obligations. One projection so that every table is at the
 * same position, which is what X-Projection-Position promises.
 *
 * A batch loads the records of the applications it touches (one query), folds their events with
 * the domain's evolve, derives every row before and after with the policy timeline, and writes only
 * the rows that changed — one multi-row statement per table. A policy version in the batch is
 * recorded first, so the batch's obligations are judged with it; those that had started before the
 * batch are queued for re-judging (see rejudging.ts).
 *
 * `configured` (SLA_HOURS, SLA_CALENDAR, SLA_TIMEZONE) judges only while the log holds no version.
 */
export class HiringProjection implements Projection {
  readonly name = HIRING_PROJECTION;
  readonly schema = READ_MODEL_SCHEMA;
  private readonly policyListeners = new Set<() => void>();

  constructor(readonly configured: SlaPolicy) {}

  async apply(sql: Sql, events: readonly RecordedEvent[]): Promise<void> {
    await sql.query('select pg_advisory_xact_lock($1, $2)', rejudgeLock(this.name));
    const { applications, jobs, policies } = byStream(events);
    if (policies.length > 0) {
      const first = (await loadTimeline(sql)).length === 0;
      const recorded = await recordVersions(sql, policyVersionsOf(policies));
      await scheduleRejudging(sql, recorded, first);
      if (recorded.length > 0) for (const listener of this.policyListeners) listener();
    }
    if (applications.size > 0) {
      const timeline = judgingTimeline(await loadTimeline(sql), this.configured);
      await this.applyApplicationEvents(sql, applications, timeline);
    }
    if (jobs.size > 0) await applyJobEvents(sql, jobs);
  }

  replay(): ReplayApplier {
    return new ReplayMemory(this.configured);
  }

  /**
   * Called when a batch records a new policy version (before it commits: whoever reacts waits for
   * the batch's lock anyway). Returns the way to stop listening.
   */
  onPolicyRecorded(listener: () => void): () => void {
    this.policyListeners.add(listener);
    return () => this.policyListeners.delete(listener);
  }

  private async applyApplicationEvents(
    sql: Sql,
    eventsByApplication: ReadonlyMap<string, RecordedEvent[]>,
    timeline: PolicyTimeline,
  ): Promise<void> {
    const stored = await loadRecords(sql, [...eventsByApplication.keys()]);
    const records: ApplicationRecord[] = [];
    const rows = emptyRows();
    for (const [id, events] of eventsByApplication) {
      const before = stored.get(id) ?? newRecord(id);
      const after = events.reduce(foldEvent, before);
      if (after === before) continue;
      records.push(after);
      appendRows(rows, changedRows(deriveRows(before, timeline), deriveRows(after, timeline)));
    }
    await writeApplications(sql, applicationWrite(records, rows));
  }
}
