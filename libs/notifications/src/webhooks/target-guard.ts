import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { classifyAddress } from './address-ranges';

/**
 * Where a webhook may be sent. Checked twice: when the endpoint is created (a clear 400), and at
 * every connection, on the addresses the name resolves to then and on the address actually
 * connected to, because a DNS answer can change after the check (DNS rebinding).
 */
export interface TargetPolicy {
  allowPrivate: boolean;
  /** Name resolution, `dns.lookup` by default; tests inject one to play a DNS server. */
  lookup?: LookupFunction;
}

export interface UrlProblem {
  field: 'url';
  message: string;
}

export class TargetRefused extends Error {
  readonly code = 'webhook_target_refused';
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefused';
  }
}

const MAX_URL_LENGTH = 2048;

/** Problems with a webhook URL, for a 400; empty when it may be used. */
export async function checkWebhookUrl(url: string, policy: TargetPolicy): Promise<UrlProblem[]> {
  const problem = (message: string): UrlProblem[] => [{ field: 'url', message }];
  if (url.length > MAX_URL_LENGTH) return problem(`must be at most ${MAX_URL_LENGTH} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return problem('must be an absolute http or https URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return problem('must use http or https');
  if (parsed.username !== '' || parsed.password !== '') return problem('must not contain credentials');
  if (parsed.hostname === '') return problem('must name a host');
  if (policy.allowPrivate) return [];
  try {
    await resolvePublic(hostOf(parsed), policy.lookup ?? dnsLookup);
    return [];
  } catch (error) {
    return problem(error instanceof TargetRefused ? error.message : 'host does not resolve');
  }
}

/** The URL's host as a resolver wants it: IPv6 literals without their brackets. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Resolves a host to its addresses, refusing it if any of them is not public. */
async function resolvePublic(host: string, lookup: LookupFunction): Promise<string[]> {
  const addresses = isIP(host) ? [host] : isLocalName(host) ? ['127.0.0.1'] : await resolveAll(host, lookup);
  for (const address of addresses) refuseNonPublic(host, address);
  return addresses;
}

// RFC 6761: localhost and its subdomains are loopback whatever a resolver says.
const isLocalName = (host: string) => /(^|\.)localhost\.?$/i.test(host);

function refuseNonPublic(host: string, address: string): void {
  const kind = classifyAddress(address);
  if (kind !== null) {
    const shown = host === address ? host : `${host} (${address})`;
    const article = /^[aeiou]/.test(kind) ? 'an' : 'a';
    throw new TargetRefused(`${shown} is ${article} ${kind} address; webhooks go to public addresses only`);
  }
}

function resolveAll(host: string, lookup: LookupFunction): Promise<string[]> {
  return new Promise((resolve, reject) =>
    lookup(host, { all: true }, (error, result) => {
      if (error) return reject(error);
      const addresses = Array.isArray(result) ? result.map((entry) => entry.address) : [result];
      if (addresses.length === 0) return reject(new Error(`${host} has no addresses`));
      resolve(addresses);
    }),
  );
}

/**
 * A lookup for sockets: resolves and refuses non-public answers unless private targets are
 * allowed. Sockets call it with or without `all`, so it answers in either form.
 */
export function guardedLookup(policy: TargetPolicy): LookupFunction {
  const lookup = policy.lookup ?? dnsLookup;
  return (hostname, options, callback) => {
    const answer = policy.allowPrivate
      ? resolveAll(hostname, lookup)
      : resolvePublic(hostname.replace(/^\[(.*)\]$/, '$1'), lookup);
    answer.then(
      (addresses) => {
        const entries: LookupAddress[] = addresses
          .map((address) => ({ address, family: isIP(address) }))
          .filter((entry) => !options.family || entry.family === options.family);
        if (entries.length === 0) return callback(new TargetRefused(`${hostname} has no usable address`), '', 0);
        if (options.all) return callback(null, entries);
        callback(null, entries[0].address, entries[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

/**
 * An undici connector that resolves through the guarded lookup and then checks the peer address
 * of the socket it got, which also covers IP literals (sockets do not look those up).
 */
export function guardedConnector(policy: TargetPolicy, connectTimeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ lookup: guardedLookup(policy), timeout: connectTimeoutMs });
  return (options, callback) =>
    connect(options, (error, socket) => {
      if (error || socket === null) return callback(error ?? new Error('no socket'), null);
      const peer = socket.remoteAddress ?? '';
      if (!policy.allowPrivate && (peer === '' || classifyAddress(peer) !== null)) {
        socket.destroy();
        return callback(new TargetRefused(`connected to ${peer || 'an unknown address'}, which is not public`), null);
      }
      callback(null, socket);
    });
}
