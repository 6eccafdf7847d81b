/**
 * The opaque cursor of GET /applications: the sort key of the last item served. Sorting is on
 * (submitted_at, id), both immutable, so a page never repeats or skips an application however the
 * list changes in between; new applications appear on the first page only.
 */
export interface ApplicationCursor {
  submittedAt: Date;
  id: string;
}

export class InvalidCursor extends Error {
  constructor() {
    super('The cursor is not one this API issued.');
    this.name = 'InvalidCursor';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: ApplicationCursor): string {
  return Buffer.from(JSON.stringify([cursor.submittedAt.toISOString(), cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): ApplicationCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw new InvalidCursor();
  const [at, id] = parsed as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string' || !UUID.test(id)) throw new InvalidCursor();
  const submittedAt = new Date(at);
  if (Number.isNaN(submittedAt.getTime()) || submittedAt.toISOString() !== at) throw new InvalidCursor();
  return { submittedAt, id };
}
