import { startTestApp, type TestApp } from './support/app';
import { pipeline } from './support/pipeline';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: boolean | Schema;
}
interface Response {
  content?: Record<string, { schema?: Schema }>;
}
interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, Response>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const PROBLEM = 'application/problem+json';

/** Polls (no fixed sleeps) until `probe` answers something, for 15 s at most. */
async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const WRITES = ['post', 'put', 'patch', 'delete'];

/**
 * The problems an operation can answer, by what it is: the conventions every route shares. A route
 * that forgets to declare one of them fails here.
 */
function expectedProblems(method: string, path: string, operation: Operation): number[] {
  const statuses = new Set<number>();
  const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
  const write = WRITES.includes(method);
  if (operation.security?.length) [401, 403].forEach((s) => statuses.add(s));
  if (path.includes('{')) statuses.add(404);
  // Writes read If-Match and refuse a body with unknown fields, whether or not they take one.
  if (operation.requestBody || query.length > 0 || write) statuses.add(400);
  if (write) [413, 415].forEach((s) => statuses.add(s));
  // Idempotency-Key: a repeat still in progress is a 409, the same key with another body a 422.
  if (method === 'post') [409, 422].forEach((s) => statuses.add(s));
  if (write && /^\/(applications|jobs)\/\{id\}/.test(path)) [409, 412].forEach((s) => statuses.add(s));
  if (query.some((p) => p.name === 'minPosition')) statuses.add(503);
  return [...statuses].sort();
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let document: Document;
  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http().get('/docs-json').expect(200)).body as Document;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
    );
  const resolve = (schema: Schema | undefined): Schema | undefined =>
    schema?.$ref ? document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;

  /** Paths of the fields of `value` that `schema` does not describe. */
  function undocumented(value: unknown, schema: Schema | undefined, path = ''): string[] {
    const resolved = resolve(schema);
    if (value === null || value === undefined || resolved === undefined) return resolved ? [] : [path || '(body)'];
    if (resolved.allOf)
      return undocumented(
        value,
        { properties: Object.assign({}, ...resolved.allOf.map((s) => resolve(s)?.properties)) },
        path,
      );
    if (Array.isArray(value)) return value.flatMap((item, n) => undocumented(item, resolved.items, `${path}[${n}]`));
    if (typeof value !== 'object') return [];
    if (!resolved.properties) return resolved.additionalProperties || resolved.type === 'object' ? [] : [path];
    return Object.entries(value).flatMap(([key, inner]) =>
      key in resolved.properties!
        ? undocumented(inner, resolved.properties![key], `${path}.${key}`)
        : [`${path}.${key}`],
    );
  }

  /**
   * An application whose scorecard from int-2 is owed since 30 hours ago, once the reminder timer
   * has recorded its first reminder: the answers with every field of SPEC §6 filled in. Moves the
   * clock, so it comes after the reads that depend on it.
   */
  async function reminded(p: ReturnType<typeof pipeline>): Promise<{ application: unknown; inbox: unknown }> {
    const jobId = await p.openJob();
    const applicationId = await p.submit(jobId);
    await p.move(applicationId, 'recruiter_screen');
    const interviewId = await p.schedule(applicationId, 'recruiter_call', ['int-2'], '2026-11-23T07:00:00Z');
    await p.held(applicationId, interviewId, '2026-11-23T08:00:00Z');
    t.clock.advance(30);
    const application = await until('the reminder', async () => {
      const answer = await p.get(applicationId);
      const reminders = answer.obligations.flatMap((o: { reminders: unknown[] }) => o.reminders);
      return reminders.length > 0 ? answer : undefined;
    });
    const inbox = await until('the reminder in the inbox', async () => {
      const { body } = await t.http().get('/me/obligations').set('Authorization', t.as('interviewer', 'int-2'));
      return body.items?.[0]?.reminders?.length > 0 ? body : undefined;
    });
    return { application, inbox };
  }

  it('describes problem details with type, title, status and detail, and errors on a 400', () => {
    const problem = document.components.schemas.Problem;
    expect(Object.keys(problem.properties ?? {})).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail']),
    );
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail']));
    const validation = document.components.schemas.ValidationProblem;
    const fields = {
      ...resolve(validation.allOf?.[0])?.properties,
      ...validation.properties,
      ...Object.assign({}, ...(validation.allOf ?? []).map((s) => s.properties)),
    };
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors']));
  });

  it('documents a success body with a schema for every operation', () => {
    const missing = operations().flatMap(({ method, path, operation }) => {
      const success = Object.entries(operation.responses).filter(([status]) => /^2/.test(status));
      if (success.length === 0) return [`${method} ${path}: no success response`];
      return success.flatMap(([status, response]) =>
        status === '204' || Object.values(response.content ?? {}).some((media) => media.schema)
          ? []
          : [`${method} ${path}: ${status} has no schema`],
      );
    });
    expect(missing).toEqual([]);
  });

  it('declares every problem an operation can answer, each as problem+json', () => {
    const wrong = operations().flatMap(({ method, path, operation }) => {
      const declared = Object.keys(operation.responses)
        .filter((s) => /^[45]/.test(s))
        .map(Number);
      const absent = expectedProblems(method, path, operation).filter((s) => !declared.includes(s));
      const notProblems = declared.filter(
        (status) => !(path === '/health' && status === 503) && !operation.responses[status].content?.[PROBLEM]?.schema,
      );
      return [
        ...absent.map((s) => `${method} ${path}: ${s} not declared`),
        ...notProblems.map((s) => `${method} ${path}: ${s} is not problem+json`),
      ];
    });
    expect(wrong).toEqual([]);
  });

  it('declares exactly the statuses of a move, as an example', () => {
    const move = document.paths['/applications/{id}/move'].post;
    expect(Object.keys(move.responses).map(Number).sort()).toEqual([200, 400, 401, 403, 404, 409, 412, 413, 415, 422]);
    expect(resolve(move.responses['400'].content?.[PROBLEM]?.schema)?.properties).toHaveProperty('errors');
  });

  it('documents every field the routes actually answer with', async () => {
    const p = pipeline(t);
    const recruiter = t.as('recruiter', 'rec-1');
    const jobId = await p.openJob();
    const applicationId = await p.submit(jobId);
    await p.move(applicationId, 'recruiter_screen');
    const scheduled = await p.post(
      `/applications/${applicationId}/interviews`,
      { kind: 'recruiter_call', interviewerIds: ['int-1'], scheduledAt: '2026-11-23T07:00:00Z', durationMinutes: 30 },
      201,
    );
    const interviewId = scheduled.interviewId as string;
    await p.held(applicationId, interviewId, '2026-11-23T08:00:00Z');
    await p.post(
      `/applications/${applicationId}/interviews/${interviewId}/scorecards`,
      { rating: 3, recommendation: 'yes', notes: 'Clear' },
      201,
      t.as('interviewer', 'int-1'),
    );
    await p.move(applicationId, 'references', 'strong referral');
    await p.post(
      `/applications/${applicationId}/references`,
      { refereeName: 'G', relationship: 'm', outcome: 'positive' },
      201,
    );
    await p.move(applicationId, 'offer');
    await p.post(`/applications/${applicationId}/offer`, { salary: 1, currency: 'EUR', startDate: '2027-01-01' }, 201);
    const { position } = await p.post(
      `/applications/${applicationId}/reject`,
      { reasonCode: 'timing', note: 'n' },
      200,
    );

    const answers: [string, string, unknown][] = [];
    const read = async (route: string, url: string, status = 200, auth = recruiter) =>
      answers.push(['get', route, (await t.http().get(url).set('Authorization', auth).expect(status)).body]);
    await read('/applications/{id}', `/applications/${applicationId}`);
    await read('/applications/{id}/events', `/applications/${applicationId}/events`);
    await read('/applications', `/applications?minPosition=${position}`);
    await read('/jobs', `/jobs?minPosition=${position}`);
    await read('/jobs/{id}', `/jobs/${jobId}`);
    await read('/pipeline', `/pipeline?minPosition=${position}`);
    await read('/sla/breaches', '/sla/breaches?asOf=2027-01-01T00:00:00Z');
    await read('/sla/at-risk', '/sla/at-risk?withinHours=100');
    await read('/sla/summary', '/sla/summary?from=2026-11-01T00:00:00Z&to=2027-01-01T00:00:00Z');
    await read('/admin/projections', '/admin/projections', 200, t.as('admin'));
    await read('/sla/policy', '/sla/policy');
    await read('/sla/policy/history', '/sla/policy/history');
    await read('/reports/time-in-stage', `/reports/time-in-stage?minPosition=${position}`);
    await read('/reports/funnel', `/reports/funnel?minPosition=${position}`);
    await read('/health', '/health');
    await read('/me/obligations', '/me/obligations?status=all', 200, t.as('interviewer', 'int-1'));
    const withReminder = await reminded(p);
    answers.push(
      ['get', '/applications/{id}', withReminder.application],
      ['get', '/me/obligations', withReminder.inbox],
    );
    answers.push(['post', '/jobs', await p.post('/jobs', { title: 'T' }, 201)]);
    answers.push(['post', '/applications/{id}/interviews', scheduled]);
    answers.push([
      'post',
      '/admin/projections/rebuild',
      (await t.http().post('/admin/projections/rebuild').set('Authorization', t.as('admin')).expect(202)).body,
    ]);

    const gaps = answers.flatMap(([method, route, body]) => {
      const responses = document.paths[route][method].responses;
      const [, success] = Object.entries(responses).find(([status]) => /^2/.test(status))!;
      return undocumented(body, success.content?.['application/json']?.schema).map(
        (field) => `${method} ${route} ${field}`,
      );
    });
    expect(gaps).toEqual([]);
  });
});
