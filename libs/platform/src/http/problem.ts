import { HttpException } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types are URI references under /problems; README lists each code. */
export const problemType = (code: string) => `/problems/${code}`;

/** An HTTP error that already knows its RFC 9457 body. */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemDetails) {
    super(problem, problem.status);
  }

  static of(status: number, code: string, title: string, detail: string, extensions: Record<string, unknown> = {}) {
    return new ProblemException({ type: problemType(code), title, status, detail, ...extensions });
  }
}

export const validationProblem = (errors: FieldError[], detail = 'The request is not valid.') =>
  ProblemException.of(400, 'validation', 'Bad Request', detail, { errors });
