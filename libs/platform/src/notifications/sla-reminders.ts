import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  type DueObligations,
  type LeaderRole,
  Leadership,
  REMINDER_LEADER_LOCK,
  ReminderTimer,
} from '@app/notifications';
import { dueNotices, sqlOf } from '@app/projections';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { type Config, CONFIG } from '../config/config';
import { type Clock, CLOCK } from '../infrastructure/clock';
import { WEBHOOK_POOL } from '../infrastructure/infrastructure.module';
import { SlaPolicyTimeline } from '../sla-policy/sla-policy-timeline';

/** SPEC §6 allows 10 s from a point falling due to its notice being recorded; a look every second. */
export const REMINDER_POLL_MS = 1_000;

/**
 * Records SPEC §6's reminders and escalations while this process runs the projections (the API with
 * PROJECTIONS=on, apps/projector), whose read model says what has fallen due. One such process
 * leads (an advisory lock of its own, held on a connection of the notifications' pool) and the
 * others stand by; what the leader records is appended at an expected revision, so a second
 * leader (PGlite, where advisory locks exclude nobody) or a restart still records each notice once.
 */
@Injectable()
export class SlaReminders implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private readonly leadership: Leadership;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(CLOCK) clock: Clock,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(WEBHOOK_POOL) pool: Pool,
    dataSource: DataSource,
    policy: SlaPolicyTimeline,
  ) {
    const sql = sqlOf(dataSource);
    const due: DueObligations = (now, limit) => dueNotices(sql, now, limit);
    const timer = new ReminderTimer(store, due, () => policy.timeline(), {
      now: () => clock.now(),
      pollMs: REMINDER_POLL_MS,
      onError: (message) => this.logger.error(message),
    });
    this.leadership = new Leadership(pool, REMINDER_LEADER_LOCK, 'reminders', (signal) => timer.run(signal), {
      logger: this.logger,
    });
  }

  get role(): LeaderRole {
    return this.leadership.role;
  }

  onApplicationBootstrap(): void {
    if (this.config.projections !== 'on') {
      this.logger.log('PROJECTIONS=off: reminders are recorded by the process that runs the projections');
      return;
    }
    this.leadership.start();
  }

  /** Lets the notice in flight be appended, then gives up the lead, before the pools close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.leadership.stop();
  }
}
