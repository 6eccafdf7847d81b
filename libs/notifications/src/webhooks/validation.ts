import { ALL_EVENTS, isWebhookEventType } from './event-types';
import { type TargetPolicy, checkWebhookUrl } from './target-guard';

export interface FieldProblem {
  field: string;
  message: string;
}

export const WEBHOOK_FORMATS = ['standard', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** `POST /webhooks` after validation: `events` holds known types or the single `"*"`. */
export interface CreateWebhookInput {
  url: string;
  events: string[];
  format: WebhookFormat;
  description: string | null;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const FIELDS = ['url', 'events', 'format', 'description'];
const MAX_DESCRIPTION = 500;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Field-level problems of a create body (SPEC §6: a 400 each), including where the URL points. */
export async function validateCreateWebhook(
  body: unknown,
  policy: TargetPolicy,
): Promise<Validated<CreateWebhookInput>> {
  if (!isRecord(body)) return { ok: false, problems: [{ field: '', message: 'must be a JSON object' }] };
  const problems: FieldProblem[] = Object.keys(body)
    .filter((key) => !FIELDS.includes(key))
    .map((key) => ({ field: key, message: 'is not a known field' }));

  const { url, events, format = 'standard', description = null } = body;
  if (typeof url !== 'string') problems.push({ field: 'url', message: 'must be a string' });
  else problems.push(...(await checkWebhookUrl(url, policy)));

  if (!Array.isArray(events) || events.length === 0) {
    problems.push({ field: 'events', message: 'must be a non-empty array of event types or ["*"]' });
  } else {
    events.forEach((type: unknown, index) => {
      if (type !== ALL_EVENTS && !isWebhookEventType(type))
        problems.push({ field: `events[${index}]`, message: `${JSON.stringify(type)} is not a webhook event type` });
    });
    if (new Set(events).size !== events.length) problems.push({ field: 'events', message: 'must not repeat a type' });
  }

  if (typeof format !== 'string' || !(WEBHOOK_FORMATS as readonly string[]).includes(format))
    problems.push({ field: 'format', message: `must be one of ${WEBHOOK_FORMATS.join(', ')}` });

  if (description !== null && (typeof description !== 'string' || description.length > MAX_DESCRIPTION))
    problems.push({ field: 'description', message: `must be a string of at most ${MAX_DESCRIPTION} characters` });

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      url: url as string,
      events: events as string[],
      format: format as WebhookFormat,
      description: description as string | null,
    },
  };
}
