import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A `pg` connection string for the loopback server. */
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL compiled to WebAssembly, served on an ephemeral loopback port so that the one `pg` code
 * path serves both embedded and real PostgreSQL. All connections share one backend: transactions
 * are serialised, which is correct, and every client counts against `maxConnections` (going over
 * resets connections), so callers size their pools to fit.
 */
export async function startEmbeddedPostgres(options: {
  dataDir?: string;
  maxConnections: number;
}): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections });
  keepExtendedQueriesTogether(server, db);
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

/** The parts of pglite-socket's (unexported) query queue that the fix below replaces. */
interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

// Extended-protocol messages that leave a statement half-way until the client's Sync.
const PARSE = 0x50;
const BIND = 0x42;
const DESCRIBE = 0x44;
const EXECUTE = 0x45;
const CLOSE = 0x43;
const FLUSH = 0x48;
const MID_SEQUENCE = new Set([PARSE, BIND, DESCRIBE, EXECUTE, CLOSE, FLUSH]);

/**
 * pglite-socket 0.2.17 queues every protocol message on its own and keeps a connection's messages
 * together only inside a transaction. Outside one, two connections' extended queries interleave
 * (Parse from one, Parse from the other, then Bind) on the single shared backend, and a statement
 * runs with the other's parameters ("bind message supplies 3 parameters, but prepared statement
 * requires 1"). This keeps a connection's messages together from its Parse to its Sync as well.
 * Pinned to that version: the queue is internal, so an upgrade must re-check it.
 */
function keepExtendedQueriesTogether(server: PGLiteSocketServer, db: PGlite): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let midSequence = false;

  queue.processQueue = async function processQueue(this: QueryQueue): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const sticky = (midSequence || db.isInTransaction()) && this.lastHandlerId !== null;
        const index = sticky ? this.queue.findIndex((m) => m.handlerId === this.lastHandlerId) : 0;
        // The connection in the middle of its statement has not sent the rest yet: wait for it.
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          midSequence = false;
          item.reject(error);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        midSequence = MID_SEQUENCE.has(item.message[0]);
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  const clearTransaction = queue.clearTransactionIfNeeded.bind(queue);
  queue.clearTransactionIfNeeded = async function (handlerId: number): Promise<void> {
    // A connection that goes away half-way through a statement must not hold the others up.
    if (this.lastHandlerId === handlerId) midSequence = false;
    await clearTransaction(handlerId);
    await this.processQueue();
  };
}
