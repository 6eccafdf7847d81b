import { h, notice, option, replaceChildren } from '../dom';
import { BarChart, COLORS } from '../charts';
import { percent } from '../format';
import { STAGE_LABELS, type Stage, type Summary } from '../types';
import { answerKey, type BoardContext, failure, RenderGate, type View } from '../view';

const DAY_MS = 86_400_000;

/** One `/sla/summary` grouping as a stacked bar chart of on time, late and breached. */
class ComplianceChart {
  readonly element: HTMLElement;
  private readonly message = h('div');
  private readonly chart: BarChart;
  private readonly gate = new RenderGate();

  constructor(
    private readonly ctx: BoardContext,
    private readonly groupBy: 'stage' | 'interviewer',
    title: string,
  ) {
    this.chart = new BarChart(title, { stacked: true, yLabel: 'obligations' });
    this.element = h(
      'section',
      { class: 'panel', 'data-chart': `compliance-${groupBy}` },
      this.message,
      this.chart.element,
    );
  }

  async refresh(days: number, force: boolean): Promise<void> {
    const to = this.ctx.now();
    const from = new Date(to.getTime() - days * DAY_MS);
    const result = await this.ctx.api.get<Summary>('/sla/summary', {
      groupBy: this.groupBy,
      jobId: this.ctx.jobId(),
      from: from.toISOString(),
      to: to.toISOString(),
    });
    if (result.kind !== 'ok') {
      this.gate.reset();
      replaceChildren(this.message, failure(result));
      this.chart.element.hidden = true;
      return;
    }
    if (!this.gate.shouldRender(`${days}|${this.ctx.jobId()}|${answerKey(result)}`, Date.now(), force)) return;
    const groups = result.data.groups;
    replaceChildren(this.message, groups.length === 0 && notice('No obligations fell due in this window.'));
    this.chart.element.hidden = groups.length === 0;
    // Decisions and scheduling are owed by the job's team, not an interviewer: their group has no key.
    const name = (key: string | null) =>
      key === null ? 'no interviewer' : this.groupBy === 'stage' ? (STAGE_LABELS[key as Stage] ?? key) : key;
    this.chart.show(
      groups.map((g) => `${name(g.key)} (${percent(g.complianceRate)})`),
      [
        { label: 'met on time', values: groups.map((g) => g.metOnTime), color: COLORS.good },
        { label: 'met late', values: groups.map((g) => g.metLate), color: COLORS.late },
        { label: 'breached, still open', values: groups.map((g) => g.breachedOpen), color: COLORS.bad },
      ],
    );
  }
}

/** SPEC §8: compliance by stage and by interviewer. */
export class ComplianceView implements View {
  readonly id = 'compliance';
  readonly title = 'Compliance';
  readonly element = h('section', { class: 'view view-compliance', 'aria-label': 'Compliance' });
  private readonly window = h(
    'select',
    { name: 'days' },
    option('7', 'last 7 days'),
    option('30', 'last 30 days', true),
    option('90', 'last 90 days'),
  );
  private readonly charts: ComplianceChart[];

  constructor(ctx: BoardContext) {
    this.charts = [
      new ComplianceChart(ctx, 'stage', 'Compliance by stage'),
      new ComplianceChart(ctx, 'interviewer', 'Compliance by interviewer'),
    ];
    this.window.addEventListener('change', () => ctx.requestRefresh());
    this.element.append(
      h('form', { class: 'filters' }, h('label', {}, h('span', {}, 'Obligations due in the'), this.window)),
      h('div', { class: 'charts' }, ...this.charts.map((c) => c.element)),
    );
  }

  async refresh(force: boolean): Promise<void> {
    await Promise.all(this.charts.map((chart) => chart.refresh(Number(this.window.value), force)));
  }
}
