import type { EventStore, RecordedEvent } from '@app/event-store';
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { type ApplicationContext, ContextCache, EMPTY_CONTEXT, foldContext } from './application-context';
import { FAN_OUT, inTransaction, lockFanOut } from './db';
import { webhookIdOf } from './endpoints';
import { WEBHOOK_TYPE_OF_LOG_TYPE, type WebhookEventType, subscribesTo } from './event-types';
import { type SlaMetSource, type WebhookEvent, applicationIdOf, metPayload, payloadOf } from './payloads';

export interface FanOutOptions {
  now: () => Date;
  slaMet?: SlaMetSource;
  batchSize: number;
  /** Called after a batch that wrote deliveries committed. */
  onDeliveries: () => void;
}

interface EndpointTarget {
  id: string;
  events: string[];
  status: string;
  send_after_position: string;
}

/** Events of one batch with their webhook events, and which types were worked out for each. */
interface Prepared {
  event: RecordedEvent;
  types: Set<WebhookEventType>;
  webhooks: WebhookEvent[];
}

export type BatchResult = { kind: 'applied'; written: number } | { kind: 'moved'; position: number };

/** An endpoint appeared between preparing a batch and writing it: prepare again. */
class EndpointsChanged extends Error {}

/**
 * The subscriber that turns the log into delivery rows: for each event, one row per active
 * endpoint that subscribes to its type and started before it. Rows and checkpoint commit in one
 * transaction, and a row's unique (endpoint, webhook-id) makes a replay write nothing twice, so
 * the fan-out is exactly once. It only writes rows; sending is the dispatcher's, so a slow endpoint
 * cannot hold the fan-out (or another endpoint) back.
 */
