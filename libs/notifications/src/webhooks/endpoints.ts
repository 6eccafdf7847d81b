import type { EventStore } from '@app/event-store';
import { createHash, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { type Db, inTransaction, lockFanOut } from './db';
import { InvalidWebhook, WebhookNotFound } from './errors';
import type { WebhookPayload } from './payloads';
import { generateSecret } from './signing';
import type { TargetPolicy } from './target-guard';
import { type WebhookFormat, validateCreateWebhook } from './validation';

export type EndpointStatus = 'active' | 'disabled';

/** An endpoint as `GET /webhooks/:id` shows it; the secret is shown only once, by createEndpoint. */
export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  format: WebhookFormat;
  description: string | null;
  status: EndpointStatus;
  createdAt: string;
  disabledReason: string | null;
  failingSince: string | null;
}

interface EndpointRow {
  id: string;
  url: string;
  events: string[];
  format: WebhookFormat;
  description: string | null;
  status: EndpointStatus;
  created_at: Date;
  disabled_reason: string | null;
  failing_since: Date | null;
}

const COLUMNS = 'id, url, events, format, description, status, created_at, disabled_reason, failing_since';

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  events: row.events,
  format: row.format,
  description: row.description,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  disabledReason: row.disabled_reason,
  failingSince: row.failing_since?.toISOString() ?? null,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The webhook-id of one event for one endpoint: the same on every attempt and every replay. */
export const webhookIdOf = (endpointId: string, sourceKey: string): string =>
  `msg_${createHash('sha256').update(`${endpointId}/${sourceKey}`).digest('base64url').slice(0, 32)}`;

/** `POST /webhooks` as the client sends it; validated again here. */
export interface CreateWebhookBody {
  url: string;
  events: string[];
  format?: WebhookFormat;
  description?: string | null;
}

export interface EndpointsOptions {
  now: () => Date;
  target: TargetPolicy;
  /** Called when deliveries were written, so the dispatcher looks at once. */
  onDeliveries: () => void;
}

/** The management side of webhooks, for the controllers. */
export class WebhookEndpoints {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly options: EndpointsOptions,
  ) {}

  /** Validates (throws InvalidWebhook), then subscribes from the log's head: nothing older is sent. */
  async createEndpoint(body: CreateWebhookBody): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const validated = await validateCreateWebhook(body, this.options.target);
    if (!validated.ok) throw new InvalidWebhook(validated.problems);
    const { url, events, format, description } = validated.value;
    const secret = generateSecret();
    const head = await this.store.headPosition();
    const row = await inTransaction(this.pool, async (client) => {
      // Taken with the fan-out's checkpoint locked, so no batch is half-way: batches committed
      // before hold nothing past the start, batches after see the endpoint.
      const start = Math.max(head, await lockFanOut(client));
      const { rows } = await client.query<EndpointRow>(
        `insert into webhook_endpoints
           (id, url, events, format, description, secret, status, created_at, created_position, send_after_position)
         values ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $8)
         returning ${COLUMNS}`,
        [randomUUID(), url, events, format, description, secret, this.options.now(), start],
      );
      return rows[0];
    });
    return { endpoint: toEndpoint(row), secret };
  }

  async listEndpoints(): Promise<WebhookEndpoint[]> {
    const { rows } = await this.pool.query<EndpointRow>(
      `select ${COLUMNS} from webhook_endpoints order by created_at, id`,
    );
    return rows.map(toEndpoint);
  }

  /** Throws WebhookNotFound. */
  async getEndpoint(id: string): Promise<WebhookEndpoint> {
    return toEndpoint(await this.find(this.pool, id));
  }

  /** Its deliveries go with it. Throws WebhookNotFound. */
  async deleteEndpoint(id: string): Promise<void> {
    if (!UUID.test(id)) throw new WebhookNotFound(id);
    const { rowCount } = await this.pool.query('delete from webhook_endpoints where id = $1', [id]);
    if (rowCount === 0) throw new WebhookNotFound(id);
  }

  /**
   * Disabling stops fan-out and dispatch to it; enabling starts afresh from the log's head (what
   * happened meanwhile is not sent late) and forgets past failures. Throws WebhookNotFound.
   */
  async setEndpointStatus(id: string, status: EndpointStatus): Promise<WebhookEndpoint> {
    const head = status === 'active' ? await this.store.headPosition() : 0;
    const row = await inTransaction(this.pool, async (client) => {
      const current = await this.find(client, id, true);
      if (current.status === status) return current;
      if (status === 'disabled') {
        const { rows } = await client.query<EndpointRow>(
          `update webhook_endpoints set status = 'disabled', disabled_reason = 'disabled by request'
           where id = $1 returning ${COLUMNS}`,
          [id],
        );
        return rows[0];
      }
      const start = Math.max(head, await lockFanOut(client));
      const { rows } = await client.query<EndpointRow>(
        `update webhook_endpoints
            set status = 'active', disabled_reason = null, failing_since = null,
                send_after_position = greatest(send_after_position, $2)
          where id = $1 returning ${COLUMNS}`,
        [id, start],
      );
      return rows[0];
    });
    if (status === 'active') this.options.onDeliveries();
    return toEndpoint(row);
  }

  /** Queues a `webhook.test` delivery, due now. Throws WebhookNotFound. */
  async enqueueTest(endpointId: string): Promise<{ deliveryId: string; eventId: string }> {
    await this.find(this.pool, endpointId);
    const now = this.options.now();
    const deliveryId = randomUUID();
    const eventId = webhookIdOf(endpointId, `test/${deliveryId}`);
    const payload: WebhookPayload = { type: 'webhook.test', data: { webhookId: endpointId } };
    await this.pool.query(
      `insert into webhook_deliveries
         (id, endpoint_id, event_id, type, application_id, occurred_at, payload, position, status, next_attempt_at, created_at)
       values ($1, $2, $3, 'webhook.test', null, $4, $5, null, 'pending', $4, $4)`,
      [deliveryId, endpointId, eventId, now, JSON.stringify(payload)],
    );
    this.options.onDeliveries();
    return { deliveryId, eventId };
  }

  private async find(db: Db, id: string, forUpdate = false): Promise<EndpointRow> {
    if (!UUID.test(id)) throw new WebhookNotFound(id);
    const { rows } = await db.query<EndpointRow>(
      `select ${COLUMNS} from webhook_endpoints where id = $1 ${forUpdate ? 'for update' : ''}`,
      [id],
    );
    if (rows.length === 0) throw new WebhookNotFound(id);
    return rows[0];
  }
}
