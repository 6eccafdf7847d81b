import { type Params } from '../api';
import { h, notice, option, replaceChildren } from '../dom';
import { duration, localInputToInstant, shortTime } from '../format';
import { answered, back, firstPage, forward, pageLabel, type Pager } from '../pager';
import { type AtRiskItem, type BreachItem, OBLIGATION_KINDS, type SlaPage, STAGE_LABELS, STAGES } from '../types';
import { answerKey, type BoardContext, failure, getList, RenderGate, type View } from '../view';

type Item = BreachItem | AtRiskItem;

/** One list of obligations (breaches or at risk) with its own pages. */
class ObligationList {
  readonly element: HTMLElement;
  private readonly body = h('div');
  private readonly pagerBar = h('div', { class: 'pager' });
  private pager: Pager = firstPage;
  private readonly gate = new RenderGate();

  constructor(
    private readonly ctx: BoardContext,
    readonly name: 'breaches' | 'at-risk',
    private readonly path: string,
    private readonly timing: (item: Item) => string,
  ) {
    this.element = h(
      'section',
      { class: 'list', 'data-list': name, 'aria-label': name === 'breaches' ? 'Breaches' : 'At risk' },
      h('h2', {}, name === 'breaches' ? 'Breaches' : 'At risk'),
      this.body,
      this.pagerBar,
    );
  }

  restart(): void {
    this.pager = firstPage;
  }

  async refresh(filters: Params, limit: number, force: boolean): Promise<void> {
    const params = { ...filters, limit, cursor: this.pager.current };
    const { result, paged } = await getList<SlaPage<Item>>(this.ctx.api, this.path, params);
    if (result.kind !== 'ok') {
      this.gate.reset();
      replaceChildren(this.body, failure(result));
      replaceChildren(this.pagerBar);
      return;
    }
    if (!this.gate.shouldRender(`${JSON.stringify(params)}|${answerKey(result)}`, Date.now(), force)) return;
    const page = result.data;
    this.pager = answered(this.pager, page.nextCursor);
    replaceChildren(
      this.body,
      page.items.length === 0
        ? notice(this.name === 'breaches' ? 'No breaches. Every promise is kept.' : 'Nothing at risk.')
        : this.table(page.items),
    );
    this.renderPager(
      paged
        ? pageLabel(this.pager, limit, page.items.length, page.total)
        : `${page.items.length} (this server does not page yet)`,
    );
  }

  private table(items: Item[]): HTMLElement {
    return h(
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
          h('th', {}, 'Interviewer'),
          h('th', {}, 'Due'),
          h('th', {}, this.name === 'breaches' ? 'Overdue' : 'Due in'),
        ),
      ),
      h(
        'tbody',
        {},
        ...items.map((item) =>
          h(
            'tr',
            { 'data-application-id': item.applicationId, 'data-kind': item.kind },
            h('td', {}, item.candidateName ?? 'erased candidate'),
            h('td', {}, STAGE_LABELS[item.stage] ?? item.stage),
            h('td', {}, item.kind),
            h('td', {}, item.interviewerId ?? ''),
            h('td', {}, shortTime(item.dueAt)),
            h('td', { class: 'num' }, this.timing(item)),
          ),
        ),
      ),
    );
  }

  private renderPager(label: string): void {
    const previous = h('button', { type: 'button', disabled: this.pager.previous.length === 0 }, '← Previous');
    const next = h('button', { type: 'button', disabled: this.pager.next === null }, 'Next →');
    previous.addEventListener('click', () => this.go(back(this.pager)));
    next.addEventListener('click', () => this.go(forward(this.pager)));
    replaceChildren(this.pagerBar, previous, h('span', { class: 'page-label' }, label), next);
  }

  private go(pager: Pager): void {
    this.pager = pager;
    this.gate.reset();
    this.ctx.requestRefresh();
  }
}

/** Breaches and at-risk obligations, with the filters of SPEC §4 and pages. */
export class SlaListsView implements View {
  readonly id = 'sla';
  readonly title = 'Breaches & at risk';
  readonly element = h('section', { class: 'view view-sla', 'aria-label': 'Breaches and at risk' });
  private readonly form = h('form', { class: 'filters' });
  private readonly breaches: ObligationList;
  private readonly atRisk: ObligationList;

  constructor(private readonly ctx: BoardContext) {
    this.breaches = new ObligationList(ctx, 'breaches', '/sla/breaches', (i) =>
      duration('overdueHours' in i ? i.overdueHours : 0),
    );
    this.atRisk = new ObligationList(ctx, 'at-risk', '/sla/at-risk', (i) =>
      duration('dueInHours' in i ? i.dueInHours : 0),
    );
    this.form.append(
      label(
        'Stage',
        h('select', { name: 'stage' }, option('', 'any'), ...STAGES.map((s) => option(s, STAGE_LABELS[s]))),
      ),
      label('Kind', h('select', { name: 'kind' }, option('', 'any'), ...OBLIGATION_KINDS.map((k) => option(k, k)))),
      label('Interviewer', h('input', { name: 'interviewerId', type: 'text', placeholder: 'user id', maxlength: 200 })),
      label('At risk within (h)', h('input', { name: 'withinHours', type: 'number', min: 0, max: 8760, value: 24 })),
      label('As of', h('input', { name: 'asOf', type: 'datetime-local' })),
      label(
        'Per page',
        h('select', { name: 'limit' }, option('20', '20', true), option('50', '50'), option('100', '100')),
      ),
    );
    this.form.addEventListener('submit', (event) => event.preventDefault());
    this.form.addEventListener('change', () => {
      this.breaches.restart();
      this.atRisk.restart();
      ctx.requestRefresh();
    });
    this.element.append(this.form, h('div', { class: 'lists' }, this.breaches.element, this.atRisk.element));
  }

  async refresh(force: boolean): Promise<void> {
    const values = new FormData(this.form);
    const text = (name: string) => {
      const value = values.get(name);
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    };
    const filters: Params = {
      jobId: this.ctx.jobId(),
      stage: text('stage'),
      kind: text('kind'),
      interviewerId: text('interviewerId'),
      asOf: localInputToInstant(text('asOf') ?? ''),
    };
    const limit = Number(text('limit') ?? 20);
    await Promise.all([
      this.breaches.refresh(filters, limit, force),
      this.atRisk.refresh({ ...filters, withinHours: text('withinHours') }, limit, force),
    ]);
  }
}

function label(text: string, control: HTMLElement): HTMLElement {
  return h('label', {}, h('span', {}, text), control);
}
