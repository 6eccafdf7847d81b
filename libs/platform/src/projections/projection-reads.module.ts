import { Module } from '@nestjs/common';
import { sqlOf } from '@app/projections';
import { DataSource } from 'typeorm';
import { ProjectionPositionHeader, ProjectionReads, READ_MODEL_SQL } from './projection-reads';
import { ProjectionsModule } from './projections.module';

/**
 * What a feature needs to answer from the read model: the SQL handle the projections library
 * queries with, and ProjectionReads (minPosition, X-Projection-Position). Needs CqrsModule.
 */
@Module({
  imports: [ProjectionsModule],
  providers: [
    { provide: READ_MODEL_SQL, inject: [DataSource], useFactory: sqlOf },
    ProjectionReads,
    ProjectionPositionHeader,
  ],
  exports: [ProjectionsModule, READ_MODEL_SQL, ProjectionReads, ProjectionPositionHeader],
})
export class ProjectionReadsModule {}
