import { type ApiResult } from '../api';
import { h, option, replaceChildren } from '../dom';
import { BarChart, COLORS } from '../charts';
import { percent } from '../format';
import { type Funnel, STAGE_LABELS, type TimeInStage } from '../types';
import { answerKey, type BoardContext, failure, RenderGate, type View } from '../view';

const DAY_MS = 86_400_000;

/** A chart with the message that replaces it when its report cannot be had. */
class ReportPanel {
  readonly element: HTMLElement;
  readonly message = h('div');
  private readonly gate = new RenderGate();

  constructor(
    name: string,
    readonly chart: BarChart,
    readonly caption = h('p', { class: 'caption' }),
  ) {
    this.element = h('section', { class: 'panel', 'data-chart': name }, this.message, chart.element, caption);
  }

  /** True when the answer is new and should be drawn. */
  accept(result: ApiResult<unknown>, key: string, force: boolean): boolean {
    if (result.kind !== 'ok') {
      this.gate.reset();
      replaceChildren(this.message, failure(result));
      replaceChildren(this.caption);
      this.chart.element.hidden = true;
      return false;
    }
    if (!this.gate.shouldRender(`${key}|${answerKey(result)}`, Date.now(), force)) return false;
    replaceChildren(this.message);
    this.chart.element.hidden = false;
    return true;
  }
}

/** SPEC §8: time in stage and the funnel. */
export class ReportsView implements View {
  readonly id = 'reports';
  readonly title = 'Reports';
  readonly element = h('section', { class: 'view view-reports', 'aria-label': 'Reports' });
  private readonly window = h(
    'select',
    { name: 'days' },
    option('30', 'last 30 days'),
    option('90', 'last 90 days', true),
    option('365', 'last year'),
  );
  private readonly clock = h(
    'select',
    { name: 'clock' },
    option('calendar', 'calendar hours'),
    option('business', 'business hours'),
  );
  private readonly timeInStage = new ReportPanel('time-in-stage', new BarChart('Time in stage', { yLabel: 'hours' }));
  private readonly funnel = new ReportPanel('funnel', new BarChart('Funnel', { yLabel: 'applications' }));

  constructor(private readonly ctx: BoardContext) {
    for (const control of [this.window, this.clock]) control.addEventListener('change', () => ctx.requestRefresh());
    this.element.append(
      h(
        'form',
        { class: 'filters' },
        h('label', {}, h('span', {}, 'Window'), this.window),
        h('label', {}, h('span', {}, 'Time in stage measured in'), this.clock),
      ),
      h('div', { class: 'charts' }, this.timeInStage.element, this.funnel.element),
    );
  }

  async refresh(force: boolean): Promise<void> {
    const to = this.ctx.now();
    const range = {
      from: new Date(to.getTime() - Number(this.window.value) * DAY_MS).toISOString(),
      to: to.toISOString(),
    };
    const jobId = this.ctx.jobId();
    const [times, funnel] = await Promise.all([
      this.ctx.api.get<TimeInStage>('/reports/time-in-stage', { ...range, jobId, clock: this.clock.value }),
      this.ctx.api.get<Funnel>('/reports/funnel', { ...range, jobId }),
    ]);
    const key = `${this.window.value}|${this.clock.value}|${jobId}`;
    if (this.timeInStage.accept(times, key, force) && times.kind === 'ok') {
      const stages = times.data.stages;
      this.timeInStage.chart.show(
        stages.map((s) => STAGE_LABELS[s.stage] ?? s.stage),
        [
          { label: 'median', values: stages.map((s) => s.medianHours), color: COLORS.main },
          { label: '90th percentile', values: stages.map((s) => s.p90Hours), color: COLORS.second },
        ],
      );
      const stillIn = stages.reduce((sum, s) => sum + s.stillIn, 0);
      replaceChildren(
        this.timeInStage.caption,
        `${stages.reduce((sum, s) => sum + s.visits, 0)} finished visits; ${stillIn} still in a stage.`,
      );
    }
    if (this.funnel.accept(funnel, key, force) && funnel.kind === 'ok') {
      const { stages, outcomes } = funnel.data;
      this.funnel.chart.show(
        stages.map(
          (s) => `${STAGE_LABELS[s.stage] ?? s.stage}${s.conversion === null ? '' : ` (${percent(s.conversion)})`}`,
        ),
        [{ label: 'reached', values: stages.map((s) => s.reached), color: COLORS.main }],
      );
      replaceChildren(
        this.funnel.caption,
        `${outcomes.active} active · ${outcomes.hired} hired · ${outcomes.rejected} rejected · ${outcomes.withdrawn} withdrawn`,
      );
    }
  }
}
