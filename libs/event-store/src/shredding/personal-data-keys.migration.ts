import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The keys behind crypto-shredding, managed like every other table. `if not exists`: databases
 * from before this migration already have the table, made by the key store at start.
 */
export class PersonalDataKeys1764480000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table if not exists personal_data_keys (
        subject_id text primary key,
        key bytea,
        shredded_at timestamptz
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('drop table personal_data_keys');
  }
}
