import { Api, explain } from './api';
import { h, option, replaceChildren } from './dom';
import { Poller } from './poller';
import { Session } from './session';
import { type Job } from './types';
import { type BoardContext, type View } from './view';
import { ComplianceView } from './views/compliance';
import { ObligationsView } from './views/obligations';
import { PipelineView } from './views/pipeline';
import { ReportsView } from './views/reports';
import { SlaListsView } from './views/sla-lists';

/** SPEC §8 asks for updates within 2 s of a write; one poll a second leaves room for the fetch. */
const POLL_MS = 1000;
/** Jobs change rarely; the picker is refreshed every this many polls. */
const JOBS_EVERY = 10;

function boot(): void {
  const root = document.getElementById('board');
  if (!root) throw new Error('The page has no #board element');
  const devTokens = document.querySelector('meta[name="board-dev-tokens"]')?.getAttribute('content') === 'on';

  const jobPicker = h('select', { name: 'jobId', 'aria-label': 'Job' }, option('', 'All jobs'));
  const jobMessage = h('span', { class: 'job-message' });
  const session = new Session(devTokens, () => {
    polls = 0;
    poller.now(true);
  });
  const api = new Api(() => session.token());
  api.onRefused = (detail) => session.refused(detail);

  const context: BoardContext = {
    api,
    jobId: () => jobPicker.value || undefined,
    now: () => new Date(),
    requestRefresh: () => poller.now(true),
  };
  const views: View[] = [
    new PipelineView(context),
    new SlaListsView(context),
    new ObligationsView(context),
    new ComplianceView(context),
    new ReportsView(context),
  ];
  let active = views.find((v) => `#${v.id}` === location.hash) ?? views[0];

  const tabs = views.map((view) => {
    const tab = h('a', { href: `#${view.id}`, class: 'tab', 'data-view': view.id, role: 'tab' }, view.title);
    return tab;
  });
  const showActive = () => {
    for (const view of views) view.element.hidden = view !== active;
    for (const tab of tabs) tab.setAttribute('aria-selected', String(tab.dataset.view === active.id));
  };
  window.addEventListener('hashchange', () => {
    active = views.find((v) => `#${v.id}` === location.hash) ?? views[0];
    showActive();
    poller.now(true);
  });
  jobPicker.addEventListener('change', () => poller.now(true));

  let polls = 0;
  const refreshJobs = async () => {
    const jobs = await api.get<Job[] | { items: Job[] }>('/jobs');
    if (jobs.kind !== 'ok') {
      replaceChildren(jobMessage, jobs.kind === 'no-token' ? '' : explain(jobs));
      return;
    }
    replaceChildren(jobMessage);
    const list = Array.isArray(jobs.data) ? jobs.data : jobs.data.items;
    const chosen = jobPicker.value;
    replaceChildren(
      jobPicker,
      option('', 'All jobs'),
      ...list.map((job) =>
        option(job.id, `${job.title}${job.status === 'closed' ? ' (closed)' : ''}`, job.id === chosen),
      ),
    );
  };
  const poller = new Poller(async (force) => {
    if (polls++ % JOBS_EVERY === 0) await refreshJobs();
    await active.refresh(force);
  }, POLL_MS);

  replaceChildren(
    root,
    h(
      'header',
      { class: 'top' },
      h('h1', {}, 'Hiring board'),
      h('label', { class: 'job' }, h('span', {}, 'Job'), jobPicker, jobMessage),
      session.element,
    ),
    h('nav', { class: 'tabs', role: 'tablist' }, ...tabs),
    h('main', {}, ...views.map((v) => v.element)),
  );
  showActive();
  poller.start();
}

boot();
