import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { HealthIndicatorService } from '@nestjs/terminus';
import { Gauge, register } from 'prom-client';
import { ProjectionsService } from './projections.service';

const STATES = ['running', 'standby', 'retrying', 'stopped', 'elsewhere'] as const;

/**
 * Prometheus gauges for the read model, read at scrape time. Registered on the default registry
 * (the one /metrics serves); a second app in the same process (tests) takes the names over.
 */
@Injectable()
export class ProjectionsMetrics implements OnApplicationBootstrap {
  constructor(private readonly projections: ProjectionsService) {}

  onApplicationBootstrap(): void {
    const projections = this.projections;
    const gauge = (name: string, help: string, labelNames: string[], collect: (g: Gauge) => Promise<void>) => {
      register.removeSingleMetric(name);
      return new Gauge({
        name,
        help,
        labelNames,
        async collect() {
          await collect(this);
        },
      });
    };
    gauge(
      'projection_position',
      'Global position of the last event the read model reflects.',
      ['projection'],
      async (g) => {
        g.set({ projection: 'hiring' }, projections.position);
      },
    );
    gauge(
      'projection_lag_events',
      'Head of the event log minus the read model position.',
      ['projection'],
      async (g) => {
        const status = await projections.status();
        g.set({ projection: status.name }, status.behind);
      },
    );
    gauge(
      'projection_lag_seconds',
      'Seconds the read model is behind (0 when caught up).',
      ['projection'],
      async (g) => {
        const status = await projections.status();
        g.set({ projection: status.name }, status.secondsBehind);
      },
    );
    gauge(
      'projection_runner_state',
      'This process’s projection runner, one series per state (1 = current).',
      ['projection', 'state'],
      async (g) => {
        const status = await projections.status();
        for (const state of STATES) g.set({ projection: status.name, state }, status.state === state ? 1 : 0);
      },
    );
  }
}

/**
 * For /health (HEALTH_INDICATORS): up while the runner is running, on standby, or elsewhere;
 * down while it keeps failing. Lag is reported, not judged: a rebuild or a burst may cause it.
 */
export const projectionsHealthIndicator =
  (projections: ProjectionsService) =>
  async (health: HealthIndicatorService): Promise<unknown> => {
    const indicator = health.check('projections');
    const status = await projections.status();
    const details = {
      state: status.state,
      position: status.position,
      behind: status.behind,
      secondsBehind: status.secondsBehind,
      ...(status.lastError ? { lastError: status.lastError } : {}),
    };
    return status.state === 'retrying' ? indicator.down(details) : indicator.up(details);
  };
