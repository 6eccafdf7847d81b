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

/**
 * The context of recently seen applications after their latest event, so that the fan-out, which
 * sees every event of the log in order, folds each new event onto what it already knows instead of
 * reading the stream again: a stream is read only when its previous event was not seen here (after
 * a restart, or once evicted). Keyed by revision, so a replayed or re-prepared batch never takes a
 * context for the wrong point of its stream. The least recently used entries go first.
 */
export class ContextCache {
  private readonly entries = new Map<string, { revision: number; context: ApplicationContext }>();

  constructor(private readonly capacity = 10_000) {}

  /** The context just before `revision` of the stream, if known; the empty one before its first event. */
  before(streamId: string, revision: number): ApplicationContext | undefined {
    if (revision === 0) return EMPTY_CONTEXT;
    const entry = this.entries.get(streamId);
    if (entry?.revision !== revision - 1) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry.context;
  }

  /** Records the context after `revision`; never moves an entry back to an older revision. */
  after(streamId: string, revision: number, context: ApplicationContext): void {
    const entry = this.entries.get(streamId);
    if (entry !== undefined && entry.revision >= revision) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, { revision, context });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
