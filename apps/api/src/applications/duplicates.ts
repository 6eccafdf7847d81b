import { ReservationConflict } from '@app/event-store';
import { applicationIdOf, DuplicateActiveApplication } from '@app/hiring';

/** The event store guards "one active application per email and job"; this is how it says no. */
export function rethrowAsDuplicate(error: unknown): never {
  if (error instanceof ReservationConflict)
    throw new DuplicateActiveApplication(applicationIdOf(error.heldBy) ?? error.heldBy);
  throw error;
}
