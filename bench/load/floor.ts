import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PostgresEventStore } from '@app/event-store/postgres/postgres-event-store';
import { POOL_SIZE } from '@app/platform/infrastructure/infrastructure.module';

/**
 * The floor of an HTTP write on this machine: the same requests as `POST /applications` (the same
 * generator, connections and bodies), answered by bare node:http that parses the JSON and appends
 * one event to a new stream through the same event store and pool size, then answers 201 with the
 * id and position. No framework, token, validation, personal data, reservation or projection:
 * what is left is what any Node service pays for HTTP and one append while it shares the machine
 * with PostgreSQL and the generator. The app's write rate is compared with it, and it with the
 * event store's own append rate.
 */
export async function startFloor(databaseUrl: string): Promise<{ origin: string; close(): Promise<void> }> {
  const store = await PostgresEventStore.open({ connectionString: databaseUrl, poolSize: POOL_SIZE, listen: false });
  const server = createServer((request, response) => {
    void (async () => {
      try {
        const body = JSON.parse(await text(request)) as { jobId: string; source?: string };
        const id = randomUUID();
        const appended = await store.append(
          `application-${id}`,
          [
            {
              type: 'ApplicationSubmitted',
              schemaVersion: 1,
              data: { applicationId: id, jobId: body.jobId, source: body.source ?? null },
            },
          ],
          { expectedRevision: 'no_stream' },
        );
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id, version: 0, position: appended.lastPosition }));
      } catch {
        response.writeHead(500).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}

async function text(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
