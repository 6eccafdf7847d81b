import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';

/** Why a token was refused; the guard answers 401 whatever the reason, the reason is for tests and logs. */
export class InvalidToken extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidToken';
  }
}

const decodeJson = (part: string, what: string): unknown => {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidToken(`the ${what} is not base64url JSON`);
  }
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * HS256 JWTs (RFC 7519) verified with a key built once. jsonwebtoken, given the secret as a string,
 * first tries it as a PEM public key on every call (a failed createPublicKey: ~0.45 ms, most of an
 * authenticated request's own CPU time); an HMAC with a ready KeyObject takes a few microseconds.
 *
 * What it refuses, as jsonwebtoken did with `algorithms: ['HS256']`: any other `alg` (`none`, or
 * RS256 signed with the secret as if it were a public key: the key is only ever used for HS256), a
 * signature that is not exactly the HMAC of the first two parts, `exp` at or before now, `nbf` after
 * now (both whole seconds, no leeway), and either one when it is not a number. Stricter in two ways:
 * a `crit` header (extensions it cannot honour, RFC 7515 §4.1.11) and claims that are not an object.
 */
export class Hs256Verifier {
  private readonly key: KeyObject;

  constructor(
    secret: string,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  /** The token's claims, or InvalidToken. */
  verify(token: string): Record<string, unknown> {
    const parts = token.split('.');
    if (parts.length !== 3) throw new InvalidToken('not a signed compact token');
    const [header, payload, signature] = parts;

    // The header is read before anything is computed with the key, so it cannot choose how the key is used.
    const protectedHeader = decodeJson(header, 'header');
    if (!isObject(protectedHeader) || protectedHeader.alg !== 'HS256')
      throw new InvalidToken('the algorithm is not HS256');
    if (protectedHeader.crit !== undefined) throw new InvalidToken('the token requires extensions');

    const expected = Buffer.from(createHmac('sha256', this.key).update(`${header}.${payload}`).digest('base64url'));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new InvalidToken('the signature does not match');

    const claims = decodeJson(payload, 'payload');
    if (!isObject(claims)) throw new InvalidToken('the claims are not an object');
    const now = Math.floor(this.nowMs() / 1000);
    if (claims.exp !== undefined) {
      if (typeof claims.exp !== 'number') throw new InvalidToken('exp is not a number');
      if (now >= claims.exp) throw new InvalidToken('the token has expired');
    }
    if (claims.nbf !== undefined) {
      if (typeof claims.nbf !== 'number') throw new InvalidToken('nbf is not a number');
      if (claims.nbf > now) throw new InvalidToken('the token is not valid yet');
    }
    return claims;
  }
}
