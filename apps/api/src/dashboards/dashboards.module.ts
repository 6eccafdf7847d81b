import { Module } from '@nestjs/common';
import { sqlOf } from '@app/projections';
import { DataSource } from 'typeorm';
import { ProjectionPositionHeader, ProjectionReads } from './projection-reads';
import { ProjectionsAdminController } from './projections-admin.controller';
import { ProjectionsModule } from './projections.module';
import { DASHBOARD_QUERY_HANDLERS, READ_MODEL_SQL } from './queries/dashboard.queries';
import { ReadModelController } from './read-model.controller';

/**
 * The read side over HTTP: GET /applications, /jobs, /pipeline, /sla/*, and
 * POST /admin/projections/rebuild, on top of ProjectionsModule (the runner, health, metrics).
 *
 * Needs, from the app: CONFIG, CLOCK and EVENT_STORE (InfrastructureModule), a TypeORM DataSource
 * with PROJECTION_ENTITIES and PROJECTION_MIGRATIONS registered, CqrsModule.forRoot(), the auth guard.
 */
@Module({
  imports: [ProjectionsModule],
  controllers: [ReadModelController, ProjectionsAdminController],
  providers: [
    { provide: READ_MODEL_SQL, inject: [DataSource], useFactory: sqlOf },
    ProjectionReads,
    ProjectionPositionHeader,
    ...DASHBOARD_QUERY_HANDLERS,
  ],
  exports: [ProjectionsModule],
})
export class DashboardsModule {}
