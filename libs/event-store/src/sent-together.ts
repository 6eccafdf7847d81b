import DataLoader from 'dataloader';

/**
 * Statements of the same kind that requests ask for in the same turn of the event loop, sent to
 * the database as one. Under load, every statement costs both processes far more than the rows it
 * reads or writes (the round trip, a wake-up of the server's backend, and for a write its own
 * commit), and concurrent requests read and write the same tables for different keys. Nothing is
 * cached: each key is sent after the request that asked for it arrived, so a read sees every write
 * answered before that. The batch answers each key in order, with a value or, for that key alone,
 * an Error.
 */
export function sentTogether<Key, Value>(
  sendMany: (keys: readonly Key[]) => Promise<readonly (Value | Error)[]>,
): (key: Key) => Promise<Value> {
  // No limit on a batch: it holds what requests in flight asked for, or one caller's many keys
  // (a subscription's batch of events opens with one lookup of all its subjects' keys).
  const loader = new DataLoader<Key, Value>(sendMany, {
    cache: false,
    // After the I/O callbacks of this turn, so that requests parsed in it are sent together.
    batchScheduleFn: (send) => setImmediate(send),
  });
  return (key) => loader.load(key);
}

/**
 * Group commit: at most `inFlight` batches at once, each sent as soon as it may be; what is asked
 * for while they are all out waits, and goes together as the next one (up to `maxBatchSize`, then
 * the one after). An idle caller waits for nothing but the end of its turn; a busy one sends fewer
 * and larger batches the busier it is.
 */
export function sentWhileBusy<Key, Value>(
  sendMany: (keys: readonly Key[]) => Promise<readonly (Value | Error)[]>,
  { inFlight, maxBatchSize }: { inFlight: number; maxBatchSize: number },
): (key: Key) => Promise<Value> {
  const ready: (() => void)[] = [];
  let sending = 0;
  const sendReady = () => {
    while (sending < inFlight && ready.length > 0) {
      sending += 1;
      ready.shift()!();
    }
  };
  const loader = new DataLoader<Key, Value>((keys) => sendMany(keys).finally(() => ((sending -= 1), sendReady())), {
    cache: false,
    maxBatchSize,
    // The batch is ready once its first key is in it, in the same turn; it leaves when a slot is free.
    batchScheduleFn: (send) => {
      ready.push(send);
      process.nextTick(sendReady);
    },
  });
  return (key) => loader.load(key);
}

/**
 * A batch whose statement failed as a whole is sent again key by key, so that only a key that
 * cannot be sent fails its caller. `retry` tells the failures that left nothing done (a refused
 * statement rolls back), after which sending again is safe; any other fails the whole batch.
 */
export function eachAloneOnFailure<Key, Value>(
  sendMany: (keys: readonly Key[]) => Promise<readonly (Value | Error)[]>,
  retry: (error: unknown) => boolean = () => true,
): (keys: readonly Key[]) => Promise<readonly (Value | Error)[]> {
  return async (keys) => {
    try {
      return await sendMany(keys);
    } catch (error) {
      if (keys.length === 1 || !retry(error)) throw error;
      return Promise.all(
        keys.map((key) =>
          sendMany([key]).then(
            ([value]) => value,
            (failure: Error) => failure,
          ),
        ),
      );
    }
  };
}
