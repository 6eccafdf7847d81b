/**
 * The candidate's personal data (name, email, phone), kept out of the event log so that erasing it
 * never means rewriting events: the API writes it, the read side joins it at read time.
 */
import { CandidatesAndIdempotency1732430000000 } from './migrations/1732430000000-candidates-and-idempotency';

export * from './candidate.entity';
export * from './candidate-store';
export { CandidatesAndIdempotency1732430000000 };

export const CANDIDATE_MIGRATIONS = [CandidatesAndIdempotency1732430000000];
