/** SPEC §5 `WEBHOOK_RETRY_SCHEDULE`: seconds between attempts; after the last gap's attempt, failed. */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [5, 30, 120, 600, 1800, 3600, 10800, 21600, 43200, 86400];

/** Parses `5,30,120`; unset or blank gives the default. Throws on anything else, at startup. */
export function parseRetrySchedule(value: string | undefined): number[] {
  if (value === undefined || value.trim() === '') return [...DEFAULT_RETRY_SCHEDULE];
  const gaps = value.split(',').map((part) => Number(part.trim()));
  if (gaps.some((gap) => !Number.isFinite(gap) || gap <= 0)) {
    throw new Error(`WEBHOOK_RETRY_SCHEDULE must be positive numbers of seconds separated by commas, not "${value}"`);
  }
  return gaps;
}

/** When to try again after the `attempts`-th attempt failed, or null when there is no next one. */
export function nextAttemptAt(schedule: readonly number[], attempts: number, failedAt: Date): Date | null {
  const gap = schedule[attempts - 1];
  return gap === undefined ? null : new Date(failedAt.getTime() + gap * 1000);
}
