export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  multiplier: number;
  /** Up to this fraction of each delay is taken off at random. */
  jitter: number;
}

/**
 * 100 ms, 200 ms, 400 ms … capped at 10 s: quick to recover from a leader election (a few seconds),
 * gentle on a node that is down for longer. The jitter keeps the replicas of a service that lost
 * the same node from reconnecting in lockstep.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 100, maxMs: 10_000, multiplier: 2, jitter: 0.2 };

/** Delay before reconnect attempt `attempt` (0 for the first retry after a failure). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.initialMs * policy.multiplier ** Math.max(0, attempt));
  return Math.round(exponential * (1 - policy.jitter * random()));
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
