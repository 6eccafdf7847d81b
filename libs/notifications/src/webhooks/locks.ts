/**
 * Advisory lock keys, in the two-integer space like the projections' (their classes are
 * 7261840–7261842), so they cannot collide with those or with the event store's bigint keys.
 */
const WEBHOOK_CLASS = 7261850;

/** Session lock held by the one process that fans out and dispatches; the others stand by. */
export const WEBHOOK_LEADER_LOCK: [number, number] = [WEBHOOK_CLASS, 1];
