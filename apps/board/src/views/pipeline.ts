import { explain } from '../api';
import { h, notice, replaceChildren } from '../dom';
import { BADGE_LABELS, badgeFor, duration, hoursBetween, type SlaBadge } from '../format';
import { type AtRiskItem, type BreachItem, type Pipeline, STAGE_LABELS, type SlaPage } from '../types';
import { answerKey, type BoardContext, failure, getList, RenderGate, type View } from '../view';

/** Badges look this far ahead for "at risk", the API's own default. */
const AT_RISK_HOURS = 24;
/** Enough for every card of a busy board; the lists themselves page. */
const BADGE_LIMIT = 1000;

/** The pipeline as columns of cards: name, time in stage, SLA badge. */
export class PipelineView implements View {
  readonly id = 'pipeline';
  readonly title = 'Pipeline';
  readonly element = h('section', { class: 'view view-pipeline', 'aria-label': 'Pipeline' });
  private readonly totals = h('p', { class: 'totals' });
  private readonly badgeNotice = h('div');
  private readonly columns = h('div', { class: 'columns' });
  private readonly gate = new RenderGate();

  constructor(private readonly ctx: BoardContext) {
    this.element.append(this.totals, this.badgeNotice, this.columns);
  }

  async refresh(force: boolean): Promise<void> {
    const jobId = this.ctx.jobId();
    const pipeline = await this.ctx.api.get<Pipeline>('/pipeline', { jobId });
    if (pipeline.kind !== 'ok') {
      this.gate.reset();
      replaceChildren(this.totals);
      replaceChildren(this.badgeNotice);
      replaceChildren(this.columns, failure(pipeline));
      return;
    }
    // Obligations fall due with time alone, so the badges are fetched again at least every
    // MAX_RENDER_AGE_MS even when no event moved the projections.
    if (!this.gate.shouldRender(`${jobId}|${answerKey(pipeline)}`, Date.now(), force)) return;
    const filter = { jobId, limit: BADGE_LIMIT };
    const [breaches, atRisk] = await Promise.all([
      getList<SlaPage<BreachItem>>(this.ctx.api, '/sla/breaches', filter),
      getList<SlaPage<AtRiskItem>>(this.ctx.api, '/sla/at-risk', { ...filter, withinHours: AT_RISK_HOURS }),
    ]);
    const breached = new Set(
      breaches.result.kind === 'ok' ? breaches.result.data.items.map((i) => i.applicationId) : [],
    );
    const risky = new Set(atRisk.result.kind === 'ok' ? atRisk.result.data.items.map((i) => i.applicationId) : []);
    const badgeProblem = [breaches.result, atRisk.result].find((r) => r.kind !== 'ok');
    replaceChildren(
      this.badgeNotice,
      badgeProblem && notice(`SLA badges are incomplete. ${explain(badgeProblem)}`, 'error'),
    );
    this.render(pipeline.data, breached, risky);
  }

  private render(pipeline: Pipeline, breached: Set<string>, atRisk: Set<string>): void {
    const { active, hired, rejected, withdrawn } = pipeline.totals;
    replaceChildren(this.totals, `${active} active · ${hired} hired · ${rejected} rejected · ${withdrawn} withdrawn`);
    const now = this.ctx.now();
    replaceChildren(
      this.columns,
      ...pipeline.stages.map((column) =>
        h(
          'section',
          { class: 'column', 'data-stage': column.stage, 'aria-label': STAGE_LABELS[column.stage] },
          h('h2', {}, STAGE_LABELS[column.stage], ' ', h('span', { class: 'count' }, String(column.count))),
          ...column.applications.map((card) =>
            this.card(
              card.id,
              card.candidateName,
              hoursBetween(card.enteredAt, now),
              badgeFor(card.id, breached, atRisk),
            ),
          ),
          column.count > column.applications.length &&
            h('p', { class: 'more' }, `and ${column.count - column.applications.length} more`),
        ),
      ),
    );
  }

  private card(id: string, name: string | null, hoursInStage: number, badge: SlaBadge): HTMLElement {
    return h(
      'article',
      { class: 'card', 'data-application-id': id },
      h('span', { class: 'name' }, name ?? 'erased candidate'),
      h('span', { class: 'in-stage', title: 'time in stage' }, duration(Math.max(0, hoursInStage))),
      h('span', { class: `badge badge-${badge}`, 'data-sla': badge }, BADGE_LABELS[badge]),
    );
  }
}
