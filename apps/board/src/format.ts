/** Pure helpers: what a card, a row or a badge says. No DOM here, so they are tested in Node. */

const HOUR_MS = 3_600_000;

export type SlaBadge = 'ok' | 'at-risk' | 'breached';

export const BADGE_LABELS: Record<SlaBadge, string> = { ok: 'ok', 'at-risk': 'at risk', breached: 'breached' };

/** Hours as a person says them: "45 min", "5 h", "3 d 4 h". Negative values read as their size. */
export function duration(hours: number): string {
  const size = Math.abs(hours);
  if (size < 1) return `${Math.round(size * 60)} min`;
  if (size < 24) return `${Math.floor(size)} h`;
  const days = Math.floor(size / 24);
  const rest = Math.floor(size - days * 24);
  return rest === 0 ? `${days} d` : `${days} d ${rest} h`;
}

export function hoursBetween(from: string, to: Date): number {
  return (to.getTime() - new Date(from).getTime()) / HOUR_MS;
}

/** A card's badge: breached wins over at risk, which wins over ok. */
export function badgeFor(applicationId: string, breached: ReadonlySet<string>, atRisk: ReadonlySet<string>): SlaBadge {
  if (breached.has(applicationId)) return 'breached';
  if (atRisk.has(applicationId)) return 'at-risk';
  return 'ok';
}

/** "2026-11-24 10:00" in the reader's own time zone. */
export function shortTime(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function percent(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)} %`;
}

/** A datetime-local input's value ("2026-11-24T10:00") as an ISO instant the API accepts. */
export function localInputToInstant(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The parts of a JWT's claims the page shows; the signature is the server's business. */
export function tokenClaims(token: string): { sub?: string; role?: string; exp?: number } | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims: unknown = JSON.parse(json);
    return typeof claims === 'object' && claims !== null
      ? (claims as { sub?: string; role?: string; exp?: number })
      : undefined;
  } catch {
    return undefined;
  }
}
