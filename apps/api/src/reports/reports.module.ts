import { Module } from '@nestjs/common';
import { ProjectionReadsModule } from '@app/platform';
import { GetFunnelHandler, GetTimeInStageHandler } from './report.queries';
import { ReportsController } from './reports.controller';
import { SlaMetrics } from './sla-metrics';

@Module({
  imports: [ProjectionReadsModule],
  controllers: [ReportsController],
  providers: [GetTimeInStageHandler, GetFunnelHandler, SlaMetrics],
})
export class ReportsModule {}
