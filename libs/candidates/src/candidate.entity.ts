import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A candidate's personal data, kept out of the event log so that erasing it is a delete, not a
 * rewrite of history (the "forgettable payload" pattern). Events refer to the application only.
 */
@Entity({ name: 'candidates' })
@Index('candidates_unconfirmed', { synchronize: false })
export class CandidateRecord {
  @PrimaryColumn('uuid', { name: 'application_id' })
  applicationId!: string;

  @Column('uuid', { name: 'job_id' })
  jobId!: string;

  @Column('text', { nullable: true })
  name!: string | null;

  @Column('text', { nullable: true })
  email!: string | null;

  @Column('text', { nullable: true })
  phone!: string | null;

  /**
   * One-way hash of job and email: the key under which the event store keeps "one active
   * application per email and job". Kept after erasure so that the reservation can still be
   * released; it cannot be turned back into the address.
   */
  @Column('text', { name: 'reservation_key' })
  reservationKey!: string;

  @Column('timestamptz', { name: 'erased_at', nullable: true })
  erasedAt!: Date | null;

  /** When the submit saved it; renewed by a retried submit. See ./orphan-sweep.ts. */
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  /** Its application has been seen to exist: the sweep never looks at it again. */
  @Column('boolean', { default: false })
  confirmed!: boolean;
}
