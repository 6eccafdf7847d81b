import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The read-model tables as TypeORM entities, for the app's DataSource and for anyone who wants a
 * repository. The migration in ./migrations is what creates them (never `synchronize`); indexes
 * TypeORM cannot describe (GiST on ranges, GIN, INCLUDE) are declared `synchronize: false` so that
 * a schema diff leaves them alone. The projection itself writes with SQL, in batches.
 */
export const READ_MODEL_SCHEMA = 'read_model';

const timestamp = (name: string, nullable = false) => Column({ type: 'timestamptz', name, nullable });
/** The generated range columns: shared by the entities, the migration and TypeORM's metadata table. */
export const STAGE_DURING =
  "tstzrange(entered_at, case when left_at < entered_at then entered_at else left_at end, '[)')";
export const STATUS_DURING = "tstzrange(from_at, case when until_at < from_at then from_at else until_at end, '[)')";
export const ON_BOARD = STATUS_DURING;
export const BREACHED_DURING =
  "tstzrange(due_at, case when least(satisfied_at, cancelled_at) < due_at then due_at else least(satisfied_at, cancelled_at) end, '()')";
export const GENERATED_COLUMNS: readonly [table: string, column: string, expression: string][] = [
  ['stage_intervals', 'during', STAGE_DURING],
  ['status_intervals', 'during', STATUS_DURING],
  ['board_intervals', 'on_board', ON_BOARD],
  ['obligations', 'breached_during', BREACHED_DURING],
];

const generatedRange = (name: string, asExpression: string) =>
  Column({ type: 'tstzrange', name, generatedType: 'STORED', asExpression, insert: false, update: false });

@Entity({ schema: READ_MODEL_SCHEMA, name: 'projection_checkpoints' })
export class ProjectionCheckpointRecord {
  @PrimaryColumn('text')
  name!: string;

  @Column('bigint', { default: 0 })
  position!: string;

  @timestamp('event_recorded_at', true)
  eventRecordedAt!: Date | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'jobs' })
export class JobRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  title!: string;

  @Column('text', { nullable: true })
  department!: string | null;

  @Column('text')
  status!: 'open' | 'closed';

  @timestamp('opened_at')
  openedAt!: Date;

  @timestamp('closed_at', true)
  closedAt!: Date | null;

  /** The hiring team (SPEC §6): who owns the decisions of the job's applications. */
  @Column('text', { name: 'recruiter_ids', array: true, default: () => "'{}'" })
  recruiterIds!: string[];

  @Column('text', { name: 'hiring_manager_ids', array: true, default: () => "'{}'" })
  hiringManagerIds!: string[];

  @Column('integer')
  version!: number;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'applications' })
@Index('applications_by_submission', ['submittedAt', 'id'])
@Index('applications_by_job', ['jobId', 'submittedAt', 'id'])
@Index('applications_by_stage', ['stage', 'status', 'submittedAt', 'id'])
@Index('applications_by_status', ['status', 'submittedAt', 'id'])
@Index('applications_by_interviewer', { synchronize: false })
export class ApplicationRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'job_id' })
  jobId!: string;

  @Column('text')
  status!: string;

  @Column('text')
  stage!: string;

  @timestamp('stage_entered_at')
  stageEnteredAt!: Date;

  @timestamp('submitted_at')
  submittedAt!: Date;

  /** Everyone scheduled to interview in any of its interviews: who may see it in GET /applications. */
  @Column('text', { name: 'interviewer_ids', array: true, default: () => "'{}'" })
  interviewerIds!: string[];

  /** The stream's revision, as GET /applications/:id reports it. */
  @Column('integer')
  version!: number;

  /** Global position of its last event. */
  @Column('bigint')
  position!: string;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'application_states' })
export class ApplicationStateRecord {
  @PrimaryColumn('uuid', { name: 'application_id' })
  applicationId!: string;

  @Column('integer')
  version!: number;

  @Column('bigint')
  position!: string;

  /** The domain's ApplicationState, folded by evolveApplication. */
  @Column('jsonb')
  state!: object;

  /** Status changes with their times, which the state alone forgets (an unreject erases a rejection). */
  @Column('jsonb', { name: 'status_log' })
  statusLog!: object;

  /** The reminders and escalations recorded about its obligations (the domain's NoticeLog). */
  @Column('jsonb', { default: () => "'{}'" })
  notices!: object;

  /** The revision of its `sla-notices-<id>` stream that `notices` reflects. */
  @Column('integer', { name: 'notices_version', default: -1 })
  noticesVersion!: number;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'stage_intervals' })
export class StageIntervalRecord {
  @PrimaryColumn('uuid', { name: 'application_id' })
  applicationId!: string;

