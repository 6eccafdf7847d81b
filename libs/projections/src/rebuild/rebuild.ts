import type { EventStore, RecordedEvent } from '@app/event-store';
import type { DataSource } from 'typeorm';
import { type Sql, type SqlSession, identifier, inTransaction, openSession, useSchema } from '../database/sql';
import { announceCheckpoint, ensureCheckpoint, readCheckpoint, saveCheckpoint } from '../runner/checkpoints';
import { rebuildLock, swapLock } from '../runner/locks';
import type { Projection, ReplayApplier } from '../runner/projection';
import { ShadowWriters } from './shadow-writers';
import {
  createShadowIndexes,
  createShadowTables,
  retiredSchemaOf,
  shadowSchemaOf,
  vacuumShadow,
} from './shadow-schema';

export interface RebuildOptions {
  /** Events per transaction. Larger is faster on PostgreSQL; on PGlite every batch holds up the API's writes. */
  batchSize?: number;
  /** Stop the bulk load once this close to the head; the rest is caught up after the indexes are built. */
  swapWithin?: number;
  /**
   * How many times to try the swap. An attempt fails only when the live runner got ahead of the
   * shadow between its last catch-up and the swap, which the swap lock prevents on PostgreSQL; on
   * PGlite, whose locks exclude nobody, a busy runner can win a few times.
   */
  maxSwapAttempts?: number;
  /**
   * Connections, beside the rebuild's own, that write out what the replay held back and build the
   * indexes side by side (PostgreSQL only: PGlite runs one statement at a time). 0, the default,
   * does all on the rebuild's own connection.
   */
  parallelWriters?: number;
  onProgress?: (progress: { position: number; events: number }) => void;
  /** Abandons the rebuild between two batches (the live tables stay as they are). */
  signal?: AbortSignal;
}

export interface RebuildReport {
  events: number;
  /** The checkpoint the rebuilt tables went live with. */
  position: number;
  durationMs: number;
  eventsPerSecond: number;
}

/** Applications written per transaction when a rebuild writes out what it kept in memory. */
const FLUSH_CHUNK = 2000;

export class RebuildAborted extends Error {
  constructor(name: string) {
    super(`the rebuild of projection ${name} was abandoned`);
    this.name = 'RebuildAborted';
  }
}

export class RebuildSwapStarved extends Error {
  constructor(name: string, attempts: number) {
    super(`the rebuild of projection ${name} could not swap in: the live runner stayed ahead for ${attempts} attempts`);
    this.name = 'RebuildSwapStarved';
  }
}

export class RebuildInProgress extends Error {
  constructor(name: string) {
    super(`a rebuild of projection ${name} is already running`);
    this.name = 'RebuildInProgress';
  }
}

/** PGlite shares one session between all connections, so its advisory locks exclude nobody there. */
const rebuildingHere = new Set<string>();

/**
 * Replays the whole log into a shadow copy of the projection's schema, then swaps it in while the
 * API keeps serving from the live tables:
 *
 * 1. clone the live tables (empty) into `<schema>_rebuild`, replay every event in batches, build
 *    the secondary indexes, then catch up again with what arrived meanwhile, all in ordinary
 *    transactions;
 * 2. under the projection's swap lock — which every live batch takes shared, so the runner pauses
 *    between two batches — replay the few events the live checkpoint is ahead by, rename the live
 *    schema away and the shadow into its place, in one transaction;
 * 3. drop the old schema once the readers still using it have finished.
 *
 * The shadow's checkpoint is at least the live one at the swap, so positions never go back; the
 * live runner finds the checkpoint moved (or not) at its next batch and carries on from it.
 */
export async function rebuildProjection(
  dataSource: DataSource,
  store: EventStore,
  projection: Projection,
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  const { name } = projection;
  if (rebuildingHere.has(name)) throw new RebuildInProgress(name);
  rebuildingHere.add(name);
  const session = await openSession(dataSource);
  try {
    const [{ locked }] = await session.query<{ locked: boolean }>(
      'select pg_try_advisory_lock($1, $2) as locked',
      rebuildLock(name),
    );
    if (!locked) throw new RebuildInProgress(name);
    try {
      return await rebuild(dataSource, session, store, projection, options);
    } catch (error) {
      await session
        .query(`drop schema if exists ${identifier(shadowSchemaOf(projection.schema))} cascade`)
        .catch(() => undefined);
      throw error;
    } finally {
      await session.query('select pg_advisory_unlock($1, $2)', rebuildLock(name)).catch(() => undefined);
    }
  } finally {
    rebuildingHere.delete(name);
    await session.release().catch(() => undefined);
  }
}

