import { applicationDecider } from './application/application.decider';
import { parseApplicationEvent, parseJobEvent, parseNoticeEvent, parseSlaPolicyEvent } from './events/parse';
import { EVENT_SCHEMA_VERSIONS } from './events/schema-versions';
import { applicationStreamId, jobStreamId, SLA_POLICY_STREAM_ID, slaNoticesStreamId } from './events/streams';
import { jobDecider } from './job/job.decider';
import { noticesDecider } from './sla/notices.decider';
import { slaPolicyDecider } from './sla/sla-policy.decider';

/**
 * Each aggregate as the command-handling loop sees it: its stream, how its stored events are read,
 * the version stamped on the events it writes, and its decider. The loop itself is I/O and lives
 * with the event store; this is the domain's half of it.
 */
export const applicationAggregate = {
  ...applicationDecider,
  streamId: applicationStreamId,
  parse: parseApplicationEvent,
  schemaVersion: (type: keyof typeof EVENT_SCHEMA_VERSIONS) => EVENT_SCHEMA_VERSIONS[type],
};

export const jobAggregate = {
  ...jobDecider,
  streamId: jobStreamId,
  parse: parseJobEvent,
  schemaVersion: (type: keyof typeof EVENT_SCHEMA_VERSIONS) => EVENT_SCHEMA_VERSIONS[type],
};

/** The company's SLA policy: one stream of versions, whatever id it is asked for. */
export const slaPolicyAggregate = {
  ...slaPolicyDecider,
  streamId: () => SLA_POLICY_STREAM_ID,
  parse: parseSlaPolicyEvent,
  schemaVersion: (type: keyof typeof EVENT_SCHEMA_VERSIONS) => EVENT_SCHEMA_VERSIONS[type],
};

/** The reminders and escalations about one application's obligations. */
export const noticesAggregate = {
  ...noticesDecider,
  streamId: slaNoticesStreamId,
  parse: parseNoticeEvent,
  schemaVersion: (type: keyof typeof EVENT_SCHEMA_VERSIONS) => EVENT_SCHEMA_VERSIONS[type],
};
