import { type SlaPolicy, slaPolicyProblems } from '@app/hiring';
import { parseRetrySchedule } from '@app/notifications';

export interface Config {
  port: number;
  production: boolean;
  /** Unset: an embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  eventStore: 'postgres' | 'eventstoredb';
  eventStoreConnectionString?: string;
  jwtSecret: string;
  /** True when no JWT_SECRET was given outside production and a well-known one stands in. */
  usingDevelopmentSecret: boolean;
  sla: SlaPolicy;
  /** `off` when projections run in their own process (apps/projector). */
  projections: 'on' | 'off';
  /** The board's built page (`npm run build:board`). */
  boardDir: string;
  webhooks: WebhookConfig;
}

/** SPEC §5's WEBHOOK_ALLOW_PRIVATE and WEBHOOK_RETRY_SCHEDULE. */
export interface WebhookConfig {
  /** Loopback and private addresses allowed as webhook targets (tests, single-host setups). */
  allowPrivate: boolean;
  /** Seconds between delivery attempts. */
  retrySchedule: readonly number[];
}

export const CONFIG = Symbol('Config');

const DEFAULT_BOARD_DIR = 'dist/board';
const DEVELOPMENT_SECRET = 'development-secret-do-not-use-in-production';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** SPEC §5, validated as a whole so that one start reports every bad value at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';

  const port = integer(env.PORT ?? '3000');
  if (port === undefined || port < 0 || port > 65535)
    problems.push(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);

  const eventStore = env.EVENT_STORE ?? 'postgres';
  if (eventStore !== 'postgres' && eventStore !== 'eventstoredb') {
    problems.push(`EVENT_STORE must be "postgres" or "eventstoredb", got "${eventStore}"`);
  }
  if (eventStore === 'eventstoredb' && !env.EVENTSTORE_CONNECTION_STRING) {
    problems.push('EVENTSTORE_CONNECTION_STRING is required with EVENT_STORE=eventstoredb');
  }
  if (env.DATABASE_URL !== undefined && !/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  const jwtSecret = env.JWT_SECRET;
  if (production && !jwtSecret) problems.push('JWT_SECRET is required when NODE_ENV=production');
  if (jwtSecret !== undefined && jwtSecret.length < 16) problems.push('JWT_SECRET must be at least 16 characters');

  const slaHours = Number(env.SLA_HOURS ?? '48');
  const calendar = env.SLA_CALENDAR ?? 'calendar';
  const sla = {
    hours: slaHours,
    calendar: calendar as SlaPolicy['calendar'],
    timeZone: env.SLA_TIMEZONE ?? 'Europe/Belgrade',
  };
  problems.push(...slaPolicyProblems(sla).map((p) => `${p} (SLA_HOURS, SLA_CALENDAR, SLA_TIMEZONE)`));

  const projections = env.PROJECTIONS ?? 'on';
  if (projections !== 'on' && projections !== 'off')
    problems.push(`PROJECTIONS must be "on" or "off", got "${projections}"`);

  const allowPrivate = env.WEBHOOK_ALLOW_PRIVATE ?? 'false';
  if (allowPrivate !== 'true' && allowPrivate !== 'false')
    problems.push(`WEBHOOK_ALLOW_PRIVATE must be "true" or "false", got "${allowPrivate}"`);
  let retrySchedule: readonly number[] = [];
  try {
    retrySchedule = parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: port ?? 3000,
    production,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.ATS_DATA_DIR ?? './data',
    eventStore: eventStore as Config['eventStore'],
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING,
    jwtSecret: jwtSecret ?? DEVELOPMENT_SECRET,
    usingDevelopmentSecret: jwtSecret === undefined,
    sla,
    projections: projections as Config['projections'],
    boardDir: env.BOARD_DIR ?? DEFAULT_BOARD_DIR,
    webhooks: { allowPrivate: allowPrivate === 'true', retrySchedule },
  };
}

function integer(value: string): number | undefined {
  return /^\d+$/.test(value) ? Number(value) : undefined;
}
