import { BeforeApplicationShutdown, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { WebhookService } from '@app/notifications';
import type { Pool } from 'pg';
import { type Config, CONFIG } from '../config/config';
import { type Clock, CLOCK } from '../infrastructure/clock';
import { WEBHOOK_POOL } from '../infrastructure/infrastructure.module';
import { candidateNamesFrom } from './candidate-names';
import { slaMetSource } from './sla-met';
import { SlaReminders } from './sla-reminders';

/**
 * Delivers while this process runs the projections (the API with PROJECTIONS=on, apps/projector):
 * started once the app is up, stopped before the pools close, letting attempts in flight finish and
 * be recorded. Several such processes may run: one leads (an advisory lock), the others stand by.
 */
@Injectable()
export class WebhookDelivery implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly webhooks: WebhookService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.projections !== 'on') {
      this.logger.log('PROJECTIONS=off: webhooks are delivered by the process that runs the projections');
      return;
    }
    this.webhooks.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.webhooks.stop();
  }
}

/**
 * SPEC §6 for any process: WebhookService for the management routes (which work in every process),
 * and, where the projections run, webhook delivery and the reminder timer. Needs
 * InfrastructureModule (CONFIG, CLOCK, EVENT_STORE, WEBHOOK_POOL, the read store whose migrations
 * create the tables).
 */
@Module({
  providers: [
    {
      provide: WebhookService,
      inject: [CONFIG, CLOCK, EVENT_STORE, WEBHOOK_POOL],
      useFactory: (config: Config, clock: Clock, store: EventStore, pool: Pool) =>
        new WebhookService(pool, store, {
          now: () => clock.now(),
          candidateNames: candidateNamesFrom(pool),
          slaMet: slaMetSource(store, config.sla),
          allowPrivate: config.webhooks.allowPrivate,
          retrySchedule: config.webhooks.retrySchedule,
          // Twice the library's defaults, in the same ratio: a busy endpoint keeps up with a team's
          // writes (bench/webhooks.ts), and four hanging endpoints still cannot take every slot.
          concurrency: 64,
          perEndpoint: 16,
          logger: new Logger('Webhooks'),
        }),
    },
    WebhookDelivery,
    SlaReminders,
  ],
  exports: [WebhookService, SlaReminders],
})
export class NotificationsModule {}
