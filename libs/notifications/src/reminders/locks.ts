/**
 * Session lock held by the one process that records reminders and escalations; the others stand
 * by. A class of its own beside the webhooks' (7261850) and the projections' (7261840–7261842), in
 * the two-integer space that cannot collide with the event store's bigint keys.
 */
export const REMINDER_LEADER_LOCK: [number, number] = [7261851, 1];