async function rebuild(
  dataSource: DataSource,
  session: SqlSession,
  store: EventStore,
  projection: Projection,
  options: RebuildOptions,
): Promise<RebuildReport> {
  const started = Date.now();
  const { name, schema } = projection;
  const shadow = shadowSchemaOf(schema);
  const batchSize = options.batchSize ?? 5000;
  const applier: ReplayApplier = projection.replay?.() ?? {
    apply: (sql, events) => projection.apply(sql, events),
    flush: async () => 0,
  };
  let position = 0;
  let events = 0;

  // Left behind only if a process died between a swap and its clean-up.
  await session.query(`drop schema if exists ${identifier(retiredSchemaOf(schema))} cascade`);
  await inTransaction(session, async () => {
    await createShadowTables(session, schema, shadow);
    await useSchema(session, shadow);
    await ensureCheckpoint(session, name);
  });

  const abandonIfAsked = () => {
    if (options.signal?.aborted) throw new RebuildAborted(name);
  };
  const applyInShadow = async (batch: readonly RecordedEvent[], durable = false) => {
    // Until the swap, a crash loses nothing the next rebuild would not redo from zero anyway.
    if (!durable) await session.query("select set_config('synchronous_commit', 'off', true)");
    await useSchema(session, shadow);
    await applier.apply(session, batch);
    const last = batch[batch.length - 1];
    await saveCheckpoint(session, name, last.position, last.recordedAt);
    position = last.position;
    events += batch.length;
    options.onProgress?.({ position, events });
  };

  // The bulk of the work, without any lock: the live runner and the API carry on meanwhile. The
  // next page is read while this one is written.
  const swapWithin = options.swapWithin ?? batchSize;
  let next = store.readAll({ after: null, maxCount: batchSize });
  for (;;) {
    const batch = await next;
    if (batch.length === 0) break;
    abandonIfAsked();
    next = store.readAll({ after: batch[batch.length - 1].position, maxCount: batchSize });
    await inTransaction(session, () => applyInShadow(batch));
    if (batch.length < batchSize && (await store.headPosition()) - position <= swapWithin) break;
  }
  await next.catch(() => undefined);
  await writeOutAndIndex(dataSource, session, applier, schema, options.parallelWriters ?? 0);
  abandonIfAsked();

  // What arrived during the flush, the indexes and the vacuum, caught up without any lock.
  const catchUp = async () => {
    for (;;) {
      abandonIfAsked();
      const batch = await store.readAll({ after: position, maxCount: batchSize });
      if (batch.length > 0) {
        await inTransaction(session, async () => {
          await applyInShadow(batch);
          while ((await applier.flush(session, FLUSH_CHUNK)) > 0);
        });
      }
      if (batch.length < batchSize) return;
    }
  };

  // The swap. The session lock pauses the live runner between two batches while the tail is read;
  // the tail is read before the transaction because, on PGlite, a read on another connection would
  // wait for this transaction to end. A failed attempt applied nothing under the lock and loses
  // nothing: the next one catches up from where the shadow is.
  const maxAttempts = options.maxSwapAttempts ?? 10;
  for (let attempt = 1; ; attempt++) {
    await catchUp();
    const swapped = await withSessionLock(session, swapLock(name), async () => {
      const tail = await eventsUpTo(store, position, await liveCheckpoint(session, schema, name), batchSize);
      return inTransaction(session, async () => {
        await session.query('select pg_advisory_xact_lock($1, $2)', swapLock(name));
        const live = await liveCheckpoint(session, schema, name);
        if (live > (tail.at(-1)?.position ?? position)) return false;
        if (tail.length > 0) await applyInShadow(tail, true);
        while ((await applier.flush(session)) > 0);
        await session.query(`alter schema ${identifier(schema)} rename to ${identifier(retiredSchemaOf(schema))}`);
        await session.query(`alter schema ${identifier(shadow)} rename to ${identifier(schema)}`);
        return true;
      });
    });
    if (swapped) break;
    if (attempt >= maxAttempts) throw new RebuildSwapStarved(name, attempt);
  }
  await announceCheckpoint(session, name, position).catch(() => undefined);
  // Waits for readers that started on the old tables, which new readers no longer see.
  await session.query(`drop schema ${identifier(retiredSchemaOf(schema))} cascade`);

  const durationMs = Date.now() - started;
  return {
    events,
    position,
    durationMs,
    eventsPerSecond: durationMs > 0 ? Math.round((events * 1000) / durationMs) : events,
  };
}

/**
 * Writes out what the replay held back, then builds the shadow's indexes and vacuums it: on the
 * rebuild's own session, or on `writers` connections of their own, side by side.
 */
async function writeOutAndIndex(
  dataSource: DataSource,
  session: SqlSession,
  applier: ReplayApplier,
  schema: string,
  writers: number,
): Promise<void> {
  const shadow = shadowSchemaOf(schema);
  const bulk = writers > 0 ? await ShadowWriters.open(dataSource, shadow, writers) : undefined;
  try {
    for (let unwritten = 1; unwritten > 0;) {
      unwritten = await inTransaction(session, async () => {
        await session.query("select set_config('synchronous_commit', 'off', true)");
        await useSchema(session, shadow);
        return applier.flush(session, FLUSH_CHUNK, bulk);
      });
    }
    if (bulk) await createShadowIndexes(session, schema, shadow, bulk);
    else await inTransaction(session, () => createShadowIndexes(session, schema, shadow));
    await vacuumShadow(session, shadow, bulk);
  } finally {
    await bulk?.close();
  }
}

/**
 * The events after `from` up to at least `to`. Events up to the live checkpoint were readable when
 * the live runner read them, so they still are.
 */
async function eventsUpTo(store: EventStore, from: number, to: number, pageSize: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after = from;
  while (after < to) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.length === 0) throw new Error(`the log ends at ${after}, below the live checkpoint ${to}`);
    events.push(...page);
    after = page[page.length - 1].position;
  }
  return events;
}

async function withSessionLock<T>(session: SqlSession, key: [number, number], work: () => Promise<T>): Promise<T> {
  await session.query('select pg_advisory_lock($1, $2)', key);
  try {
    return await work();
  } finally {
    await session.query('select pg_advisory_unlock($1, $2)', key);
  }
}

async function liveCheckpoint(sql: Sql, schema: string, name: string): Promise<number> {
  return (await readCheckpoint(sql, identifier(schema), name)).position;
}
