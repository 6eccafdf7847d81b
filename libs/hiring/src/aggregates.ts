import { applicationDecider } from './application/application.decider';
import { parseApplicationEvent, parseJobEvent, parseSlaPolicyEvent } from './events/parse';
import { EVENT_SCHEMA_VERSIONS } from './events/schema-versions';
import { SLA_POLICY_STREAM_ID, applicationStreamId, jobStreamId } from './events/streams';
import { jobDecider } from './job/job.decider';
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

/** The SLA policy has one stream for every version, whatever id the loop is given. */
export const slaPolicyAggregate = {
  ...slaPolicyDecider,
  streamId: (): string => SLA_POLICY_STREAM_ID,
  parse: parseSlaPolicyEvent,
  schemaVersion: (type: keyof typeof EVENT_SCHEMA_VERSIONS) => EVENT_SCHEMA_VERSIONS[type],
};
