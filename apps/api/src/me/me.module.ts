import { Module } from '@nestjs/common';
import { ProjectionReadsModule } from '@app/platform';
import { MeController } from './me.controller';
import { GetMyObligationsHandler } from './my-obligations.query';

/** The caller's own view: GET /me/obligations, their inbox of SPEC §6. */
@Module({
  imports: [ProjectionReadsModule],
  controllers: [MeController],
  providers: [GetMyObligationsHandler],
})
export class MeModule {}
