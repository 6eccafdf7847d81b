import { MigrationInterface, QueryRunner } from 'typeorm';

/** A replayed answer carries the headers that belong to it (Location, ETag), not only its body. */
export class IdempotencyAnswerHeaders1764480000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('alter table idempotency_keys add column headers jsonb');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('alter table idempotency_keys drop column headers');
  }
}
