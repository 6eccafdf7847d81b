import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiProduces } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { map, type Observable } from 'rxjs';

/** Turns a route's JSON answer into the rows of its CSV form: one object per row, keys as columns. */
export type CsvRows = (body: never) => Record<string, unknown>[];

const CSV_ROWS = Symbol('CsvRows');
/** In order of preference: JSON unless Accept prefers CSV (no Accept header, or any type, means JSON). */
const ANSWERS = ['application/json', 'text/csv'];

/**
 * SPEC §8: the reports (and the SLA breach list and summary) also answer `text/csv` when the
 * request's Accept asks for it over JSON: one row per item, with a header row. Cells that would
 * start a formula in a spreadsheet are prefixed, since names come from outside.
 */
export const CsvAnswer = (rows: CsvRows) =>
  applyDecorators(
    SetMetadata(CSV_ROWS, rows),
    UseInterceptors(CsvInterceptor),
    ApiProduces('application/json', 'text/csv'),
  );

@Injectable()
export class CsvInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rows = this.reflector.get<CsvRows | undefined>(CSV_ROWS, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!rows || new Negotiator(request).mediaType(ANSWERS) !== 'text/csv') return next.handle();
    const response = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        response.type('text/csv; charset=utf-8');
        return toCsv(rows(body as never));
      }),
    );
  }
}

export function toCsv(rows: Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return stringify(
    rows.map((row) => columns.map((column) => cell(row[column]))),
    { header: true, columns, record_delimiter: 'windows' },
  );
}

const FORMULA = /^[=+\-@\t\r]/;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return typeof value === 'string' && FORMULA.test(text) ? `'${text}` : text;
}
