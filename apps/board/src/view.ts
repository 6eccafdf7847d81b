import { type Api, type ApiResult, explain, type Params } from './api';
import { notice } from './dom';

/** What every view may ask of the page around it. */
export interface BoardContext {
  readonly api: Api;
  /** The job picked in the header, or undefined for all jobs. */
  jobId(): string | undefined;
  now(): Date;
  /** Asks for a refresh of the visible view now, e.g. after a filter changed. */
  requestRefresh(): void;
}

export interface View {
  readonly id: string;
  readonly title: string;
  readonly element: HTMLElement;
  /**
   * Fetches what the view shows and renders it when it changed (or when `force`d). Called about
   * once a second while the view is visible, so it must be cheap when nothing happened.
   */
  refresh(force: boolean): Promise<void>;
}

/**
 * A server from before the lists had pages (SPEC §4 additions) refuses `limit` and `cursor` as
 * unknown fields; ask again without them and say that the answer is not paged.
 */
export async function getList<T>(
  api: Api,
  path: string,
  params: Params,
): Promise<{ result: ApiResult<T>; paged: boolean }> {
  const result = await api.get<T>(path, params);
  const refusesPaging =
    result.kind === 'invalid' && (result.problem.errors ?? []).some((e) => e.field === 'limit' || e.field === 'cursor');
  if (!refusesPaging) return { result, paged: true };
  const { limit: _limit, cursor: _cursor, ...rest } = params;
  return { result: await api.get<T>(path, rest), paged: false };
}

/** Re-render when the answer changed, and at least this often so that "time in stage" moves on. */
export const MAX_RENDER_AGE_MS = 30_000;

/** Remembers what was last rendered, so that an unchanged answer costs no DOM work. */
export class RenderGate {
  private key = '';
  private at = 0;

  shouldRender(key: string, now: number, force: boolean): boolean {
    if (!force && key === this.key && now - this.at < MAX_RENDER_AGE_MS) return false;
    this.key = key;
    this.at = now;
    return true;
  }

  reset(): void {
    this.key = '';
  }
}

/**
 * What identifies an answer for RenderGate: the projection position it reflects (SPEC §4's
 * X-Projection-Position), or, from a route without it, the body without its ever-changing `asOf`.
 */
export function answerKey(result: { data: unknown; position: number | null }): string {
  if (result.position !== null) return `@${result.position}`;
  return JSON.stringify(result.data, (key, value: unknown) => (key === 'asOf' ? undefined : value));
}

/** A refused or missing answer in words; a route not built yet is news, not an error. */
export function failure(result: Exclude<ApiResult<unknown>, { kind: 'ok' }>): HTMLElement {
  return notice(explain(result), result.kind === 'not-available' || result.kind === 'no-token' ? 'info' : 'error');
}
