import { h, notice, option, replaceChildren } from '../dom';
import { duration, shortTime } from '../format';
import { type MyObligations, STAGE_LABELS } from '../types';
import { answerKey, type BoardContext, failure, RenderGate, type View } from '../view';

/** SPEC §6: what the signed-in person owes, most urgent first. */
export class ObligationsView implements View {
  readonly id = 'mine';
  readonly title = 'My obligations';
  readonly element = h('section', { class: 'view view-mine', 'aria-label': 'My obligations' });
  private readonly status = h('select', { name: 'status' }, option('open', 'open'), option('all', 'all'));
  private readonly body = h('div');
  private readonly gate = new RenderGate();

  constructor(private readonly ctx: BoardContext) {
    this.status.addEventListener('change', () => ctx.requestRefresh());
    this.element.append(h('form', { class: 'filters' }, h('label', {}, h('span', {}, 'Show'), this.status)), this.body);
  }

  async refresh(force: boolean): Promise<void> {
    const result = await this.ctx.api.get<MyObligations>('/me/obligations', { status: this.status.value });
    if (result.kind !== 'ok') {
      this.gate.reset();
      replaceChildren(this.body, failure(result));
      return;
    }
    if (!this.gate.shouldRender(`${this.status.value}|${answerKey(result)}`, Date.now(), force)) return;
    const jobId = this.ctx.jobId();
    const items = result.data.items.filter((item) => jobId === undefined || item.jobId === jobId);
    replaceChildren(
      this.body,
      items.length === 0
        ? notice('You owe nothing right now.')
        : h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, 'Candidate'),
                h('th', {}, 'Stage'),
                h('th', {}, 'Kind'),
                h('th', {}, 'Due'),
                h('th', {}, 'When'),
                h('th', {}, ''),
              ),
            ),
            h(
              'tbody',
              {},
              ...items.map((item) =>
                h(
                  'tr',
                  { 'data-application-id': item.applicationId, class: item.dueInHours < 0 ? 'late' : undefined },
                  h('td', {}, item.candidateName ?? 'erased candidate'),
                  h('td', {}, STAGE_LABELS[item.stage] ?? item.stage),
                  h('td', {}, item.kind),
                  h('td', {}, shortTime(item.dueAt)),
                  h(
                    'td',
                    { class: 'num' },
                    item.dueInHours < 0 ? `${duration(item.dueInHours)} late` : `in ${duration(item.dueInHours)}`,
                  ),
                  h('td', {}, item.escalated ? h('span', { class: 'badge badge-breached' }, 'escalated') : ''),
                ),
              ),
            ),
          ),
    );
  }
}
