import type { ApplicationState } from '../application/application.state';
import { erase } from '../application/erasure';
import { PERSONAL_TEXT_FIELDS } from './schema-versions';

type AnyEvent = { type: string; data: object };

/**
 * The event with its personal text (PERSONAL_TEXT_FIELDS) set to null, as it reads once the key is
 * destroyed. For readers that keep what they fold (the read model): what they never hold, erasure
 * never has to reach.
 */
export function withoutPersonalText<E extends AnyEvent>(event: E): E {
  const fields = PERSONAL_TEXT_FIELDS[event.type as keyof typeof PERSONAL_TEXT_FIELDS] ?? [];
  const data = event.data as Record<string, unknown>;
  if (!fields.some((field) => data[field] != null)) return event;
  return { ...event, data: { ...data, ...Object.fromEntries(fields.map((field) => [field, null])) } };
}

/**
 * An application state with every free text dropped as erasure drops it, but not marked erased:
 * the same state as folding its events without their personal text.
 */
export function withoutPersonalTextIn(state: ApplicationState): ApplicationState {
  return state.status === 'none' ? state : { ...erase(state), erased: state.erased };
}
