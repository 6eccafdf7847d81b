import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook endpoints, their deliveries, and the fan-out's checkpoint. A delivery row is one event
 * for one endpoint: the unique (endpoint_id, event_id) makes the fan-out exactly once whatever it
 * replays, and event_id (the `webhook-id` header) is derived from the endpoint and the log event,
 * so every attempt and every replay carries the same id. Payloads hold no personal data; the
 * candidate's name is looked up at each attempt.
 */
export class Webhooks1733100000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table webhook_endpoints (
        id uuid primary key,
        url text not null,
        events text[] not null,
        format text not null check (format in ('standard', 'slack')),
        description text,
        secret text not null,
        status text not null check (status in ('active', 'disabled')),
        created_at timestamptz not null,
        created_position bigint not null,
        -- raised to the log's head when a disabled endpoint is enabled again: what happened while
        -- it was off is not sent late
        send_after_position bigint not null,
        disabled_reason text,
        failing_since timestamptz
      )`);
    await runner.query(`
      create table webhook_deliveries (
        id uuid primary key,
        endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
        event_id text not null,
        type text not null,
        application_id text,
        occurred_at timestamptz not null,
        payload jsonb not null,
        position bigint,
        status text not null check (status in ('pending', 'delivered', 'failed')),
        attempts integer not null default 0,
        last_attempt_at timestamptz,
        last_status_code integer,
        last_error text,
        next_attempt_at timestamptz,
        leased_until timestamptz,
        lease_token uuid,
        created_at timestamptz not null,
        unique (endpoint_id, event_id)
      )`);
    await runner.query(`
      create index webhook_deliveries_due on webhook_deliveries (endpoint_id, next_attempt_at, id)
        where status = 'pending'`);
    await runner.query(`create index webhook_deliveries_listing on webhook_deliveries (endpoint_id, created_at, id)`);
    await runner.query(`
      create table webhook_checkpoints (
        name text primary key,
        position bigint not null default 0,
        updated_at timestamptz not null default now()
      )`);
    await runner.query(`insert into webhook_checkpoints (name, position) values ('fan-out', 0)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('drop table webhook_checkpoints');
    await runner.query('drop table webhook_deliveries');
    await runner.query('drop table webhook_endpoints');
  }
}

export const NOTIFICATION_MIGRATIONS = [Webhooks1733100000000];