  /** Index of the stay in the application's visits. */
  @PrimaryColumn('integer')
  visit!: number;

  @Column('uuid', { name: 'job_id' })
  jobId!: string;

  @Column('text')
  stage!: string;

  @timestamp('entered_at')
  enteredAt!: Date;

  @timestamp('left_at', true)
  leftAt!: Date | null;

  @generatedRange('during', STAGE_DURING)
  during!: string;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'status_intervals' })
@Index('status_intervals_ended', { synchronize: false })
@Index('status_intervals_by_job', ['jobId'])
export class StatusIntervalRecord {
  @PrimaryColumn('uuid', { name: 'application_id' })
  applicationId!: string;

  @PrimaryColumn('integer')
  seq!: number;

  @Column('uuid', { name: 'job_id' })
  jobId!: string;

  @Column('text')
  status!: string;

  @timestamp('from_at')
  fromAt!: Date;

  @timestamp('until_at', true)
  untilAt!: Date | null;

  @generatedRange('during', STATUS_DURING)
  during!: string;
}

/** A stay in a stage, cut to the time the application was active: when it was on the pipeline board. */
@Entity({ schema: READ_MODEL_SCHEMA, name: 'board_intervals' })
@Index('board_intervals_on_board', { synchronize: false })
@Index('board_intervals_by_job', ['jobId'])
@Index('board_intervals_by_end', { synchronize: false })
export class BoardIntervalRecord {
  @PrimaryColumn('uuid', { name: 'application_id' })
  applicationId!: string;

  @PrimaryColumn('integer')
  visit!: number;

  /** Index of the status interval (an active one) it falls in. */
  @PrimaryColumn('integer')
  period!: number;

  @Column('uuid', { name: 'job_id' })
  jobId!: string;

  @Column('text')
  stage!: string;

  /** When the stay began, as the board shows it (an unreject does not reset it). */
  @timestamp('entered_at')
  enteredAt!: Date;

  @timestamp('from_at')
  fromAt!: Date;

  @timestamp('until_at', true)
  untilAt!: Date | null;

  @generatedRange('on_board', ON_BOARD)
  onBoard!: string;
}

@Entity({ schema: READ_MODEL_SCHEMA, name: 'obligations' })
@Index('obligations_open', { synchronize: false })
@Index('obligations_open_by_job', { synchronize: false })
@Index('obligations_settled_late', { synchronize: false })
@Index('obligations_by_due_then_id', { synchronize: false })
@Index('obligations_decisions_by_job', { synchronize: false })
@Index('obligations_scorecards_by_interviewer', { synchronize: false })
@Index('obligations_next_notice', { synchronize: false })
@Index('obligations_escalated_to', { synchronize: false })
export class ObligationRecord {
  @PrimaryColumn('uuid', { name: 'application_id' })
  applicationId!: string;

  /** The domain's obligation id: `decision:<n>`, `scheduling:<n>` or `scorecard:<interviewId>:<interviewerId>`. */
  @PrimaryColumn('text', { name: 'obligation_id' })
  obligationId!: string;

  @Column('uuid', { name: 'job_id' })
  jobId!: string;

  @Column('text')
  kind!: string;

  @Column('text')
  stage!: string;

  @Column('text', { name: 'interview_id', nullable: true })
  interviewId!: string | null;

  @Column('text', { name: 'interviewer_id', nullable: true })
  interviewerId!: string | null;

  @timestamp('started_at')
  startedAt!: Date;

  @timestamp('due_at')
  dueAt!: Date;

  @timestamp('satisfied_at', true)
  satisfiedAt!: Date | null;

  @timestamp('cancelled_at', true)
  cancelledAt!: Date | null;

  @generatedRange('breached_during', BREACHED_DURING)
  breachedDuring!: string;

  /** The SLA policy version in force at started_at, which judges it. */
  @Column('integer', { name: 'policy_version', nullable: true })
  policyVersion!: number | null;

  /** Its target, in counted hours of that version's calendar. */
  @Column('double precision', { name: 'target_hours', nullable: true })
  targetHours!: number | null;

  /** The reminders recorded (SPEC §6): `[{fraction, at, recipients}]`, in the order recorded. */
  @Column('jsonb', { default: () => "'[]'" })
  reminders!: object;

  @timestamp('escalated_at', true)
  escalatedAt!: Date | null;

  @Column('text', { name: 'escalation_recipients', array: true, default: () => "'{}'" })
  escalationRecipients!: string[];

  /** When the next reminder or escalation falls due; null once settled or when none is left. */
  @timestamp('next_notice_at', true)
  nextNoticeAt!: Date | null;
}
