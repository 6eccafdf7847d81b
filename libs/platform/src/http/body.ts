import { type NextFunction, type Request, type Response } from 'express';
import { ProblemException } from './problem';

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
