import DataLoader from 'dataloader';

/**
 * Reads of the same kind that requests ask for in the same turn of the event loop, sent to the
 * database as one statement. Under load, every statement costs both processes far more than the
 * rows it returns (the round trip, a wake-up of the server's backend), and concurrent requests
 * read the same tables for different keys. Nothing is cached: each read is sent after the request
 * that asked for it arrived, so it sees every write answered before that.
 */
export function readsTogether<Key, Value>(
  readMany: (keys: readonly Key[]) => Promise<readonly Value[]>,
): (key: Key) => Promise<Value> {
  // No limit on a batch: it holds what requests in flight asked for, or one caller's many keys
  // (a subscription's batch of events opens with one lookup of all its subjects' keys).
  const loader = new DataLoader<Key, Value>(readMany, {
    cache: false,
    // After the I/O callbacks of this turn, so that requests parsed in it read together.
    batchScheduleFn: (send) => setImmediate(send),
  });
  return (key) => loader.load(key);
}
