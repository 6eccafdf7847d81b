import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { openObligationCounts, type Sql, DEFAULT_AT_RISK_HOURS } from '@app/projections';
import { type Clock, CLOCK, READ_MODEL_SQL } from '@app/platform';

const NAME = 'sla_obligations';

/**
 * SPEC §8: `sla_obligations{kind, stage, state="open|at_risk|breached"}`, counted at scrape time
 * from the open obligations alone (a partial index), so a scrape stays cheap however long the
 * history grows.
 */
@Injectable()
export class SlaMetrics implements OnApplicationBootstrap {
  constructor(
    @Inject(READ_MODEL_SQL) private readonly sql: Sql,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const { sql, clock } = this;
    register.removeSingleMetric(NAME);
    new Gauge({
      name: NAME,
      help: `Obligations open now by kind and stage; at_risk are due within ${DEFAULT_AT_RISK_HOURS} h, breached are past due.`,
      labelNames: ['kind', 'stage', 'state'],
      async collect() {
        this.reset();
        for (const row of await openObligationCounts(sql, clock.now(), DEFAULT_AT_RISK_HOURS)) {
          const labels = { kind: row.kind, stage: row.stage };
          this.set({ ...labels, state: 'open' }, row.open);
          this.set({ ...labels, state: 'at_risk' }, row.atRisk);
          this.set({ ...labels, state: 'breached' }, row.breached);
        }
      },
    });
  }
}
