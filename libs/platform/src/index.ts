/**
 * What every process of the service is made of, written once: configuration, the clock, the event
 * store and read-store wiring (InfrastructureModule, the one composition root), HTTP conventions
 * (auth, problem details, typed errors, idempotency), health, metrics and the projections'
 * lifecycle. apps/api and apps/projector compose it; nothing here knows a route of theirs.
 */
export * from './config/config';
export * from './infrastructure/clock';
export * from './infrastructure/ids';
export * from './infrastructure/infrastructure.module';
export * from './infrastructure/read-store';
export * from './sla-policy/sla-policy-timeline';
export * from './auth/roles';
export * from './auth/auth.guard';
export * from './http/body';
export * from './http/http-adapter';
export * from './http/errors';
export * from './http/id-param';
export * from './http/no-body.dto';
export * from './http/openapi';
export * from './http/problem';
export * from './http/problem-details.filter';
export * from './http/request-context';
export * from './http/validation';
export * from './http/validators';
export * from './http/query-params';
export * from './idempotency/idempotency.interceptor';
export * from './health/health.controller';
export * from './metrics/metrics.controller';
export * from './projections/projections.module';
export * from './projections/projections.service';
export * from './projections/projections.metrics';
export * from './projections/projection-reads';
export * from './projections/projection-reads.module';
export * from './http/csv';
