/**
 * Cursor pagination as the lists use it (SPEC §4: `limit`, `cursor`, `nextCursor`): the cursors of
 * the pages already seen are kept so that "previous" can go back, which the API alone cannot.
 */
export interface Pager {
  /** Cursors of the pages before the current one; the first page's is undefined. */
  readonly previous: ReadonlyArray<string | undefined>;
  readonly current: string | undefined;
  readonly next: string | null;
}

export const firstPage: Pager = { previous: [], current: undefined, next: null };

export function answered(pager: Pager, nextCursor: string | null | undefined): Pager {
  return { ...pager, next: nextCursor ?? null };
}

export function forward(pager: Pager): Pager {
  if (pager.next === null) return pager;
  return { previous: [...pager.previous, pager.current], current: pager.next, next: null };
}

export function back(pager: Pager): Pager {
  if (pager.previous.length === 0) return pager;
  return { previous: pager.previous.slice(0, -1), current: pager.previous[pager.previous.length - 1], next: null };
}

/** "21–40 of 57" for page size 20 on the second page. */
export function pageLabel(pager: Pager, limit: number, shown: number, total: number | undefined): string {
  if (shown === 0) return total === undefined || total === 0 ? 'none' : `0 of ${total}`;
  const start = pager.previous.length * limit + 1;
  const end = start + shown - 1;
  return total === undefined ? `${start}–${end}` : `${start}–${end} of ${total}`;
}
