import { PERSONAL_TEXT_FIELDS } from './schema-versions';

/** One stream per aggregate. */
export const applicationStreamId = (applicationId: string) => `application-${applicationId}`;
export const jobStreamId = (jobId: string) => `job-${jobId}`;
/** Every version of the SLA policy (SPEC §7), in one stream: a change is appended at the expected revision. */
export const SLA_POLICY_STREAM_ID = 'sla-policy';
/** The reminders and escalations recorded about one application's obligations (SPEC §6). */
export const slaNoticesStreamId = (applicationId: string) => `sla-notices-${applicationId}`;

const APPLICATION_PREFIX = 'application-';
const JOB_PREFIX = 'job-';

/** The application a stream belongs to, or null for any other stream. */
export const applicationIdOf = (streamId: string): string | null =>
  streamId.startsWith(APPLICATION_PREFIX) ? streamId.slice(APPLICATION_PREFIX.length) : null;
export const jobIdOf = (streamId: string): string | null =>
  streamId.startsWith(JOB_PREFIX) ? streamId.slice(JOB_PREFIX.length) : null;

/**
 * Whose personal text a stream holds and which fields of an event are that text: what the event
 * store's crypto-shredding needs to know of this domain.
 */
export const PERSONAL_DATA_POLICY = {
  subjectOf: applicationIdOf,
  personalFields: (type: string): readonly string[] =>
    PERSONAL_TEXT_FIELDS[type as keyof typeof PERSONAL_TEXT_FIELDS] ?? [],
};
