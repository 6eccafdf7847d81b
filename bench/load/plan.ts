/**
 * What the load generator is asked to do and what it answers: plain data, sent between processes.
 */

/** How each request is made; every connection runs its own sequence. */
export type Target =
  /** `POST /applications` with a distinct candidate email every time. */
  | { kind: 'submit'; jobId: string; emailPrefix: string }
  /** `POST /applications/:id/move`, forth to recruiter_screen and back to applied with a reason; each connection owns its applications, so writers never collide. */
  | { kind: 'move'; applicationIds: string[] }
  /** `GET` of these paths in turn. */
  | { kind: 'get'; paths: string[] };

export interface LoadPlan {
  /** The label printed for the figures, e.g. `POST /applications`. */
  route: string;
  origin: string;
  authorization: string;
  connections: number;
  seconds: number;
  /** Run for this long first without counting: connections, JIT, caches. */
  warmupSeconds: number;
  target: Target;
  /** A steady total rate; unset: each connection sends its next request as soon as the last is answered. */
  ratePerSecond?: number;
  /** Keep the `id` of up to this many successful answers (the applications a submit created). */
  keepIds?: number;
  /** Keep `{position, answeredAt}` of every successful write counted. */
  keepPositions?: boolean;
}

export interface WriteAnswer {
  position: number;
  /** Epoch milliseconds, fractional. */
  answeredAt: number;
}

export interface LoadResult {
  route: string;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers counted by HTTP status (or `error` for a failed connection). */
  statuses: Record<string, number>;
  ids: string[];
  positions: WriteAnswer[];
  /** CPU time of the generator process while it measured, in milliseconds. */
  cpuMs: number;
}
