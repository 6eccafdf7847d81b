/**
 * The candidate's personal data (name, email, phone), kept out of the event log so that erasing it
 * never means rewriting events: the API writes it, the read side joins it at read time.
 */
import { CandidatesAndIdempotency1732430000000 } from './migrations/1732430000000-candidates-and-idempotency';
import { CandidateLeases1764650000002 } from './migrations/1764650000002-candidate-leases';

export * from './candidate.entity';
export * from './candidate-store';
export * from './orphan-sweep';
export { CandidatesAndIdempotency1732430000000, CandidateLeases1764650000002 };

export const CANDIDATE_MIGRATIONS = [CandidatesAndIdempotency1732430000000, CandidateLeases1764650000002];
