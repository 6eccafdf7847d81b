import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import fastify, { type FastifyInstance } from 'fastify';
import { acceptOnlyJsonBodies, BODY_LIMIT_BYTES, parseJsonBody } from './body';
import { ProblemException } from './problem';

function refusal(text: string) {
  try {
    parseJsonBody(text);
  } catch (error) {
    if (error instanceof ProblemException) return error.problem;
    throw error;
  }
  throw new Error(`${text} was accepted`);
}

describe('a JSON request body', () => {
  it('is read as an object or an array', () => {
    expect(parseJsonBody('{"toStage":"cto"}')).toEqual({ toStage: 'cto' });
    expect(parseJsonBody('[1]')).toEqual([1]);
  });

  it('is no body at all when it is empty', () => expect(parseJsonBody('')).toBeUndefined());

  it.each(['{"toStage": ', 'null', '"cto"', '42'])('is malformed JSON when it is %s', (text) =>
    expect(refusal(text)).toMatchObject({ status: 400, type: '/problems/malformed-json', errors: [] }),
  );

  it.each(['{"reason":"a\\u0000b"}', '{"reason":"a\\ud800b"}'])(
    'says so when it holds text that cannot be stored: %s',
    (text) =>
      expect(refusal(text)).toMatchObject({ type: '/problems/malformed-json', detail: expect.stringContaining('NUL') }),
  );

  it('names every prototype key at any depth as a field that should not exist', () =>
    expect(refusal('{"__proto__":{},"deep":[{},{"constructor":{"prototype":{}}}]}')).toMatchObject({
      status: 400,
      type: '/problems/validation',
      errors: [
        { field: '__proto__', message: '__proto__ should not exist' },
        { field: 'deep[1].constructor', message: 'constructor should not exist' },
      ],
    }));
});

describe('the bodies a server takes', () => {
  let server: FastifyInstance;
  let origin: string;
  beforeAll(async () => {
    server = fastify();
    acceptOnlyJsonBodies(server);
    server.post('/echo', async (request) => ({ body: request.body ?? null }));
    server.get('/echo', async (request) => ({ body: request.body ?? null }));
    // Over a socket: Fastify's inject() needs an ES-module-only package that jest cannot load here.
    origin = await server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  /** node:http rather than fetch, which will not send a GET with a body. */
  const send = (method: 'GET' | 'POST', contentType?: string, body?: string) =>
    new Promise<{ status: number; json: () => unknown }>((resolve, reject) => {
      const headers = contentType
        ? { 'content-type': contentType, 'content-length': Buffer.byteLength(body ?? '') }
        : {};
      const sent = request(`${origin}/echo`, { method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, json: () => JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      });
      sent.on('error', reject);
      sent.end(body);
    });

  it('are JSON, and JSON by another name', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'application/merge-patch+json']) {
      expect((await send('POST', type, '{"a":1}')).json()).toEqual({ body: { a: 1 } });
    }
  });

  it('refuse any other type, text/plain included, with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx']) {
      expect({ type, status: (await send('POST', type, '{"a":1}')).status }).toEqual({ type, status: 415 });
    }
  });

  it('refuse a body over the limit with 413', async () => {
    const tooLarge = JSON.stringify({ a: 'x'.repeat(BODY_LIMIT_BYTES) });
    expect((await send('POST', 'application/json', tooLarge)).status).toBe(413);
  });

  it('include the body of a GET, so that one is refused on the same terms', async () => {
    expect((await send('GET', 'text/plain', 'hello')).status).toBe(415);
    expect((await send('GET', 'application/json', '{"__proto__":{}}')).status).toBe(400);
    expect((await send('GET')).json()).toEqual({ body: null });
  });
});
