import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const MEANING: Record<number, string> = {
  400: 'The body or query is not valid (`errors` lists each field).',
  401: 'No valid bearer token.',
  403: 'Only admins manage webhooks.',
  404: 'No webhook (or delivery) has this id.',
};

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', example: '/problems/webhook-not-found' },
    title: { type: 'string', example: 'Not Found' },
    status: { type: 'integer', example: 404 },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

/** The error answers of a route, as RFC 9457 problem details. */
export const Problems = (...statuses: (keyof typeof MEANING)[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: MEANING[status],
        content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } },
      }),
    ),
  );