export class FanOut {
  private readonly known = new ContextCache();

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly options: FanOutOptions,
  ) {}

  async position(): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>(
      'select position from webhook_checkpoints where name = $1',
      [FAN_OUT],
    );
    return Number(rows[0]?.position ?? 0);
  }

  /** Follows the log live until the signal aborts. */
  async follow(signal: AbortSignal): Promise<void> {
    let position = await this.position();
    while (!signal.aborted) {
      let moved = false;
      const batches = this.store.subscribe({ after: position || null, maxBatchSize: this.options.batchSize, signal });
      for await (const batch of batches) {
        const result = await this.applyBatch(batch, position);
        if (result.kind === 'moved') {
          position = result.position;
          moved = true;
          break;
        }
        position = batch[batch.length - 1].position;
      }
      // A subscription ends by itself only when the store closed under it: let the caller back off.
      if (!moved && !signal.aborted) throw new Error('the event store subscription ended');
    }
  }

  /** Fans out everything readable now, from the stored checkpoint; returns the rows written. */
  async catchUp(): Promise<number> {
    let position = await this.position();
    let written = 0;
    for (;;) {
      const batch = await this.store.readAll({ after: position || null, maxCount: this.options.batchSize });
      if (batch.length === 0) return written;
      const result = await this.applyBatch(batch, position);
      if (result.kind === 'moved') position = result.position;
      else {
        written += result.written;
        position = batch[batch.length - 1].position;
      }
    }
  }

  /** Writes a batch's rows and moves the checkpoint, unless it is no longer at `expected`. */
  async applyBatch(batch: readonly RecordedEvent[], expected: number): Promise<BatchResult> {
    for (;;) {
      const targets = await this.targets(this.pool);
      const prepared = await this.prepare(batch, targets);
      try {
        const result = await inTransaction(this.pool, (client) => this.write(client, batch, prepared, expected));
        if (result.kind === 'applied' && result.written > 0) this.options.onDeliveries();
        return result;
      } catch (error) {
        if (!(error instanceof EndpointsChanged)) throw error;
      }
    }
  }

  private async write(
    client: PoolClient,
    batch: readonly RecordedEvent[],
    prepared: Prepared[],
    expected: number,
  ): Promise<BatchResult> {
    const stored = await lockFanOut(client);
    if (stored !== expected) return { kind: 'moved', position: stored };
    const active = (await this.targets(client)).filter((target) => target.status === 'active');
    const now = this.options.now();
    const rows: unknown[][] = [];
    for (const { event, types, webhooks } of prepared) {
      for (const target of active) {
        if (event.position <= Number(target.send_after_position)) continue;
        if (wantedTypes(event, target.events, this.options.slaMet !== undefined).some((type) => !types.has(type)))
          throw new EndpointsChanged();
        for (const webhook of webhooks) {
          if (!subscribesTo(target.events, webhook.payload.type)) continue;
          rows.push([
            randomUUID(),
            target.id,
            webhookIdOf(target.id, webhook.sourceKey),
            webhook.payload.type,
            applicationIdOf(webhook.payload),
            webhook.occurredAt,
            JSON.stringify(webhook.payload),
            event.position,
          ]);
        }
      }
    }
    const written = rows.length === 0 ? 0 : await insertDeliveries(client, rows, now);
    const last = batch[batch.length - 1];
    await client.query('update webhook_checkpoints set position = $2, updated_at = now() where name = $1', [
      FAN_OUT,
      last.position,
    ]);
    return { kind: 'applied', written };
  }

  private async targets(db: Pick<Pool, 'query'>): Promise<EndpointTarget[]> {
    const { rows } = await db.query<EndpointTarget>(
      'select id, events, status, send_after_position from webhook_endpoints',
    );
    return rows;
  }

  /**
   * Works out the webhook events that some endpoint may want, outside the transaction: it reads
   * application streams (for the job, stage and interview kind) and asks the SLA port, both slower
   * than a batch should hold its lock for.
   */
  private async prepare(batch: readonly RecordedEvent[], targets: EndpointTarget[]): Promise<Prepared[]> {
    const withSlaMet = this.options.slaMet !== undefined;
    const wanted = batch.map((event) => {
      const types = new Set<WebhookEventType>();
      for (const target of targets)
        if (event.position > Number(target.send_after_position))
          for (const type of wantedTypes(event, target.events, withSlaMet)) types.add(type);
      return types;
    });
    const wantedAt = new Map(batch.map((event, i) => [event.position, wanted[i].size > 0]));
    const contexts = await this.contextsBefore(batch, (event) => wantedAt.get(event.position) === true);
    const prepared: Prepared[] = [];
    for (const [i, event] of batch.entries()) {
      const types = wanted[i];
      const webhooks: WebhookEvent[] = [];
      const occurredAt = event.recordedAt.toISOString();
      const logType = WEBHOOK_TYPE_OF_LOG_TYPE[event.type];
      if (logType !== undefined && types.has(logType)) {
        const payload = payloadOf(event, contexts.get(event.position) ?? EMPTY_CONTEXT);
        if (payload) webhooks.push({ sourceKey: String(event.position), occurredAt, payload });
      }
      if (types.has('sla.met') && this.options.slaMet) {
        for (const met of await this.options.slaMet(event))
          webhooks.push({
            sourceKey: `${event.position}/sla.met/${met.obligationId}`,
            occurredAt: met.satisfiedAt,
            payload: metPayload(met),
          });
      }
      prepared.push({ event, types, webhooks });
    }
    return prepared;
  }

  /**
   * Each application event's context just before it. Every application event of the batch is folded
   * (cheap, and it keeps the cache contiguous); a stream is read only when the cache does not know
   * what came before its first event here and some endpoint wants one of its events.
   */
  private async contextsBefore(
    batch: readonly RecordedEvent[],
    wanted: (event: RecordedEvent) => boolean,
  ): Promise<Map<number, ApplicationContext>> {
    const byStream = new Map<string, RecordedEvent[]>();
    for (const event of batch) {
      if (!event.streamId.startsWith('application-')) continue;
      const events = byStream.get(event.streamId);
      if (events) events.push(event);
      else byStream.set(event.streamId, [event]);
    }
    const contexts = new Map<number, ApplicationContext>();
    for (const [streamId, events] of byStream) {
      // A slice of the log holds a stream's events in revision order, without gaps.
      let context = this.known.before(streamId, events[0].revision);
      if (context === undefined) {
        if (!events.some(wanted)) continue;
        const earlier = await this.store.readStream(streamId, { maxCount: events[0].revision });
        context = earlier.reduce(foldContext, EMPTY_CONTEXT);
      }
      for (const event of events) {
        contexts.set(event.position, context);
        context = foldContext(context, event);
      }
      this.known.after(streamId, events[events.length - 1].revision, context);
    }
    return contexts;
  }
}

/** The webhook types an endpoint subscribed to `events` wants from one log event. */
function wantedTypes(event: RecordedEvent, events: readonly string[], withSlaMet: boolean): WebhookEventType[] {
  const types: WebhookEventType[] = [];
  const logType = WEBHOOK_TYPE_OF_LOG_TYPE[event.type];
  if (logType !== undefined && subscribesTo(events, logType)) types.push(logType);
  if (withSlaMet && subscribesTo(events, 'sla.met')) types.push('sla.met');
  return types;
}

async function insertDeliveries(client: PoolClient, rows: unknown[][], now: Date): Promise<number> {
  const column = (index: number) => rows.map((row) => row[index]);
  const { rowCount } = await client.query(
    `insert into webhook_deliveries
       (id, endpoint_id, event_id, type, application_id, occurred_at, payload, position,
        status, attempts, next_attempt_at, created_at)
     select id, endpoint_id, event_id, type, application_id, occurred_at, payload, position, 'pending', 0, $9, $9
       from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::jsonb[], $8::bigint[])
         as d(id, endpoint_id, event_id, type, application_id, occurred_at, payload, position)
     on conflict (endpoint_id, event_id) do nothing`,
    [column(0), column(1), column(2), column(3), column(4), column(5), column(6), column(7), now],
  );
  return rowCount ?? 0;
}
