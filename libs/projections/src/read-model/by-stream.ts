import type { RecordedEvent } from '@app/event-store';
import { SLA_POLICY_STREAM_ID } from '@app/hiring';
import { streamEntityId } from './application-record';

/**
 * The batch's events by application (its own stream's and its notices', interleaved in log order),
 * by job, and the SLA policy's versions; other streams are not ours.
 */
export function byStream(events: readonly RecordedEvent[]) {
  const applications = new Map<string, RecordedEvent[]>();
  const jobs = new Map<string, RecordedEvent[]>();
  const policies: RecordedEvent[] = [];
  for (const event of events) {
    const applicationId =
      streamEntityId(event.streamId, 'application-') ?? streamEntityId(event.streamId, 'sla-notices-');
    if (applicationId !== null) push(applications, applicationId, event);
    else if (event.streamId === SLA_POLICY_STREAM_ID) policies.push(event);
    else {
      const jobId = streamEntityId(event.streamId, 'job-');
      if (jobId !== null) push(jobs, jobId, event);
    }
  }
  return { applications, jobs, policies };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
