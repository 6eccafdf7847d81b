import { type ReceivedRequest } from '@app/notifications/webhooks/testing/receiver';
import { Webhook } from 'standardwebhooks';
import type { TestApp } from '../support/app';

export { type Receiver, startReceiver } from '@app/notifications/webhooks/testing/receiver';

export interface Delivery {
  id: string;
  eventId: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  nextAttemptAt: string | null;
}

type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

/** Polls a condition (no fixed sleeps): resolves with its value once truthy, fails after 15 s. */
export async function until<T>(what: string, probe: () => T | Promise<T>): Promise<Truthy<T>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The webhook routes as an admin calls them, each asserting its status. */
export function webhooks(t: TestApp) {
  const admin = t.as('admin', 'admin-1');
  const deliveries = async (id: string, query = ''): Promise<Delivery[]> => {
    const response = await t.http().get(`/webhooks/${id}/deliveries${query}`).set('Authorization', admin).expect(200);
    return response.body.items;
  };
  return {
    admin,
    deliveries,
    async create(body: object): Promise<{ id: string; secret: string }> {
      const response = await t.http().post('/webhooks').set('Authorization', admin).send(body);
      if (response.status !== 201)
        throw new Error(`POST /webhooks → ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
    async remove(id: string): Promise<void> {
      await t.http().delete(`/webhooks/${id}`).set('Authorization', admin).expect(204);
    },
    /** Waits until the webhook's only delivery matches. */
    onlyDelivery(id: string, what: string, matches: (delivery: Delivery) => boolean): Promise<Delivery> {
      return until(what, async () => {
        const items = await deliveries(id);
        return items.length === 1 && matches(items[0]) ? items[0] : null;
      });
    },
  };
}

/** The body of a request, checked against its Standard Webhooks signature; throws if it does not verify. */
export function verified(
  secret: string,
  request: ReceivedRequest,
): { type: string; timestamp: string; data: Record<string, unknown> } {
  return new Webhook(secret).verify(request.body, {
    'webhook-id': String(request.headers['webhook-id']),
    'webhook-timestamp': String(request.headers['webhook-timestamp']),
    'webhook-signature': String(request.headers['webhook-signature']),
  }) as { type: string; timestamp: string; data: Record<string, unknown> };
}

export type { ReceivedRequest };
