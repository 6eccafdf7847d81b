import { createHash, randomUUID } from 'node:crypto';

/**
 * A UUID (RFC 9562 version 8, name-based on SHA-256) that is the same for the same parts. Ids made
 * for an idempotent request come from its key, so a retry after a crash proposes the very same
 * interview, offer or application and the domain refuses to create it twice.
 */
export function deterministicUuid(...parts: string[]): string {
  const bytes = createHash('sha256').update(parts.join('\u0000')).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Makes the ids a request needs: random, or derived from its Idempotency-Key. */
export type IdSource = (purpose: string) => string;

export const idSource = (idempotencyScope?: string): IdSource =>
  idempotencyScope ? (purpose) => deterministicUuid(idempotencyScope, purpose) : () => randomUUID();
