import { Controller, Get, Inject, Optional, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Public } from '../auth/roles';

/** Optional contributors to /health, such as the projection runner's lag. */
export const HEALTH_INDICATORS = Symbol('HealthIndicators');
export type ExtraHealthIndicator = (health: HealthIndicatorService) => Promise<unknown>;

/** Terminus's answer: each indicator by name, with `status: "up"` or `"down"` and what it adds. */
export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] })
  status!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The indicators that are up.' })
  info!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The indicators that are down.' })
  error!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Every indicator.' })
  details!: Record<string, unknown>;
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(HEALTH_INDICATORS) private readonly extra: ExtraHealthIndicator[] = [],
  ) {}

  /** 200 `{status: "ok"}` when everything answers; 503 with the same shape, naming what is down. */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto, description: 'The database, the event store and the projections are up.' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'Something is down; `error` names it.' })
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 2000 }),
        () =>
          this.indicators
            .check('eventStore')
            .attempt(() => this.store.ping())
            .withTimeout(2000),
        ...this.extra.map((indicator) => () => indicator(this.indicators) as never),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(503);
      return error.getResponse();
    }
  }
}
