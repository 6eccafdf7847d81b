import type { RecordedEvent } from '@app/event-store';
import { streamEntityId } from './application-record';

/** The batch's events by application and by job, each in log order; other streams are not ours. */
export function byStream(events: readonly RecordedEvent[]) {
  const applications = new Map<string, RecordedEvent[]>();
  const jobs = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const applicationId = streamEntityId(event.streamId, 'application-');
    if (applicationId !== null) push(applications, applicationId, event);
    else {
      const jobId = streamEntityId(event.streamId, 'job-');
      if (jobId !== null) push(jobs, jobId, event);
    }
  }
  return { applications, jobs };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
