import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The jobs' hiring teams, for GET /jobs. Until this change no route could give a job a team, so
 * every existing job's is empty, as its events say (JobOpened before teams upcasts to an empty one).
 */
export class JobTeams1764650000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      alter table read_model.jobs
        add column recruiter_ids text[] not null default '{}',
        add column hiring_manager_ids text[] not null default '{}'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('alter table read_model.jobs drop column recruiter_ids, drop column hiring_manager_ids');
  }
}
