/** Summary statistics of a list of durations, in hours, rounded for people to read. */
export interface DurationStatistics {
  medianHours: number | null;
  p90Hours: number | null;
  meanHours: number | null;
}

const round = (hours: number) => Math.round(hours * 100) / 100;

/**
 * Percentiles by linear interpolation between closest ranks (PostgreSQL's percentile_cont), so the
 * median of an even count is the mean of the middle two.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('no values');
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function durationStatistics(hours: readonly number[]): DurationStatistics {
  if (hours.length === 0) return { medianHours: null, p90Hours: null, meanHours: null };
  const sorted = [...hours].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, h) => sum + h, 0) / sorted.length;
  return {
    medianHours: round(percentile(sorted, 0.5)),
    p90Hours: round(percentile(sorted, 0.9)),
    meanHours: round(mean),
  };
}
