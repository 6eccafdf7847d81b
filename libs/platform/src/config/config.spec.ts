import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('starts with the defaults of SPEC §5', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      eventStore: 'postgres',
      dataDir: './data',
      usingDevelopmentSecret: true,
      sla: { hours: 48, calendar: 'calendar', timeZone: 'Europe/Belgrade' },
      projections: 'on',
    });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db/ats',
      ATS_DATA_DIR: '/var/ats',
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      JWT_SECRET: 'a-secret-of-enough-length',
      SLA_HOURS: '24',
      SLA_CALENDAR: 'business',
      SLA_TIMEZONE: 'America/New_York',
      PROJECTIONS: 'off',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u@db/ats',
      dataDir: '/var/ats',
      eventStore: 'eventstoredb',
      jwtSecret: 'a-secret-of-enough-length',
      usingDevelopmentSecret: false,
      production: true,
      sla: { hours: 24, calendar: 'business', timeZone: 'America/New_York' },
      projections: 'off',
    });
  });

  it('refuses to run in production without a JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
  });

  it('reports every bad value at once', () => {
    const error = (() => {
      try {
        loadConfig({
          PORT: 'eighty',
          EVENT_STORE: 'mysql',
          SLA_HOURS: '-1',
          SLA_CALENDAR: 'lunar',
          SLA_TIMEZONE: 'Mars/Olympus',
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(5);
  });

  it('refuses private webhook targets and retries on the default schedule unless told otherwise', () => {
    expect(loadConfig({}).webhooks).toEqual({
      allowPrivate: false,
      retrySchedule: [5, 30, 120, 600, 1800, 3600, 10800, 21600, 43200, 86400],
    });
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCHEDULE: '1, 2,3' }).webhooks).toEqual({
      allowPrivate: true,
      retrySchedule: [1, 2, 3],
    });
  });

  it('refuses a webhook setting it cannot read, at start rather than at the first delivery', () => {
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
    expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE: '5,soon' })).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
    expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE: '5,0' })).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
  });

  it('needs a connection string for EventStoreDB', () => {
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });
});
