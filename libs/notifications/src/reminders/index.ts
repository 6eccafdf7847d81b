export * from './reminder-timer';
export { REMINDER_LEADER_LOCK } from './locks';
