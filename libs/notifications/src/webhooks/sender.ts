import { Agent, request } from 'undici';
import { type TargetPolicy, guardedConnector } from './target-guard';

/** One HTTP attempt, as the dispatcher records it. */
export type AttemptOutcome = { kind: 'answered'; statusCode: number } | { kind: 'failed'; error: string };

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

// What we keep of a receiver's answer: only the status counts, the body is drained and dropped.
const MAX_BODY_BYTES = 64 * 1024;

/**
 * POSTs webhooks through an agent whose every connection is checked against the target policy,
 * with one deadline for the whole attempt (connect, headers and body): a receiver that trickles
 * its answer is cut off like one that never answers.
 */
export class WebhookSender {
  private readonly agent: Agent;

  constructor(
    policy: TargetPolicy,
    private readonly timeoutMs: number,
  ) {
    this.agent = new Agent({ connect: guardedConnector(policy, timeoutMs), keepAliveTimeout: 4_000 });
  }

  /** Never throws; redirects are not followed (undici's request does not), so a 3xx is a failure. */
  async send(webhook: WebhookRequest): Promise<AttemptOutcome> {
    const abort = new AbortController();
    const deadline = setTimeout(() => abort.abort(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    try {
      const response = await request(webhook.url, {
        method: 'POST',
        headers: webhook.headers,
        body: webhook.body,
        dispatcher: this.agent,
        signal: abort.signal,
      });
      await drain(response.body, MAX_BODY_BYTES);
      return { kind: 'answered', statusCode: response.statusCode };
    } catch (error) {
      return { kind: 'failed', error: describe(abort.signal.aborted ? abort.signal.reason : error) };
    } finally {
      clearTimeout(deadline);
    }
  }

  async close(): Promise<void> {
    await this.agent.destroy();
  }
}

async function drain(body: AsyncIterable<Buffer>, limit: number): Promise<void> {
  let seen = 0;
  for await (const chunk of body) {
    seen += chunk.length;
    if (seen > limit) break;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`.slice(0, 500);
}
