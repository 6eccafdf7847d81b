import type { MigrationInterface, QueryRunner } from 'typeorm';
import { type ApplicationState, withoutPersonalTextIn } from '@app/hiring';

const BATCH = 1000;

/**
 * The projection's memory no longer keeps personal text (see foldEvent); this drops what states
 * written before kept, so that destroying an application's key is the whole of its erasure here
 * too. In batches of applications, each state rewritten only if it held any.
 */
export class PersonalTextOutOfStates1764650000003 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { application_id: string; state: ApplicationState }[] = await runner.query(
        `select application_id, state from read_model.application_states
          where application_id > $1 order by application_id limit $2`,
        [after, BATCH],
      );
      if (rows.length === 0) return;
      const changed = rows
        .map((row) => ({ application_id: row.application_id, state: withoutPersonalTextIn(row.state) }))
        .filter((row, n) => JSON.stringify(row.state) !== JSON.stringify(rows[n].state));
      if (changed.length > 0) {
        await runner.query(
          `update read_model.application_states s set state = r.state
             from jsonb_to_recordset($1::jsonb) as r(application_id uuid, state jsonb)
            where s.application_id = r.application_id`,
          [JSON.stringify(changed)],
        );
      }
      after = rows[rows.length - 1].application_id;
    }
  }

  async down(): Promise<void> {
    // What was dropped is still in the log, sealed under keys that erasure destroys: nothing to restore.
  }
}
