import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { type Response } from 'express';
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
    const response = host.switchToHttp().getResponse<Response>();
    const problem = toProblem(error);
    if (problem.status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (response.headersSent) return;
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
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
  if (error instanceof HttpException) return withFieldErrors(fromHttpException(error));
  const bodyParserStatus = bodyParserErrorStatus(error);
  if (bodyParserStatus) {
    const detail =
      bodyParserStatus === 413
        ? 'The request body is too large.'
        : `The request body is not valid JSON${error instanceof Error && /cannot be stored/.test(error.message) ? ': it contains a NUL character or broken Unicode' : ''}.`;
    return {
      ...(bodyParserStatus === 400 ? { errors: [] } : {}),
      type: problemType(bodyParserStatus === 413 ? 'payload-too-large' : 'malformed-json'),
      title: TITLES[bodyParserStatus],
      status: bodyParserStatus,
      detail,
    };
  }
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

/** Express's body parser reports malformed JSON and oversized bodies with a `type` and `status`. */
function bodyParserErrorStatus(error: unknown): 400 | 413 | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  const type = (error as { type: unknown }).type;
  if (type === 'entity.parse.failed') return 400;
  if (type === 'entity.too.large') return 413;
  return undefined;
}

/** SPEC §4: every 400 carries `errors`, even when no single field is to blame. */
function withFieldErrors(problem: ProblemDetails): ProblemDetails {
  return problem.status === 400 && !problem.errors ? { ...problem, errors: [] } : problem;
}
