import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Repository } from 'typeorm';
import { CandidateRecord } from './candidate.entity';

export interface CandidateDetails {
  name: string;
  email: string;
  phone?: string;
}

/** The key of "one active application per email (case-insensitive) and job". */
export const activeApplicationKey = (jobId: string, email: string) =>
  `active-application:${createHash('sha256').update(`${jobId}\u0000${email.trim().toLowerCase()}`).digest('hex')}`;

@Injectable()
export class CandidateStore {
  constructor(@InjectRepository(CandidateRecord) private readonly records: Repository<CandidateRecord>) {}

  /**
   * Idempotent: a retried submission with the same application id keeps the first record, and
   * renews its lease (`createdAt`) so that the orphan sweep leaves it to the retry's append.
   */
  async save(applicationId: string, jobId: string, candidate: CandidateDetails, savedAt: Date): Promise<void> {
    await this.records.query(
      `insert into candidates (application_id, job_id, name, email, phone, reservation_key, created_at)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (application_id) do update set created_at = excluded.created_at
        where not candidates.confirmed`,
      [
        applicationId,
        jobId,
        candidate.name,
        candidate.email,
        candidate.phone ?? null,
        activeApplicationKey(jobId, candidate.email),
        savedAt,
      ],
    );
  }

  find(applicationId: string): Promise<CandidateRecord | null> {
    return this.records.findOneBy({ applicationId });
  }

  async remove(applicationId: string): Promise<void> {
    await this.records.delete({ applicationId });
  }

  async erase(applicationId: string, at: Date): Promise<void> {
    await this.records.update({ applicationId }, { name: null, email: null, phone: null, erasedAt: at });
  }
}
