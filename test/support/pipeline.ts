import { randomUUID } from 'node:crypto';
import { TestApp } from './app';

/** Small steps of the pipeline through the HTTP API, each asserting it succeeded. */
export function pipeline(t: TestApp) {
  const recruiter = t.as('recruiter', 'rec-1');
  const post = async (path: string, body: object | undefined, expected: number, auth = recruiter) => {
    const response = await t.http().post(path).set('Authorization', auth).send(body);
    if (response.status !== expected)
      throw new Error(`POST ${path} → ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  return {
    post,
    async openJob(title = 'Backend Engineer'): Promise<string> {
      return (await post('/jobs', { title, department: 'Engineering' }, 201)).id;
    },
    async submit(jobId: string, email = `${randomUUID()}@example.com`, name = 'Ada Lovelace'): Promise<string> {
      return (
        await post(
          '/applications',
          { jobId, candidate: { name, email, phone: '+381 11 555' }, source: 'referral' },
          201,
        )
      ).id;
    },
    move: (id: string, toStage: string, reason?: string) => post(`/applications/${id}/move`, { toStage, reason }, 200),
    async schedule(
      id: string,
      kind: string,
      interviewerIds: string[],
      scheduledAt = '2026-11-23T10:00:00Z',
    ): Promise<string> {
      return (
        await post(`/applications/${id}/interviews`, { kind, interviewerIds, scheduledAt, durationMinutes: 45 }, 201)
      ).interviewId;
    },
    held: (id: string, interviewId: string, heldAt: string) =>
      post(`/applications/${id}/interviews/${interviewId}/held`, { heldAt }, 200),
    scorecard: (id: string, interviewId: string, interviewer: string) =>
      post(
        `/applications/${id}/interviews/${interviewId}/scorecards`,
        { rating: 3, recommendation: 'yes' },
        201,
        t.as('interviewer', interviewer),
      ),
    get: async (id: string, auth = recruiter) =>
      (await t.http().get(`/applications/${id}`).set('Authorization', auth).expect(200)).body,
    events: async (id: string) =>
      (await t.http().get(`/applications/${id}/events`).set('Authorization', recruiter).expect(200)).body as Array<{
        type: string;
      }>,
  };
}
