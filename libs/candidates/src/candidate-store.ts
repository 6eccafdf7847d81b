import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { isUUID } from 'class-validator';
import { Repository } from 'typeorm';
import { eachAloneOnFailure, sentTogether } from '@app/event-store';
import { CandidateRecord } from './candidate.entity';

export interface CandidateDetails {
  name: string;
  email: string;
  phone?: string;
}

/** The key of "one active application per email (case-insensitive) and job". */
export const activeApplicationKey = (jobId: string, email: string) =>
  `active-application:${createHash('sha256').update(`${jobId}\u0000${email.trim().toLowerCase()}`).digest('hex')}`;

interface CandidateRow {
  application_id: string;
  job_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  reservation_key: string;
  erased_at: Date | null;
}

interface NewCandidate {
  /** In lower case, as PostgreSQL answers a uuid. */
  applicationId: string;
  jobId: string;
  candidate: CandidateDetails;
  savedAt: Date;
}

const toRecord = (row: CandidateRow): CandidateRecord =>
  Object.assign(new CandidateRecord(), {
    applicationId: row.application_id,
    jobId: row.job_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    reservationKey: row.reservation_key,
    erasedAt: row.erased_at,
  });

/**
 * Plain statements rather than the query builder: a submit and most reads of an application come
 * through here, and building the statement cost more CPU than running it.
 */
@Injectable()
export class CandidateStore {
  constructor(@InjectRepository(CandidateRecord) private readonly records: Repository<CandidateRecord>) {}

  /**
   * Idempotent: a retried submission with the same application id keeps the first record, and
   * renews its lease (`createdAt`) so that the orphan sweep leaves it to the retry's append. True when
   * this call stored the record, false when one was there already.
   */
  save(applicationId: string, jobId: string, candidate: CandidateDetails, savedAt: Date): Promise<boolean> {
    return this.saveTogether({ applicationId: applicationId.toLowerCase(), jobId, candidate, savedAt });
  }

  /**
   * Concurrent submits' rows, in one statement and one commit. An id twice in a batch (two tries of
   * one submit) is stored by its first; the others find it there, as they would have one after the
   * other. Should the statement fail, each row is stored alone, so that only a row that cannot be
   * stored fails its request.
   */
  private readonly saveTogether = sentTogether(
    eachAloneOnFailure(async (rows: readonly NewCandidate[]) => {
      const firsts = new Map<string, NewCandidate>();
      for (const row of rows) if (!firsts.has(row.applicationId)) firsts.set(row.applicationId, row);
      const stored = await this.insert([...firsts.values()]);
      return rows.map((row) => firsts.get(row.applicationId) === row && stored.has(row.applicationId));
    }),
  );

  /** The ids of the rows this statement stored, not those it found there already. */
  private async insert(rows: readonly NewCandidate[]): Promise<Set<string>> {
    const answered: { application_id: string; inserted: boolean }[] = await this.records.query(
      `insert into candidates (application_id, job_id, name, email, phone, reservation_key, created_at)
       select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
       on conflict (application_id) do update set created_at = excluded.created_at
        where not candidates.confirmed
       returning application_id, (xmax = 0) as inserted`,
      [
        rows.map((row) => row.applicationId),
        rows.map((row) => row.jobId),
        rows.map((row) => row.candidate.name),
        rows.map((row) => row.candidate.email),
        rows.map((row) => row.candidate.phone ?? null),
        rows.map((row) => activeApplicationKey(row.jobId, row.candidate.email)),
        rows.map((row) => row.savedAt),
      ],
    );
    return new Set(answered.filter((row) => row.inserted).map((row) => row.application_id));
  }

  find(applicationId: string): Promise<CandidateRecord | null> {
    return this.findTogether(applicationId);
  }

  /** Concurrent requests' rows, in one query. */
  private readonly findTogether = sentTogether(async (applicationIds: readonly string[]) => {
    // One caller's malformed id must not fail the others' reads: it finds nothing, as it would alone.
    const rows: CandidateRow[] = await this.records.query(
      `select application_id, job_id, name, email, phone, reservation_key, erased_at
         from candidates where application_id = any($1::uuid[])`,
      [applicationIds.filter((id) => isUUID(id))],
    );
    // PostgreSQL answers a uuid in lower case, whichever case it was asked in.
    const found = new Map(rows.map((row) => [row.application_id, toRecord(row)]));
    return applicationIds.map((id) => found.get(id.toLowerCase()) ?? null);
  });

  async remove(applicationId: string): Promise<void> {
    await this.records.query('delete from candidates where application_id = $1', [applicationId]);
  }

  async erase(applicationId: string, at: Date): Promise<void> {
    await this.records.query(
      `update candidates set name = null, email = null, phone = null, erased_at = $2 where application_id = $1`,
      [applicationId, at],
    );
  }
}
