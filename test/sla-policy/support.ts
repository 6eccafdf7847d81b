import { setTimeout as delay } from 'node:timers/promises';
import type { TestApp } from '../support/app';

/** The SLA policy routes as an admin (or another role) uses them, each asserting its status. */
export function policyApi(t: TestApp) {
  const admin = t.as('admin', 'admin-1');
  const viewer = t.as('viewer', 'viewer-1');
  return {
    async put(body: object, expected = 200) {
      const response = await t.http().put('/sla/policy').set('Authorization', admin).send(body);
      if (response.status !== expected)
        throw new Error(`PUT /sla/policy → ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
    async current() {
      return (await t.http().get('/sla/policy').set('Authorization', viewer).expect(200)).body;
    },
    async history(): Promise<Array<{ version: number; applied: boolean }>> {
      return (await t.http().get('/sla/policy/history').set('Authorization', viewer).expect(200)).body.items;
    },
    /**
     * Waits until the dashboards judge by `version`: the read model has reached it and re-judged
     * the obligations it re-judges, which the history reports as `applied`.
     */
    applied(version: number): Promise<void> {
      return until(`version ${version} applied`, async () =>
        Boolean((await this.history()).find((v) => v.version === version)?.applied),
      );
    },
  };
}

/** A dashboard read as a viewer, once the read model has reached `position`. */
export async function dashboard(t: TestApp, path: string, query: Record<string, string | number>) {
  const response = await t.http().get(path).query(query).set('Authorization', t.as('viewer', 'viewer-1'));
  if (response.status !== 200) throw new Error(`GET ${path} → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Polls `condition` until it holds; fails after `timeoutMs`. */
export async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await delay(25);
  }
}

/** Rebuilds the read model through the API and waits until the rebuilt tables are live. */
export async function rebuildReadModel(t: TestApp): Promise<void> {
  const admin = t.as('admin', 'admin-1');
  await t.http().post('/admin/projections/rebuild').set('Authorization', admin).expect(202);
  await until('rebuild done', async () => {
    const { body } = await t.http().get('/admin/projections').set('Authorization', admin).expect(200);
    if (body.rebuild.status === 'failed') throw new Error(`rebuild failed: ${body.rebuild.error}`);
    return body.rebuild.status === 'done';
  });
}
