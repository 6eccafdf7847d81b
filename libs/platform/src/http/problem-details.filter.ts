import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { type ErrorKind, isTypedError } from './errors';
import { type FieldError, PROBLEM_CONTENT_TYPE, type ProblemDetails, ProblemException, problemType } from './problem';

const STATUS: Record<ErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  precondition_failed: HttpStatus.PRECONDITION_FAILED,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  503: 'Service Unavailable',
};

/**
 * The one place where errors become responses: RFC 9457 problem details, never a stack trace or SQL.
 * Anything unexpected is logged in full and answered with a bare 500.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = toProblem(error);
    if (problem.status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (reply.sent || reply.raw.headersSent) return;
    reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}

export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof ProblemException) return error.problem;
  if (isTypedError(error)) {
    const status = STATUS[error.kind];
    const fieldErrors = status === 400 ? { errors: fieldErrorsOf(error) } : {};
    return {
      type: problemType(error.code),
      title: TITLES[status],
      status,
      detail: error.message,
      ...fieldErrors,
      ...error.extensions,
    };
  }
  if (error instanceof HttpException) return bodyRefusal(error) ?? withFieldErrors(fromHttpException(error));
  return {
    type: problemType('internal'),
    title: 'Internal Server Error',
    status: 500,
    detail: 'Something went wrong on our side.',
  };
}

/**
 * A refusal that found several things wrong (a policy, a team) lists them all in `problems`; any
 * other names at most the one `field` at fault, with its message.
 */
function fieldErrorsOf(error: Error): FieldError[] {
  const problems = (error as { problems?: unknown }).problems;
  if (Array.isArray(problems) && problems.length > 0 && problems.every(isFieldError)) {
    return problems.map(({ field, message }) => ({ field, message }));
  }
  return [{ field: 'field' in error ? String(error.field) : '', message: error.message }];
}

const isFieldError = (value: unknown): value is FieldError =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as FieldError).field === 'string' &&
  typeof (value as FieldError).message === 'string';

function fromHttpException(error: HttpException): ProblemDetails {
  const status = error.getStatus();
  const title = TITLES[status] ?? error.name;
  const body = error.getResponse();
  const message =
    typeof body === 'object' && body !== null && 'message' in body ? (body as { message: unknown }).message : body;
  const detail = typeof message === 'string' ? message : title;
  return { type: problemType(title.toLowerCase().replace(/\s+/g, '-')), title, status, detail };
}

/**
 * Fastify refuses a body before any route sees it, with an error of its own that Nest wraps in an
 * HttpException: one too large, or of a type no parser reads (only JSON has one, see body.ts).
 */
const BODY_REFUSALS = new Map<unknown, { status: number; code: string; detail: string }>([
  ['FST_ERR_CTP_BODY_TOO_LARGE', { status: 413, code: 'payload-too-large', detail: 'The request body is too large.' }],
  [
    'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    { status: 415, code: 'unsupported-media-type', detail: 'Send the request body as application/json.' },
  ],
]);

function bodyRefusal(error: HttpException): ProblemDetails | undefined {
  const refusal = BODY_REFUSALS.get((error.cause as { code?: unknown } | undefined)?.code);
  return (
    refusal && {
      type: problemType(refusal.code),
      title: TITLES[refusal.status],
      status: refusal.status,
      detail: refusal.detail,
    }
  );
}

/** SPEC §4: every 400 carries `errors`, even when no single field is to blame. */
function withFieldErrors(problem: ProblemDetails): ProblemDetails {
  return problem.status === 400 && !problem.errors ? { ...problem, errors: [] } : problem;
}
