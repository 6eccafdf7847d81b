/**
 * The shapes every aggregate shares. A command is what someone asks for, with who asked and the
 * server time it was accepted at (the domain never reads a clock); an event is what happened.
 */
export type Command<Type extends string, Data extends Record<string, unknown>> = {
  type: Type;
  data: Data;
  /** The authenticated user id (JWT `sub`) or a system name. */
  actor: string;
  /** Server time, ISO 8601. */
  now: string;
};

/** A command as a caller asks for it: the loop that handles it adds who asked and when. */
export type CommandRequest<C> = C extends unknown ? Omit<C, 'actor' | 'now'> : never;

/** For commands whose route takes no body. */
export type NoData = Record<string, never>;

export type Event<Type extends string, Data extends Record<string, unknown>> = {
  type: Type;
  data: Data;
};

export type Decider<C, E, S> = {
  /** Throws a DomainError when the command breaks a rule; may return no events for a harmless repeat. */
  decide: (command: C, state: S) => E[];
  /** Never throws: an event is a fact, even one the current code would no longer allow. */
  evolve: (state: S, event: E) => S;
  initialState: S;
};
