/**
 * The read side: a projection runner on the event store's subscription (batches, checkpoints in the
 * same transaction, one runner per projection across processes), the hiring read model, its
 * rebuild, and the dashboard queries.
 */
import {
  ApplicationRecord,
  ApplicationStateRecord,
  BoardIntervalRecord,
  JobRecord,
  ObligationRecord,
  ProjectionCheckpointRecord,
  StageIntervalRecord,
  StatusIntervalRecord,
} from './read-model/entities';
import { SchedulingWaitRecord, SlaPolicyVersionRecord, SlaRejudgingRecord } from './read-model/sla-policy-entities';
import { ReadModel1732500000000 } from './read-model/migrations/1732500000000-read-model';
import { ReportIndexes1764650000100 } from './read-model/migrations/1764650000100-report-indexes';
import { JobTeams1764650000000 } from './read-model/migrations/1764650000000-job-teams';
import { ObligationsByDueThenId1764650000001 } from './read-model/migrations/1764650000001-obligations-by-due-then-id';
import { PersonalTextOutOfStates1764650000003 } from './read-model/migrations/1764650000003-personal-text-out-of-states';
import { SlaPolicyTimeline1764900000000 } from './read-model/migrations/1764900000000-sla-policy-timeline';
import { SlaNotices1765000000000 } from './read-model/migrations/1765000000000-sla-notices';
import { DashboardIndexes1765100000000 } from './read-model/migrations/1765100000000-dashboard-indexes';
import { VacuumOften1765100000001 } from './read-model/migrations/1765100000001-vacuum-often';
import { OpenObligationsByJob1765100000002 } from './read-model/migrations/1765100000002-open-obligations-by-job';

/** Register in the app's DataSource, next to its own entities and migrations. */
export const PROJECTION_ENTITIES = [
  ProjectionCheckpointRecord,
  JobRecord,
  ApplicationRecord,
  ApplicationStateRecord,
  StageIntervalRecord,
  StatusIntervalRecord,
  BoardIntervalRecord,
  ObligationRecord,
  SchedulingWaitRecord,
  SlaPolicyVersionRecord,
  SlaRejudgingRecord,
];
export const PROJECTION_MIGRATIONS = [
  ReadModel1732500000000,
  JobTeams1764650000000,
  ObligationsByDueThenId1764650000001,
  PersonalTextOutOfStates1764650000003,
  ReportIndexes1764650000100,
  SlaPolicyTimeline1764900000000,
  SlaNotices1765000000000,
  DashboardIndexes1765100000000,
  VacuumOften1765100000001,
  OpenObligationsByJob1765100000002,
];

export * from './read-model/entities';
export * from './read-model/sla-policy-entities';
export { HiringProjection, HIRING_PROJECTION } from './read-model/hiring-projection';
export { SlaRejudger, type RejudgerOptions } from './read-model/rejudger';
export { type PendingRejudging, pendingRejudging } from './read-model/rejudging';
export { loadTimeline } from './read-model/policy-timeline';

export { type Sql, sqlOf } from './database/sql';
export type { Projection, ReplayApplier } from './runner/projection';
export {
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type RunnerLogger,
  type RunnerState,
} from './runner/projection-runner';
export { CheckpointWatcher, type CheckpointWatcherOptions } from './runner/checkpoint-watcher';
export { type ProjectionLag, projectionLag } from './runner/lag';
export { type Checkpoint } from './runner/checkpoints';
export {
  rebuildProjection,
  RebuildAborted,
  RebuildInProgress,
  type RebuildOptions,
  type RebuildReport,
} from './rebuild/rebuild';

export * from './queries/applications';
export * from './queries/jobs';
export * from './queries/pipeline';
export * from './queries/sla-lists';
export * from './queries/sla-summary';
export * from './queries/sla-preview';
export * from './queries/sla-policy-progress';
export { InvalidCursor } from './queries/cursor';
export * from './queries/reports';
export * from './queries/due-notices';
export * from './queries/my-obligations';
