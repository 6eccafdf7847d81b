/**
 * Errors that the handlers, the readers and the idempotency layer throw, typed like the domain's
 * errors (a `kind` and a stable `code`, no HTTP): the one filter maps the kind to a status and the
 * code to a problem type, and adds whatever `extensions` the error carries.
 *
 * Any error with this shape is mapped, whichever library defines it: the domain's DomainError, the
 * command loop's PreconditionFailed and ConcurrentModification, and these.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'unprocessable'
  | 'unavailable';

export interface TypedError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  /** Fields added to the problem body, e.g. `existingApplicationId`. */
  readonly extensions?: Record<string, unknown>;
  /** Nothing was decided: the same request may be retried, so an idempotent answer must not keep it. */
  readonly transient?: boolean;
}

const KINDS: ReadonlySet<string> = new Set<ErrorKind>([
  'invalid',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'precondition_failed',
  'unprocessable',
  'unavailable',
]);

export const isTypedError = (error: unknown): error is TypedError =>
  error instanceof Error &&
  typeof (error as Partial<TypedError>).code === 'string' &&
  KINDS.has(String((error as Partial<TypedError>).kind));

abstract class ServiceError extends Error implements TypedError {
  abstract readonly kind: ErrorKind;
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotAllowedToRead extends ServiceError {
  readonly kind = 'forbidden';
  readonly code = 'forbidden';
}

export class ProjectionBehind extends ServiceError {
  readonly kind = 'unavailable';
  readonly code = 'projection-behind';
  readonly transient = true;
  constructor(
    readonly position: number,
    readonly minPosition: number,
    waitedSeconds: number,
  ) {
    super(
      `The read models have reached position ${position}, not ${minPosition}, within ${waitedSeconds} seconds. Retry shortly.`,
    );
  }
  get extensions() {
    return { position: this.position, minPosition: this.minPosition };
  }
}

export class RebuildInProgress extends ServiceError {
  readonly kind = 'conflict';
  readonly code = 'rebuild-in-progress';
  constructor() {
    super('A rebuild of the read model is already running.');
  }
}

export class IdempotencyKeyReused extends ServiceError {
  readonly kind = 'unprocessable';
  readonly code = 'idempotency-key-reused';
  constructor() {
    super('This Idempotency-Key was used with a different request.');
  }
}

export class IdempotencyKeyInUse extends ServiceError {
  readonly kind = 'conflict';
  readonly code = 'idempotency-key-in-use';
  readonly transient = true;
  constructor() {
    super('A request with this Idempotency-Key is still in progress.');
  }
}
