import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { acceptOnlyJsonBodies, BODY_LIMIT_BYTES } from './body';

/**
 * The HTTP platform of every process that serves HTTP: Fastify, chosen on measurement over Express
 * (README, "bench:http"). Pass `bodyParser: false` to Nest with it: the body parsing is this one.
 *
 * Paths match as they did on Express, whatever the case and with or without a trailing slash.
 */
export function httpAdapter(): FastifyAdapter {
  const adapter: FastifyAdapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    // A path the router cannot decode, or a parameter over its length, is refused before any route
    // is chosen; Fastify would answer it with its own JSON, Nest's error handler answers problems.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      adapter.getInstance().errorHandler(error, request, reply),
  });
  acceptOnlyJsonBodies(adapter.getInstance());
  return adapter;
}
