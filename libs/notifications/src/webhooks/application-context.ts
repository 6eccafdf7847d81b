import type { RecordedEvent } from '@app/event-store';

/**
 * The little of an application a webhook needs beyond its event: most events do not repeat the
 * job, the stage or an interview's kind. Folded here from the stream rather than with the domain's
 * evolve so that an event type this code does not know (added by a later release) is passed over
 * instead of stopping deliveries.
 */
export interface ApplicationContext {
  jobId: string | null;
  stage: string | null;
  interviews: Readonly<Record<string, { stage: string | null; kind: string | null }>>;
}

export const EMPTY_CONTEXT: ApplicationContext = { jobId: null, stage: null, interviews: {} };

export function foldContext(context: ApplicationContext, event: RecordedEvent): ApplicationContext {
  const d = event.data;
  const str = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : null);
  switch (event.type) {
    case 'ApplicationSubmitted':
      return { ...context, jobId: str('jobId'), stage: 'applied' };
    case 'StageChanged':
      return { ...context, stage: str('to') };
    case 'ApplicationUnrejected':
      return { ...context, stage: str('stage') ?? context.stage };
    case 'InterviewScheduled': {
      const id = str('interviewId');
      if (id === null) return context;
      return { ...context, interviews: { ...context.interviews, [id]: { stage: str('stage'), kind: str('kind') } } };
    }
    default:
      return context;
  }
}
