import { Column, Entity, PrimaryColumn } from 'typeorm';
import { READ_MODEL_SCHEMA } from './entities';

/*
 * The read model's tables for the SLA policy (SPEC §7), created by the sla-policy-timeline
 * migration. The obligations table itself, with the version that judges each row, is in entities.ts.
 */

const timestamp = (name: string, nullable = false) => Column({ type: 'timestamptz', name, nullable });

/** Every version of the SLA policy the projection has seen (the `sla-policy` stream, folded). */
@Entity({ schema: READ_MODEL_SCHEMA, name: 'sla_policy_versions' })
export class SlaPolicyVersionRecord {
  @PrimaryColumn('integer')
  version!: number;

  @timestamp('effective_from')
  effectiveFrom!: Date;

  /** The normalised policy, as the event carries it. */
  @Column('jsonb')
  policy!: object;

  @timestamp('changed_at')
  changedAt!: Date;

  @Column('text', { name: 'changed_by' })
  changedBy!: string;
}

/** Obligations started since a version's effectiveFrom that are still to be judged by it. */
@Entity({ schema: READ_MODEL_SCHEMA, name: 'sla_rejudging' })
export class SlaRejudgingRecord {
  @PrimaryColumn('integer')
  version!: number;

  @timestamp('effective_from')
  effectiveFrom!: Date;

  /** Applications up to this id (in uuid order) are done; null: none yet. */
  @Column('uuid', { name: 'after_application', nullable: true })
  afterApplication!: string | null;
}

/** Every wait for an interview to be booked, an obligation or not under the policy of its day. */
@Entity({ schema: READ_MODEL_SCHEMA, name: 'scheduling_waits' })
export class SchedulingWaitRecord {
  @PrimaryColumn('uuid', { name: 'application_id' })
  applicationId!: string;

  /** `scheduling:<n>`: the id of the obligation it is whenever the policy asks for one. */
  @PrimaryColumn('text', { name: 'obligation_id' })
  obligationId!: string;

  @Column('uuid', { name: 'job_id' })
  jobId!: string;

  @Column('text')
  stage!: string;

  @timestamp('started_at')
  startedAt!: Date;

  @timestamp('satisfied_at', true)
  satisfiedAt!: Date | null;

  @timestamp('cancelled_at', true)
  cancelledAt!: Date | null;
}
