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

  /** Idempotent: a retried submission with the same application id keeps the first record. */
  async save(applicationId: string, jobId: string, candidate: CandidateDetails): Promise<void> {
    await this.records
      .createQueryBuilder()
      .insert()
      .values({
        applicationId,
        jobId,
        name: candidate.name,
        email: candidate.email,
        phone: candidate.phone ?? null,
        reservationKey: activeApplicationKey(jobId, candidate.email),
        erasedAt: null,
      })
      .orIgnore()
      .execute();
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
