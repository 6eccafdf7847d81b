import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers its n-th request (0-based): a status, or 'hang' to never answer. */
export type Answer = number | 'hang';

/** A real HTTP server on a loopback port, recording what webhooks it is sent. */
export interface Receiver {
  url: string;
  port: number;
  received: ReceivedRequest[];
  /** Requests whose connection is still open (a hanging answer until the sender gives up). */
  open(): number;
  close(): Promise<void>;
}

export async function startReceiver(answer: (n: number) => Answer = () => 200): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  let openCount = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    openCount += 1;
    res.on('close', () => (openCount -= 1));
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const n = received.length;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const reply = answer(n);
      if (reply === 'hang') return;
      res.writeHead(reply, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    open: () => openCount,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
