import type { Decider } from '../shared/decider';

/** Tests may leave out who acted and when; the defaults are a recruiter, at `NOW`. */
export type Loose<C> = C extends { actor: string; now: string }
  ? Omit<C, 'actor' | 'now'> & Partial<Pick<C, 'actor' | 'now'>>
  : never;

type ErrorClass = new (...args: never[]) => Error;

/**
 * given(...events).when(command).then(events) / .thenThrows(ErrorClass): a decider spec in one line.
 * `given(...)`'s `state` is the folded history, for specs about what the state shows.
 */
export function specFor<C, E, S>(decider: Decider<C, E, S>, defaults: { actor: string; now: string }) {
  return (...history: E[]) => {
    const state = history.reduce(decider.evolve, decider.initialState);
    return {
      state,
      when(loose: Loose<C>) {
        const command = { ...defaults, ...loose } as C;
        const decided = () => decider.decide(command, state);
        return {
          then: (expected: E[]) => expect(decided()).toEqual(expected),
          thenThrows: (error: ErrorClass) => expect(decided).toThrow(error),
          /** The state once the decided events are folded in. */
          thenState: (): S => decided().reduce(decider.evolve, state),
        };
      },
    };
  };
}
