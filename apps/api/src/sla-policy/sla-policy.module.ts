import { Module } from '@nestjs/common';
import { ProjectionReadsModule } from '@app/platform';
import { SetSlaPolicyHandler } from './set-sla-policy';
import { SlaPolicyController } from './sla-policy.controller';
import { SLA_POLICY_QUERY_HANDLERS } from './sla-policy.queries';

/**
 * The SLA policy (SPEC §7) over HTTP: versions read from the `sla-policy` stream, changes through
 * the command loop, a preview over the read model. The projection and its re-judging apply each
 * version to the dashboards (libs/projections).
 */
@Module({
  imports: [ProjectionReadsModule],
  controllers: [SlaPolicyController],
  providers: [SetSlaPolicyHandler, ...SLA_POLICY_QUERY_HANDLERS],
})
export class SlaPolicyModule {}
