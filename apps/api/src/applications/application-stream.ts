import {
  type ApplicationEvent,
  type ApplicationState,
  evolveApplication,
  initialApplicationState,
  parseApplicationEvent,
} from '@app/hiring';
import { type RecordedEvent, ReservationConflict } from '@app/event-store';
import { applicationStreamId, DuplicateActiveApplication } from '@app/hiring';

export const applicationStream = applicationStreamId;
export const applicationIdOf = (streamId: string) => streamId.replace(/^application-/, '');

export interface LoadedApplication {
  state: ApplicationState;
  /** Revision of the stream's last event; undefined when the stream does not exist. */
  version?: number;
  events: RecordedEvent[];
}

/** Folds a stream through the upcasters and the decider's evolve. */
export function foldApplication(recorded: RecordedEvent[]): LoadedApplication {
  const state = recorded
    .map((event): ApplicationEvent => parseApplicationEvent(event))
    .reduce(evolveApplication, initialApplicationState);
  return { state, version: recorded.at(-1)?.revision, events: recorded };
}

/** The event store guards "one active application per email and job"; this is how it says no. */
export function rethrowAsDuplicate(error: unknown): never {
  if (error instanceof ReservationConflict) throw new DuplicateActiveApplication(applicationIdOf(error.heldBy));
  throw error;
}
