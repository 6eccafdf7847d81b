import { Module } from '@nestjs/common';
import { HEALTH_INDICATORS } from '../health/health.controller';
import { ProjectionsMetrics, projectionsHealthIndicator } from './projections.metrics';
import { ProjectionsService } from './projections.service';

/**
 * The projection runner's lifecycle (started on bootstrap when PROJECTIONS=on, stopped before
 * shutdown), the committed position, rebuilds, /health and /metrics contributions. Without the
 * HTTP reads, it is what apps/projector needs (with PROJECTIONS=on).
 *
 * Needs CONFIG and EVENT_STORE (InfrastructureModule) and a DataSource with PROJECTION_ENTITIES and
 * PROJECTION_MIGRATIONS registered.
 */
@Module({
  providers: [
    ProjectionsService,
    ProjectionsMetrics,
    {
      provide: HEALTH_INDICATORS,
      inject: [ProjectionsService],
      useFactory: (projections: ProjectionsService) => [projectionsHealthIndicator(projections)],
    },
  ],
  exports: [ProjectionsService, HEALTH_INDICATORS],
})
export class ProjectionsModule {}
