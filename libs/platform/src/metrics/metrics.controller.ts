import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, register } from 'prom-client';
import { Public } from '../auth/roles';

collectDefaultMetrics();

/** Prometheus text format; features register their own gauges and counters on the default registry. */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  @Get()
  @Public()
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
