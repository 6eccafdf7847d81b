import type { RecordedEvent } from '@app/event-store';
import type { SlaPolicy } from '@app/hiring';
import type { Sql } from '../database/sql';
import type { Projection, ReplayApplier } from '../runner/projection';
import { type ApplicationRecord, foldEvent, newRecord } from './application-record';
import { byStream } from './by-stream';
import { loadRecords, saveRecords, writeRows } from './application-writes';
import { appendRows, changedRows, deriveRows, emptyRows } from './derived-rows';
import { READ_MODEL_SCHEMA } from './entities';
import { applyJobEvents } from './job-writes';
import { ReplayMemory } from './replay-memory';

export const HIRING_PROJECTION = 'hiring';

/**
 * The hiring read model: applications list, stage and status history, SLA obligations, jobs. One
 * projection so that every table is at the same position, which is what X-Projection-Position
 * promises. Due dates depend on the SLA policy: after changing SLA_* settings, rebuild.
 *
 * A batch loads the records of the applications it touches (one query), folds their events with
 * the domain's evolve, derives every row before and after, and writes only the rows that changed —
 * one multi-row statement per table.
 */
export class HiringProjection implements Projection {
  readonly name = HIRING_PROJECTION;
  readonly schema = READ_MODEL_SCHEMA;

  constructor(private readonly policy: SlaPolicy) {}

  async apply(sql: Sql, events: readonly RecordedEvent[]): Promise<void> {
    const { applications, jobs } = byStream(events);
    if (applications.size > 0) await this.applyApplicationEvents(sql, applications);
    if (jobs.size > 0) await applyJobEvents(sql, jobs);
  }

  replay(): ReplayApplier {
    return new ReplayMemory(this.policy);
  }

  private async applyApplicationEvents(
    sql: Sql,
    eventsByApplication: ReadonlyMap<string, RecordedEvent[]>,
  ): Promise<void> {
    const stored = await loadRecords(sql, [...eventsByApplication.keys()]);
    const records: ApplicationRecord[] = [];
    const rows = emptyRows();
    for (const [id, events] of eventsByApplication) {
      const before = stored.get(id) ?? newRecord(id);
      const after = events.reduce(foldEvent, before);
      if (after === before) continue;
      records.push(after);
      appendRows(rows, changedRows(deriveRows(before, this.policy), deriveRows(after, this.policy)));
    }
    await saveRecords(sql, records);
    await writeRows(sql, rows);
  }
}
