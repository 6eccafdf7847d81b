import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the secret is `whsec_` followed by
 * the base64 of the key bytes, and the HMAC is keyed with those decoded bytes, not with the text.
 */
const SECRET_PREFIX = 'whsec_';
const KEY_BYTES = 32;

export function generateSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(KEY_BYTES).toString('base64')}`;
}

/** `v1,<base64 HMAC-SHA256 over "<id>.<timestamp>.<body>">`, the value of the `webhook-signature` header. */
export function sign(secret: string, webhookId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  const mac = createHmac('sha256', key).update(`${webhookId}.${timestampSeconds}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}
