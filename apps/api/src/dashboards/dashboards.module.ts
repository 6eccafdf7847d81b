import { Module } from '@nestjs/common';
import { ProjectionReadsModule } from '@app/platform';
import { ProjectionsAdminController } from './projections-admin.controller';
import { DASHBOARD_QUERY_HANDLERS } from './queries/dashboard.queries';
import { ReadModelController } from './read-model.controller';

/** The SLA dashboards and the pipeline board over HTTP, and POST /admin/projections/rebuild. */
@Module({
  imports: [ProjectionReadsModule],
  controllers: [ReadModelController, ProjectionsAdminController],
  providers: [...DASHBOARD_QUERY_HANDLERS],
})
export class DashboardsModule {}
