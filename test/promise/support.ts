import { EVENT_STORE, type EventStore } from '@app/event-store';
import { type NoticeEvent, noticesAggregate, slaNoticesStreamId } from '@app/hiring';
import type { TestApp } from '../support/app';
import { pipeline } from '../support/pipeline';

export { until } from '../webhooks/support';

/** An obligation as GET /applications/:id shows it, with what SPEC §6 adds. */
export interface ObligationView {
  id: string;
  kind: string;
  stage: string;
  interviewerId?: string;
  startedAt: string;
  dueAt: string;
  satisfiedAt: string | null;
  policyVersion: number;
  owners: string[];
  escalated: boolean;
  escalatedAt: string | null;
  reminders: Array<{ fraction: number; at: string; recipients: string[] }>;
}

export interface InboxItem {
  applicationId: string;
  obligationId: string;
  kind: string;
  dueInHours: number;
  satisfiedAt: string | null;
  escalated: boolean;
  reminders: ObligationView['reminders'];
}

export const hoursBefore = (instant: Date, hours: number) =>
  new Date(instant.getTime() - hours * 3_600_000).toISOString();

/** SPEC §6 through the HTTP API, each step asserting it succeeded, plus a look at the notices streams. */
export function promises(t: TestApp) {
  const p = pipeline(t);
  const recruiter = t.as('recruiter', 'rec-1');
  return {
    ...p,
    async openJobWithTeam(recruiterIds: string[], hiringManagerIds: string[]): Promise<string> {
      return (await p.post('/jobs', { title: 'Platform Engineer', recruiterIds, hiringManagerIds }, 201)).id;
    },
    /** An application whose recruiter call with `interviewerIds` was held at `heldAt`. */
    async heldCall(jobId: string, interviewerIds: string[], heldAt: string, name = 'Ada Lovelace') {
      const applicationId = await p.submit(jobId, undefined, name);
      await p.move(applicationId, 'recruiter_screen');
      const interviewId = await p.schedule(applicationId, 'recruiter_call', interviewerIds, heldAt);
      const held = await p.held(applicationId, interviewId, heldAt);
      return { applicationId, interviewId, version: held.version as number, position: held.position as number };
    },
    async obligations(applicationId: string, auth = recruiter): Promise<ObligationView[]> {
      return (await p.get(applicationId, auth)).obligations;
    },
    async obligation(applicationId: string, kind: string, auth = recruiter): Promise<ObligationView> {
      const found = (await this.obligations(applicationId, auth)).filter((o) => o.kind === kind && !o.satisfiedAt);
      if (found.length !== 1) throw new Error(`${found.length} open ${kind} obligations`);
      return found[0];
    },
    async inbox(auth: string, query: Record<string, string | number> = {}): Promise<InboxItem[]> {
      const response = await t.http().get('/me/obligations').query(query).set('Authorization', auth);
      if (response.status !== 200) throw new Error(`GET /me/obligations → ${response.status}`);
      return response.body.items;
    },
    /** What the notices stream holds, as `type obligationId fraction recipients` lines. */
    async notices(applicationId: string): Promise<string[]> {
      const events = await t.app.get<EventStore>(EVENT_STORE).readStream(slaNoticesStreamId(applicationId));
      return events
        .map((event) => noticesAggregate.parse(event) as NoticeEvent)
        .map((event) =>
          [
            event.type,
            event.data.obligationId.split(':')[0],
            event.type === 'ObligationReminderRecorded' ? event.data.fraction : '-',
            event.data.recipients.join('+'),
          ].join(' '),
        );
    },
  };
}
