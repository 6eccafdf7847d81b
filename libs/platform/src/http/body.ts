import { type NextFunction, type Request, type Response } from 'express';
import { type FieldError, ProblemException, validationProblem } from './problem';

/** Strings PostgreSQL cannot store (NUL) or that are not Unicode (lone surrogates). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A JSON reviver that refuses them, so they become a 400 instead of a database error. */
export function refuseUnstorableText(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && UNSTORABLE.test(value)) {
    throw new SyntaxError('The request contains text that cannot be stored (a NUL character or broken Unicode).');
  }
  return value;
}

/**
 * A body in any other format would be silently ignored by the JSON parser, and a route whose fields
 * are all optional would then succeed without them: refuse it instead.
 */
export function requireJsonBodies(request: Request, _response: Response, next: NextFunction): void {
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (hasBody && !request.is(['application/json', 'application/*+json'])) {
    next(
      ProblemException.of(
        415,
        'unsupported-media-type',
        'Unsupported Media Type',
        'Send the request body as application/json.',
      ),
    );
    return;
  }
  next();
}

/**
 * Keys through which a careless merge or transformation reaches an object's prototype. JSON.parse
 * makes `__proto__` an ordinary own property, which class-transformer then either drops silently
 * or follows into Object.prototype; either way the request would go on as if the key were not there.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses a parsed JSON body holding a prototype key at any depth, like any unknown field (SPEC §4),
 * before any route or DTO sees it. Registered after the JSON parser, so every route is covered,
 * including those that take no body at all.
 */
export function refusePrototypeKeys(request: Request, _response: Response, next: NextFunction): void {
  const found = prototypeKeyPaths(request.body as unknown);
  if (found.length > 0) {
    next(validationProblem(found, 'The request body contains a key that is not allowed.'));
    return;
  }
  next();
}

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
