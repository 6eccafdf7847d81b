export const CLOCK = Symbol('Clock');

/** The one source of server time; tests substitute a fixed or movable clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
