import type { Problem } from './types';

/** What a read gave: the data, or a reason the page can put into words. */
export type ApiResult<T> =
  | { kind: 'ok'; data: T; position: number | null; body: string }
  | { kind: 'no-token' }
  | { kind: 'refused'; detail: string }
  | { kind: 'forbidden'; detail: string }
  | { kind: 'not-available'; path: string }
  | { kind: 'invalid'; problem: Problem }
  | { kind: 'failed'; status: number; detail: string };

export type Params = Record<string, string | number | undefined>;

export function queryString(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The sentence a person reads instead of the data. */
export function explain(result: Exclude<ApiResult<unknown>, { kind: 'ok' }>): string {
  switch (result.kind) {
    case 'no-token':
      return 'Paste a token or pick a development role to see this.';
    case 'refused':
      return `Your token was refused: ${result.detail}`;
    case 'forbidden':
      return 'Your role cannot see this.';
    case 'not-available':
      return `Not available yet: this server does not offer ${result.path} yet.`;
    case 'invalid':
      return `The server refused these filters: ${
        result.problem.errors?.map((e) => `${e.field} ${e.message}`).join('; ') ||
        result.problem.detail ||
        'bad request'
      }`;
    case 'failed':
      return result.status === 0
        ? `Could not reach the server: ${result.detail}`
        : `The server answered ${result.status}: ${result.detail}`;
  }
}

export class Api {
  /** Called with every refusal of the token, so the page can say so next to the token field. */
  onRefused: (detail: string) => void = () => {};

  constructor(private readonly token: () => string | null) {}

  async get<T>(path: string, params: Params = {}): Promise<ApiResult<T>> {
    const token = this.token();
    if (!token) return { kind: 'no-token' };
    let response: Response;
    try {
      response = await fetch(path + queryString(params), {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        cache: 'no-store',
      });
    } catch (error) {
      return { kind: 'failed', status: 0, detail: error instanceof Error ? error.message : String(error) };
    }
    const body = await response.text();
    if (response.ok) {
      const header = response.headers.get('X-Projection-Position');
      return { kind: 'ok', data: JSON.parse(body) as T, position: header === null ? null : Number(header), body };
    }
    const problem = parseProblem(body);
    const detail = problem.detail ?? response.statusText;
    switch (response.status) {
      case 400:
        return { kind: 'invalid', problem };
      case 401:
        this.onRefused(detail);
        return { kind: 'refused', detail };
      case 403:
        return { kind: 'forbidden', detail };
      case 404:
        return { kind: 'not-available', path };
      default:
        return { kind: 'failed', status: response.status, detail };
    }
  }
}

function parseProblem(body: string): Problem {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Problem) : {};
  } catch {
    return { detail: body.slice(0, 200) };
  }
}

/** Asks the server for a development token (404 in production, where the route does not exist). */
export async function requestDevToken(role: string, sub: string): Promise<{ token: string } | { error: string }> {
  try {
    const response = await fetch('/board/dev-token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ role, sub }),
    });
    const body = await response.text();
    if (response.status === 201) return { token: (JSON.parse(body) as { token: string }).token };
    const problem = parseProblem(body);
    return { error: `The server would not issue a token (${response.status}): ${problem.detail ?? ''}` };
  } catch (error) {
    return { error: `Could not reach the server: ${error instanceof Error ? error.message : String(error)}` };
  }
}
