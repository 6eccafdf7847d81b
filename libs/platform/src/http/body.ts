import type { FastifyInstance } from 'fastify';
import { type FieldError, ProblemException, validationProblem } from './problem';

/** The largest body the API reads; a larger one is refused with 413 before it is parsed. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/** Strings PostgreSQL cannot store (NUL) or that are not Unicode (lone surrogates). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_MESSAGE = 'The request contains text that cannot be stored (a NUL character or broken Unicode).';

/** A JSON reviver that refuses them, so they become a 400 instead of a database error. */
export function refuseUnstorableText(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && UNSTORABLE.test(value)) throw new SyntaxError(UNSTORABLE_MESSAGE);
  return value;
}

/**
 * JSON is the only body the API reads. A body in any other format would otherwise be ignored, and
 * a route whose fields are all optional would then succeed without them: with no parser for its
 * type (Fastify's own text/plain one removed), Fastify refuses it with 415. GET is given a body too,
 * so that a GET with a body is refused on the same terms as any other request.
 */
export function acceptOnlyJsonBodies(server: FastifyInstance): void {
  server.addHttpMethod('GET', { hasBody: true, overrideExisting: true });
  server.removeAllContentTypeParsers();
  for (const type of ['application/json', /^application\/[^;\s]+\+json(?:;|$)/]) {
    server.addContentTypeParser(type, { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (_request, text, done) => {
      let body: unknown;
      try {
        body = parseJsonBody(String(text));
      } catch (error) {
        done(error as Error);
        return;
      }
      done(null, body);
    });
  }
}

/**
 * An object or an array (a bare string, number or null is not a request), with no text PostgreSQL
 * cannot store and no prototype key. An empty body is no body.
 */
export function parseJsonBody(text: string): unknown {
  if (text === '') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text, refuseUnstorableText);
  } catch (error) {
    throw malformedJson(error instanceof SyntaxError && error.message === UNSTORABLE_MESSAGE);
  }
  if (typeof body !== 'object' || body === null) throw malformedJson(false);
  const found = prototypeKeyPaths(body);
  if (found.length > 0) throw validationProblem(found, 'The request body contains a key that is not allowed.');
  return body;
}

const malformedJson = (unstorable: boolean) =>
  ProblemException.of(
    400,
    'malformed-json',
    'Bad Request',
    `The request body is not valid JSON${unstorable ? ': it contains a NUL character or broken Unicode' : ''}.`,
    { errors: [] },
  );

/**
 * Keys through which a careless merge or transformation reaches an object's prototype. JSON.parse
 * makes `__proto__` an ordinary own property, which class-transformer then either drops silently
 * or follows into Object.prototype; either way the request would go on as if the key were not there.
 * Refused at any depth, like any unknown field (SPEC §4), by the parser, so before any route or
 * DTO sees it, including on routes that take no body at all.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function prototypeKeyPaths(value: unknown, path = ''): FieldError[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => prototypeKeyPaths(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  // Object.keys lists the own `__proto__` that JSON.parse creates; a for-in or a spread might not.
  return Object.keys(value).flatMap((key) => {
    const field = path ? `${path}.${key}` : key;
    return PROTOTYPE_KEYS.has(key)
      ? [{ field, message: `${key} should not exist` }]
      : prototypeKeyPaths((value as Record<string, unknown>)[key], field);
  });
}
