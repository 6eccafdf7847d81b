/**
 * Advisory lock keys, in the two-integer space (class, object) so they cannot collide with the
 * event store's single-bigint keys. The object is a hash of the projection's name.
 */
const RUNNER_CLASS = 7261840;
const SWAP_CLASS = 7261841;
const REBUILD_CLASS = 7261842;

/** FNV-1a, folded into a signed 32-bit integer as PostgreSQL's int4 wants. */
export function nameKey(name: string): number {
  let hash = 0x811c9dc5;
  for (const char of Buffer.from(name, 'utf8')) {
    hash ^= char;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** Held for the life of the running runner (session lock): one runner per projection across processes. */
export const runnerLock = (name: string): [number, number] => [RUNNER_CLASS, nameKey(name)];
/** Shared by every batch transaction, exclusive for the moment a rebuild swaps its tables in. */
export const swapLock = (name: string): [number, number] => [SWAP_CLASS, nameKey(name)];
/** One rebuild of a projection at a time. */
export const rebuildLock = (name: string): [number, number] => [REBUILD_CLASS, nameKey(name)];
