import { createSecretKey, type KeyObject } from 'node:crypto';
import { JsonWebTokenError, JwtService, NotBeforeError, TokenExpiredError } from '@nestjs/jwt';

/** Why a token was refused; the guard answers 401 whatever the reason, the reason is for tests and logs. */
export class InvalidToken extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidToken';
  }
}

const decodeHeader = (token: string): unknown => {
  try {
    return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
  } catch {
    throw new InvalidToken('the header is not base64url JSON');
  }
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** jsonwebtoken's refusals, in the words the guard's logs and tests use. */
function reason(error: unknown): string {
  if (error instanceof TokenExpiredError) return 'the token has expired';
  if (error instanceof NotBeforeError) return 'the token is not valid yet';
  if (error instanceof JsonWebTokenError) {
    if (error.message === 'invalid signature') return 'the signature does not match';
    if (error.message === 'invalid algorithm') return 'the algorithm is not HS256';
    if (error.message === 'invalid exp value') return 'exp is not a number';
    if (error.message === 'invalid nbf value') return 'nbf is not a number';
    return `the token is malformed (${error.message})`;
  }
  return 'the token cannot be read';
}

/** Tokens remembered once verified, a few megabytes at most. */
const REMEMBERED_TOKENS = 10_000;

/**
 * HS256 JWTs (RFC 7519), verified by jsonwebtoken (through @nestjs/jwt) with a key built once.
 * Given the secret as a string, jsonwebtoken first tries it as a PEM public key on every call (a
 * failed createPublicKey: ~0.45 ms, most of an authenticated request's own CPU time); given a
 * secret KeyObject it goes straight to the HMAC.
 *
 * It refuses any `alg` but HS256 (`none`, or RS256 signed with the secret as if it were a public
 * key), a signature that is not exactly the HMAC of the first two parts, `exp` at or before now and
 * `nbf` after now (whole seconds, no leeway), and either one when it is not a number. Two checks are
 * ours, stricter than the library: a `crit` header (extensions it cannot honour, RFC 7515 §4.1.11)
 * and claims that are not an object.
 *
 * A client sends the same token with every request until it expires, so a token verified once is
 * remembered by its whole text with its claims, and only its `exp` is checked again: an HMAC and
 * jsonwebtoken's checks were about a tenth of an authenticated request's own CPU time. Any other
 * text, however close, is verified in full.
 */
export class Hs256Verifier {
  private readonly jwt: JwtService;
  private readonly verified = new Map<string, Readonly<Record<string, unknown>>>();

  constructor(
    secret: string,
    private readonly nowMs: () => number = Date.now,
  ) {
    const key: KeyObject = createSecretKey(Buffer.from(secret, 'utf8'));
    this.jwt = new JwtService({ secret: key, verifyOptions: { algorithms: ['HS256'] } });
  }

  /** The token's claims, or InvalidToken. */
  verify(token: string): Readonly<Record<string, unknown>> {
    const remembered = this.verified.get(token);
    if (remembered !== undefined) {
      if (!this.expired(remembered)) return remembered;
      this.verified.delete(token);
    }
    const claims = this.verifyInFull(token);
    if (this.verified.size >= REMEMBERED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, claims);
    return claims;
  }

  /** As jsonwebtoken judges `exp`: expired from its second on; a remembered token's `exp` is a number or absent. */
  private expired(claims: Readonly<Record<string, unknown>>): boolean {
    return typeof claims.exp === 'number' && Math.floor(this.nowMs() / 1000) >= claims.exp;
  }

  private verifyInFull(token: string): Readonly<Record<string, unknown>> {
    if (token.split('.').length !== 3) throw new InvalidToken('not a signed compact token');
    // The header is read before anything is computed with the key, so it cannot choose how the key is used.
    const header = decodeHeader(token);
    if (!isObject(header) || header.alg !== 'HS256') throw new InvalidToken('the algorithm is not HS256');
    if (header.crit !== undefined) throw new InvalidToken('the token requires extensions');

    let claims: unknown;
    try {
      claims = this.jwt.verify<object>(token, { clockTimestamp: Math.floor(this.nowMs() / 1000) });
    } catch (error) {
      throw new InvalidToken(reason(error));
    }
    if (!isObject(claims)) throw new InvalidToken('the claims are not an object');
    return Object.freeze(claims);
  }
}
