import { randomUUID } from 'node:crypto';
import { EventStore, NewEvent, RecordedEvent, ReservationConflict, WrongExpectedRevision } from '../event-store';

/**
 * What every EventStore adapter must do. An adapter's spec calls this with a harness that opens
 * stores on one fresh, isolated database (or server); `connect` may be called many times, each call
 * giving an independent store with its own connections, so that concurrency is real.
 */
export interface ContractHarness {
  connect(): Promise<EventStore>;
  /** Closes whatever the harness opened, including stores from `connect`. */
  dispose(): Promise<void>;
}

export function describeEventStoreContract(name: string, open: () => Promise<ContractHarness>): void {
  describe(`EventStore contract: ${name}`, () => {
    let harness: ContractHarness;
    let store: EventStore;
    // The global log may be shared with other runs (a live EventStoreDB): every stream of this run
    // carries this prefix, and log assertions look only at those streams.
    const run = randomUUID().slice(0, 8);
    const stream = (label: string) => `contract${run}-${label}-${randomUUID()}`;
    const ours = (events: RecordedEvent[]) => events.filter((e) => e.streamId.startsWith(`contract${run}-`));

    /**
     * Until the log is readable up to `position`: a store may hold readers back while older
     * writes are in flight (on PostgreSQL, any transaction on the server), so wait as a subscriber.
     */
    const readableUpTo = async (after: number, position: number) => {
      const controller = new AbortController();
      for await (const batch of store.subscribe({ after, signal: controller.signal })) {
        if (batch.some((e) => e.position >= position)) controller.abort();
      }
    };

    beforeAll(async () => {
      harness = await open();
      store = await harness.connect();
    });
    afterAll(async () => harness?.dispose());

    describe('appending and reading a stream', () => {
      it('reads back what was appended, in order, with revisions from zero', async () => {
        const id = stream('basic');
        const result = await store.append(id, [event('A', { n: 1 }), event('B', { n: 2 })], {
          expectedRevision: 'no_stream',
        });
        expect(result.nextRevision).toBe(1);

        const events = await store.readStream(id);
        expect(events.map((e) => [e.type, e.revision, e.data])).toEqual([
          ['A', 0, { n: 1 }],
          ['B', 1, { n: 2 }],
        ]);
        expect(events[1].position).toBe(result.lastPosition);
        expect(events[0].position).toBeLessThan(events[1].position);
      });

      it('keeps schema version, metadata and the recorded time', async () => {
        const id = stream('meta');
        const before = Date.now();
        await store.append(
          id,
          [
            {
              type: 'Typed',
              schemaVersion: 3,
              data: { x: 'y' },
              metadata: { actor: 'u1', correlationId: 'c1', causationId: 'k1' },
            },
          ],
          { expectedRevision: 'any' },
        );
        const [recorded] = await store.readStream(id);
        expect(recorded.schemaVersion).toBe(3);
        expect(recorded.metadata).toMatchObject({ actor: 'u1', correlationId: 'c1', causationId: 'k1' });
        expect(recorded.streamId).toBe(id);
        // Clocks of a remote server may differ slightly from ours.
        expect(Math.abs(recorded.recordedAt.getTime() - before)).toBeLessThan(60_000);
      });

      it('returns nothing for a stream that does not exist', async () => {
        expect(await store.readStream(stream('missing'))).toEqual([]);
      });

      it('reads a window of a stream', async () => {
        const id = stream('window');
        await store.append(
          id,
          [0, 1, 2, 3, 4].map((n) => event('N', { n })),
          { expectedRevision: 'no_stream' },
        );
        const events = await store.readStream(id, { fromRevision: 2, maxCount: 2 });
        expect(events.map((e) => e.revision)).toEqual([2, 3]);
      });

      it('reads several streams at once, each as readStream would, in the order asked', async () => {
        const [a, b, missing] = [stream('a'), stream('b'), stream('missing')];
        await store.append(a, [event('A0'), event('A1')], { expectedRevision: 'no_stream' });
        await store.append(b, [event('B0'), event('B1'), event('B2')], { expectedRevision: 'no_stream' });
        await store.append(a, [event('A2')], { expectedRevision: 1 });
        const reads = [{ streamId: b, fromRevision: 1 }, { streamId: missing }, { streamId: a }];
        const together = await store.readStreams(reads);
        expect(together.map((events) => events.map((e) => e.type))).toEqual([['B1', 'B2'], [], ['A0', 'A1', 'A2']]);
        expect(together).toEqual(await Promise.all(reads.map((r) => store.readStream(r.streamId, r))));
      });

      it('answers many concurrent reads each with its own stream and window, the same stream among them', async () => {
        const ids = [stream('c0'), stream('c1'), stream('c2')];
        for (const [n, id] of ids.entries()) {
          const events = Array.from({ length: n + 2 }, (_, revision) => event(`E${revision}`));
          await store.append(id, events, { expectedRevision: 'no_stream' });
        }
        const asked = Array.from({ length: 30 }, (_, n) => ({ streamId: ids[n % 3], fromRevision: n % 2 }));
        const answers = await Promise.all(
          asked.map(async (read, n) =>
            n % 2 === 0
              ? store.readStream(read.streamId, read)
              : (await store.readStreams([{ streamId: ids[0] }, read]))[1],
          ),
        );
        expect(answers.map((events) => events.map((e) => `${e.streamId}:${e.revision}`))).toEqual(
          asked.map(({ streamId, fromRevision }) =>
            Array.from(
              { length: ids.indexOf(streamId) + 2 - fromRevision },
              (_, n) => `${streamId}:${n + fromRevision}`,
            ),
          ),
        );
      });

      it('shows a read every append answered before it was asked, while other reads are on their way', async () => {
        const id = stream('fresh');
        await store.append(id, [event('A')], { expectedRevision: 'no_stream' });
        const inFlight = Promise.all([store.readStream(id), store.readStream(stream('other'))]);
        await store.append(id, [event('B')], { expectedRevision: 0 });
        expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A', 'B']);
        await inFlight;
      });
    });

    describe('expected revisions', () => {
      it('appends at the exact revision', async () => {
        const id = stream('exact');
        await store.append(id, [event('A')], { expectedRevision: 'no_stream' });
        const result = await store.append(id, [event('B')], { expectedRevision: 0 });
        expect(result.nextRevision).toBe(1);
      });

      it('refuses a stale exact revision and writes nothing', async () => {
        const id = stream('stale');
        await store.append(id, [event('A'), event('B')], { expectedRevision: 'no_stream' });
        await expect(store.append(id, [event('C')], { expectedRevision: 0 })).rejects.toBeInstanceOf(
          WrongExpectedRevision,
        );
        expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('refuses an exact revision on a stream that does not exist', async () => {
        await expect(store.append(stream('nostream'), [event('A')], { expectedRevision: 0 })).rejects.toBeInstanceOf(
          WrongExpectedRevision,
        );
      });

      it('refuses "no stream" when the stream exists', async () => {
        const id = stream('exists');
        await store.append(id, [event('A')], { expectedRevision: 'no_stream' });
        const error = await store.append(id, [event('B')], { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect((error as WrongExpectedRevision).actual).toBe(0);
      });

      it('appends with "any" whatever the stream holds', async () => {
        const id = stream('any');
        await store.append(id, [event('A')], { expectedRevision: 'any' });
        const result = await store.append(id, [event('B')], { expectedRevision: 'any' });
        expect(result.nextRevision).toBe(1);
      });

      it('lets exactly one of many concurrent appends at one revision win', async () => {
        const id = stream('race');
        await store.append(id, [event('A')], { expectedRevision: 'no_stream' });
        const stores = await Promise.all(Array.from({ length: 8 }, () => harness.connect()));
        const outcomes = await Promise.allSettled(
          stores.map((s, i) => s.append(id, [event('Racer', { i }), event('Racer2', { i })], { expectedRevision: 0 })),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        expect(won).toHaveLength(1);
        for (const o of outcomes) {
          if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedRevision);
        }
        const events = await store.readStream(id);
        expect(events.map((e) => e.revision)).toEqual([0, 1, 2]);
        // A multi-event append is atomic: both events come from the same writer.
        expect(events[1].data).toEqual(events[2].data);
      });

      it('keeps a stream in position order when many appends with "any" race on it', async () => {
        const id = stream('any-race');
        const start = await store.headPosition();
        const stores = await Promise.all(Array.from({ length: 12 }, () => harness.connect()));
        try {
          await Promise.all(
            stores.map(async (s, w) => {
              for (let i = 0; i < 5; i++) await s.append(id, [event('Any', { w, i })], { expectedRevision: 'any' });
            }),
          );
        } finally {
          // Connections are scarce on a shared server; the harness closes these again, harmlessly.
          await Promise.all(stores.map((s) => s.close()));
        }

        const events = await store.readStream(id);
        expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 60 }, (_, n) => n));
        const positions = events.map((e) => e.position);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(new Set(positions).size).toBe(60);

        await readableUpTo(start, Math.max(...positions));
        const logged: RecordedEvent[] = [];
        for (let after = start; ;) {
          const page = await store.readAll({ after, maxCount: 100 });
          if (page.length === 0) break;
          logged.push(...page.filter((e) => e.streamId === id));
          after = page[page.length - 1].position;
        }
        expect(logged.map((e) => e.revision)).toEqual(events.map((e) => e.revision));
      });

      it('lets exactly one of many concurrent creators of a stream win', async () => {
        const id = stream('create-race');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            store.append(id, [event('Created', { i })], { expectedRevision: 'no_stream' }),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream(id)).toHaveLength(1);
      });
    });

    describe('reservations', () => {
      it('lets one stream hold a key and refuses it to another, writing nothing', async () => {
        const key = `key-${randomUUID()}`;
        const first = stream('holder');
        const second = stream('contender');
        await store.append(first, [event('Claimed')], {
          expectedRevision: 'no_stream',
          reservations: { reserve: [key] },
        });
        const error = await store
          .append(second, [event('Claimed')], { expectedRevision: 'no_stream', reservations: { reserve: [key] } })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ReservationConflict);
        expect((error as ReservationConflict).heldBy).toBe(first);
        expect(await store.readStream(second)).toEqual([]);
        expect(await store.reservationHolder(key)).toBe(first);
      });

      it('frees a key when its holder releases it', async () => {
        const key = `key-${randomUUID()}`;
        const first = stream('releaser');
        const second = stream('next');
        await store.append(first, [event('Claimed')], {
          expectedRevision: 'no_stream',
          reservations: { reserve: [key] },
        });
        await store.append(first, [event('Let go')], { expectedRevision: 0, reservations: { release: [key] } });
        expect(await store.reservationHolder(key)).toBeNull();
        await store.append(second, [event('Claimed')], {
          expectedRevision: 'no_stream',
          reservations: { reserve: [key] },
        });
        expect(await store.reservationHolder(key)).toBe(second);
      });

      it('takes no reservation when the append fails on its revision', async () => {
        const key = `key-${randomUUID()}`;
        const id = stream('failing');
        await store.append(id, [event('A')], { expectedRevision: 'no_stream' });
        await expect(
          store.append(id, [event('B')], { expectedRevision: 5, reservations: { reserve: [key] } }),
        ).rejects.toBeInstanceOf(WrongExpectedRevision);
        expect(await store.reservationHolder(key)).toBeNull();
      });

      it('gives a key to exactly one of many concurrent claimants', async () => {
        const key = `key-${randomUUID()}`;
        const stores = await Promise.all(Array.from({ length: 8 }, () => harness.connect()));
        const claimants = stores.map(() => stream('claimant'));
        const outcomes = await Promise.allSettled(
          stores.map((s, i) =>
            s.append(claimants[i], [event('Claimed')], {
              expectedRevision: 'no_stream',
              reservations: { reserve: [key] },
            }),
          ),
        );
        const winners = claimants.filter((_, i) => outcomes[i].status === 'fulfilled');
        expect(winners).toHaveLength(1);
        expect(await store.reservationHolder(key)).toBe(winners[0]);
        const written = await Promise.all(claimants.map((id) => store.readStream(id)));
        expect(written.filter((events) => events.length > 0)).toHaveLength(1);
      });

      const throughGate = (s: EventStore, id: string, gate: string) =>
        s.append(id, [event('Passed')], {
          expectedRevision: 'no_stream',
          reservations: { reserve: [gate], release: [gate] },
        });

      it('lets appends through a gate (a key each reserves and releases) and leaves it free', async () => {
        const gate = `gate-${randomUUID()}`;
        const passers = [stream('passer'), stream('passer'), stream('passer')];
        for (const id of passers) await throughGate(store, id, gate);
        const written = await Promise.all(passers.map((id) => store.readStream(id)));
        expect(written.map((events) => events.length)).toEqual([1, 1, 1]);
        expect(await store.reservationHolder(gate)).toBeNull();
      });

      it('shuts a gate for good once another stream keeps its key, writing nothing', async () => {
        const gate = `gate-${randomUUID()}`;
        const keeper = stream('keeper');
        await throughGate(store, stream('before'), gate);
        await store.append(keeper, [event('Kept')], {
          expectedRevision: 'no_stream',
          reservations: { reserve: [gate] },
        });
        const late = stream('late');
        const error = await throughGate(store, late, gate).catch((e: unknown) => e);
        expect(error).toEqual(new ReservationConflict(gate, keeper));
        expect(await store.readStream(late)).toEqual([]);
        expect(await store.reservationHolder(gate)).toBe(keeper);
      });
    });

    describe('the global log', () => {
      it('reads every stream in position order after a position', async () => {
        const start = await store.headPosition();
        const a = stream('log-a');
        const b = stream('log-b');
        await store.append(a, [event('A1')], { expectedRevision: 'no_stream' });
        await store.append(b, [event('B1'), event('B2')], { expectedRevision: 'no_stream' });
        const last = await store.append(a, [event('A2')], { expectedRevision: 0 });
        await readableUpTo(start, last.lastPosition);

        const page = ours(await store.readAll({ after: start, maxCount: 1000 })).filter(
          (e) => e.streamId === a || e.streamId === b,
        );
        expect(page.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'A2']);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(page[3].position);
      });

      it('pages through the log without gaps or repeats', async () => {
        const start = await store.headPosition();
        const id = stream('paging');
        const { lastPosition } = await store.append(
          id,
          Array.from({ length: 25 }, (_, n) => event('P', { n })),
          { expectedRevision: 'no_stream' },
        );
        await readableUpTo(start, lastPosition);
        const seen: number[] = [];
        let after: number | null = start;
        for (;;) {
          const page: RecordedEvent[] = await store.readAll({ after, maxCount: 7 });
          if (page.length === 0) break;
          seen.push(...page.filter((e) => e.streamId === id).map((e) => e.data.n as number));
          after = page[page.length - 1].position;
        }
        expect(seen).toEqual(Array.from({ length: 25 }, (_, n) => n));
      });

      it('delivers past events, then live ones, to a subscriber', async () => {
        const start = await store.headPosition();
        const id = stream('live');
        await store.append(id, [event('Past')], { expectedRevision: 'no_stream' });
        const controller = new AbortController();
        const received: string[] = [];
        const consumed = (async () => {
          for await (const batch of store.subscribe({ after: start, signal: controller.signal })) {
            received.push(...batch.filter((e) => e.streamId === id).map((e) => e.type));
            if (received.length === 3) controller.abort();
          }
        })();
        await store.append(id, [event('Live1'), event('Live2')], { expectedRevision: 0 });
        await consumed;
        expect(received).toEqual(['Past', 'Live1', 'Live2']);
      });

      it('shows a subscriber every event exactly once, in order, while 24 connections append at once', async () => {
        const writers = await Promise.all(Array.from({ length: 24 }, () => harness.connect()));
        const start = await store.headPosition();
        const appendsPerWriter = 20;
        const expectedCount = writers.length * appendsPerWriter * 2;
        const controller = new AbortController();
        const received: RecordedEvent[] = [];
        const subscriber = (async () => {
          for await (const batch of store.subscribe({ after: start, maxBatchSize: 50, signal: controller.signal })) {
            received.push(...ours(batch).filter((e) => e.streamId.includes('-swarm-')));
            if (received.length >= expectedCount) controller.abort();
          }
        })();

        await Promise.all(
          writers.map(async (writer, w) => {
            for (let i = 0; i < appendsPerWriter; i++) {
              // Half the writers share streams, so their appends contend and must retry.
              const id =
                w % 2 === 0 ? `contract${run}-swarm-own-${w}-${i % 5}` : `contract${run}-swarm-shared-${i % 3}`;
              for (;;) {
                const current = await writer.readStream(id);
                const expectedRevision = current.length === 0 ? 'no_stream' : current[current.length - 1].revision;
                try {
                  await writer.append(id, [event('S', { w, i, part: 1 }), event('S', { w, i, part: 2 })], {
                    expectedRevision,
                  });
                  break;
                } catch (error) {
                  if (!(error instanceof WrongExpectedRevision)) throw error;
                }
              }
            }
          }),
        );
        await subscriber;

        expect(received).toHaveLength(expectedCount);
        const positions = received.map((e) => e.position);
        expect(new Set(positions).size).toBe(expectedCount);
        expect(positions).toEqual([...positions].sort((x, y) => x - y));
        const byStream = new Map<string, number[]>();
        for (const e of received) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.revision]);
        for (const revisions of byStream.values()) {
          expect(revisions).toEqual(revisions.map((_, i) => i));
        }
      });
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

function event(type: string, data: Record<string, unknown> = {}): NewEvent {
  return { type, schemaVersion: 1, data };
}
