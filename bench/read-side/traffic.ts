import { randomUUID } from 'node:crypto';
import type { PostgresEventStore } from '@app/event-store/postgres/postgres-event-store';
import { EVENT_SCHEMA_VERSIONS } from '@app/hiring';
import { sqlOf } from '@app/projections';
import { applicationLives } from '@app/projections/testing/pipeline-traffic';
import type { DataSource } from 'typeorm';

/**
 * A year of generated pipeline traffic (about 14 events per application), loaded straight into the
 * event store in log order, with the candidates' rows beside it: what the read side is rebuilt from
 * and queried over.
 */
const DAY = 86_400_000;

export interface LoadedTraffic {
  events: number;
  jobs: string[];
  interviewers: string[];
  /** Each recruits for ten jobs: the decisions of those are in their inbox. */
  recruiters: string[];
}

export async function loadTraffic(
  store: PostgresEventStore,
  dataSource: DataSource,
  now: Date,
  applications: number,
): Promise<LoadedTraffic> {
  const jobs = Array.from({ length: Math.max(5, Math.round(applications / 400)) }, () => randomUUID());
  const interviewers = Array.from({ length: 150 }, (_, n) => `interviewer-${n}`);
  const recruiters = Array.from({ length: Math.ceil(jobs.length / 10) }, (_, n) => `recruiter-${n}`);
  const start = new Date(now.getTime() - 365 * DAY);
  for (const [n, jobId] of jobs.entries()) {
    await store.append(
      `job-${jobId}`,
      [
        {
          type: 'JobOpened',
          schemaVersion: EVENT_SCHEMA_VERSIONS.JobOpened,
          data: {
            jobId,
            title: `Engineer ${jobId.slice(0, 4)}`,
            department: 'Engineering',
            openedAt: start.toISOString(),
            by: 'bench',
            recruiterIds: [recruiters[n % recruiters.length]],
            hiringManagerIds: [`manager-${n}`],
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
  }
  // Every application's life, then merged into one log in time order, as the team lived it.
  const all: { stream: string; revision: number; type: string; data: object; at: number }[] = [];
  const candidates: { id: string; jobId: string }[] = [];
  for (const life of applicationLives({ applications, jobs, interviewers, start, end: now, seed: 42 })) {
    life.forEach(({ applicationId, event, at }, revision) => {
      if (revision === 0 && event.type === 'ApplicationSubmitted')
        candidates.push({ id: applicationId, jobId: event.data.jobId });
      all.push({ stream: `application-${applicationId}`, revision, type: event.type, data: event.data, at });
    });
  }
  all.sort((a, b) => a.at - b.at);

  const sql = sqlOf(dataSource);
  for (let offset = 0; offset < all.length; offset += 5000) {
    const rows = all.slice(offset, offset + 5000).map((e) => ({
      stream_id: e.stream,
      revision: e.revision,
      type: e.type,
      schema_version: EVENT_SCHEMA_VERSIONS[e.type as keyof typeof EVENT_SCHEMA_VERSIONS],
      data: e.data,
      recorded_at: new Date(e.at).toISOString(),
    }));
    // A loader, not a writer: one multi-row insert per 5,000 events, positions in log order.
    await sql.query(
      `insert into event_store.events
         (position, stream_id, revision, type, schema_version, data, metadata, recorded_at, transaction_id)
       select nextval('event_store.positions'), stream_id, revision, type, schema_version, data, '{}'::jsonb,
              recorded_at, pg_current_xact_id()
         from (select * from rows from (jsonb_to_recordset($1::jsonb)
                   as (stream_id text, revision bigint, type text, schema_version integer, data jsonb, recorded_at timestamptz))
                 with ordinality as e(stream_id, revision, type, schema_version, data, recorded_at, n)
                order by n) ordered`,
      [JSON.stringify(rows)],
    );
  }
  await sql.query(
    `insert into event_store.streams (stream_id, revision)
     select stream_id, max(revision) from event_store.events group by stream_id
     on conflict (stream_id) do update set revision = excluded.revision`,
  );
  for (let offset = 0; offset < candidates.length; offset += 5000) {
    const rows = candidates.slice(offset, offset + 5000).map((c) => ({
      application_id: c.id,
      job_id: c.jobId,
      name: `Candidate ${c.id.slice(0, 6)}`,
      email: `${c.id}@example.com`,
      reservation_key: c.id,
    }));
    await sql.query(
      `insert into candidates (application_id, job_id, name, email, reservation_key)
       select * from jsonb_to_recordset($1::jsonb)
         as c(application_id uuid, job_id uuid, name text, email text, reservation_key text)`,
      [JSON.stringify(rows)],
    );
  }
  await sql.query('analyze');
  return { events: all.length + jobs.length, jobs, interviewers, recruiters };
}
