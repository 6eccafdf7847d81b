import type { Pool } from 'pg';
import { DeliveryNotFound, InvalidDeliveryCursor, WebhookNotFound } from './errors';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One item of `GET /webhooks/:id/deliveries`. */
export interface DeliverySummary {
  id: string;
  eventId: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

export interface DeliveryPage {
  items: DeliverySummary[];
  nextCursor: string | null;
}

export interface ListDeliveriesOptions {
  status?: DeliveryStatus;
  /** 1–100, default 50. */
  limit?: number;
  cursor?: string | null;
}

interface DeliveryRow {
  id: string;
  event_id: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Newest first, by (created_at, id): both immutable, so a page boundary never moves.
const encodeCursor = (row: DeliveryRow) =>
  Buffer.from(JSON.stringify([row.created_at.toISOString(), row.id])).toString('base64url');

function decodeCursor(cursor: string): [Date, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if (typeof at !== 'string' || Number.isNaN(date.getTime()) || typeof id !== 'string' || !UUID.test(id))
      throw new InvalidDeliveryCursor();
    return [date, id];
  } catch {
    throw new InvalidDeliveryCursor();
  }
}

export class WebhookDeliveries {
  constructor(
    private readonly pool: Pool,
    private readonly options: { now: () => Date; onDeliveries: () => void },
  ) {}

  /** Throws WebhookNotFound, InvalidDeliveryCursor. */
  async listDeliveries(endpointId: string, options: ListDeliveriesOptions = {}): Promise<DeliveryPage> {
    await this.requireEndpoint(endpointId);
    const limit = Math.min(100, Math.max(1, Math.trunc(options.limit ?? 50)));
    const [afterAt, afterId] = options.cursor ? decodeCursor(options.cursor) : [null, null];
    const { rows } = await this.pool.query<DeliveryRow>(
      `select id, event_id, type, status, attempts, last_attempt_at, last_status_code, last_error,
              next_attempt_at, created_at
         from webhook_deliveries
        where endpoint_id = $1
          and ($2::text is null or status = $2)
          and ($3::timestamptz is null or (created_at, id) < ($3, $4::uuid))
        order by created_at desc, id desc
        limit $5`,
      [endpointId, options.status ?? null, afterAt, afterId, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => ({
        id: row.id,
        eventId: row.event_id,
        type: row.type,
        status: row.status,
        attempts: row.attempts,
        lastAttemptAt: iso(row.last_attempt_at),
        lastStatusCode: row.last_status_code,
        lastError: row.last_error,
        nextAttemptAt: iso(row.next_attempt_at),
        createdAt: row.created_at.toISOString(),
      })),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }

  /**
   * Makes a failed or pending delivery due now, with its same webhook-id. A failed one gets one
   * more attempt (its schedule is spent; a person asked for this one). A delivered one is left
   * alone: the receiver has it. Throws WebhookNotFound, DeliveryNotFound.
   */
  async retryDelivery(endpointId: string, deliveryId: string): Promise<void> {
    await this.requireEndpoint(endpointId);
    if (!UUID.test(deliveryId)) throw new DeliveryNotFound(deliveryId);
    const { rows } = await this.pool.query<{ status: DeliveryStatus }>(
      `update webhook_deliveries
          set status = case when status = 'delivered' then status else 'pending' end,
              next_attempt_at = case when status = 'delivered' then next_attempt_at else $3::timestamptz end
        where id = $2 and endpoint_id = $1
        returning status`,
      [endpointId, deliveryId, this.options.now()],
    );
    if (rows.length === 0) throw new DeliveryNotFound(deliveryId);
    this.options.onDeliveries();
  }

  private async requireEndpoint(id: string): Promise<void> {
    if (!UUID.test(id)) throw new WebhookNotFound(id);
    const { rows } = await this.pool.query('select 1 from webhook_endpoints where id = $1', [id]);
    if (rows.length === 0) throw new WebhookNotFound(id);
  }
}
