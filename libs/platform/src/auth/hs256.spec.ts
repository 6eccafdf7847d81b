import { describe, expect, it } from '@jest/globals';
import { createHmac, generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { Hs256Verifier, InvalidToken } from './hs256';

const SECRET = 'a-secret-of-sufficient-length';
const NOW = Date.parse('2026-11-30T10:00:00Z');
const nowSeconds = NOW / 1000;
const verifier = new Hs256Verifier(SECRET, () => NOW);

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A token signed by hand, so that headers and claims can be anything. */
const handMade = (header: object, claims: unknown, secret = SECRET) => {
  const input = `${part(header)}.${part(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};
const issued = (claims: object, secret = SECRET) =>
  new JwtService({ secret }).sign(claims, { algorithm: 'HS256', noTimestamp: true });

const refusal = (token: string) => {
  try {
    verifier.verify(token);
  } catch (error) {
    return error instanceof InvalidToken ? error.message : `unexpected ${String(error)}`;
  }
  return 'accepted';
};

describe('HS256 token verification', () => {
  it('accepts a token an identity provider signed with the secret and returns its claims', () => {
    const claims = { sub: 'u-ana', role: 'recruiter', name: 'Ana', exp: nowSeconds + 60 };
    expect(verifier.verify(issued(claims))).toEqual(claims);
  });

  it('refuses an unsigned token (alg none)', () => {
    const token = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'u1', role: 'admin' })}.`;
    expect(refusal(token)).toBe('the algorithm is not HS256');
  });

  it('refuses RS256 even when the signature is an HMAC with the secret (key confusion)', () => {
    expect(refusal(handMade({ alg: 'RS256', typ: 'JWT' }, { sub: 'u1', role: 'admin' }))).toBe(
      'the algorithm is not HS256',
    );
  });

  it('refuses a genuine RS256 token', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const input = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: 'u1', role: 'admin' })}`;
    const token = `${input}.${rsaSign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
    expect(refusal(token)).toBe('the algorithm is not HS256');
  });

  it('refuses a token signed with another secret', () => {
    expect(refusal(issued({ sub: 'u1', role: 'admin' }, 'another-secret-entirely'))).toBe(
      'the signature does not match',
    );
  });

  it('refuses a token whose claims were changed after signing', () => {
    const [header, , signature] = issued({ sub: 'u1', role: 'viewer' }).split('.');
    expect(refusal(`${header}.${part({ sub: 'u1', role: 'admin' })}.${signature}`)).toBe(
      'the signature does not match',
    );
  });

  it('refuses a signature that decodes to the right bytes but is not written the one canonical way', () => {
    const token = issued({ sub: 'u1', role: 'admin' });
    // The last character of a 32-byte signature carries two unused bits: flipping them keeps the bytes.
    const last = token.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1];
    expect(Buffer.from(token.split('.')[2].slice(0, -1) + sibling, 'base64url')).toEqual(
      Buffer.from(token.split('.')[2], 'base64url'),
    );
    expect(refusal(token.slice(0, -1) + sibling)).toBe('the signature does not match');
  });

  it('refuses a token that expired, including at the second of its exp', () => {
    expect(refusal(issued({ sub: 'u1', role: 'admin', exp: nowSeconds - 60 }))).toBe('the token has expired');
    expect(refusal(issued({ sub: 'u1', role: 'admin', exp: nowSeconds }))).toBe('the token has expired');
    expect(refusal(issued({ sub: 'u1', role: 'admin', exp: nowSeconds + 1 }))).toBe('accepted');
  });

  it('refuses a token that is not valid yet, and accepts it from its nbf on', () => {
    expect(refusal(issued({ sub: 'u1', role: 'admin', nbf: nowSeconds + 1 }))).toBe('the token is not valid yet');
    expect(refusal(issued({ sub: 'u1', role: 'admin', nbf: nowSeconds }))).toBe('accepted');
  });

  it('refuses exp and nbf that are not numbers', () => {
    expect(refusal(handMade({ alg: 'HS256' }, { sub: 'u1', exp: String(nowSeconds + 60) }))).toBe(
      'exp is not a number',
    );
    expect(refusal(handMade({ alg: 'HS256' }, { sub: 'u1', nbf: 'yesterday' }))).toBe('nbf is not a number');
  });

  it('refuses a token that requires extensions (crit)', () => {
    expect(refusal(handMade({ alg: 'HS256', crit: ['exp'] }, { sub: 'u1' }))).toBe('the token requires extensions');
  });

  it('refuses claims that are not an object', () => {
    expect(refusal(handMade({ alg: 'HS256' }, ['u1', 'admin']))).toBe('the claims are not an object');
    expect(refusal(handMade({ alg: 'HS256' }, 'u1'))).toBe('the claims are not an object');
  });

  it.each([
    ['two parts', 'abc.def'],
    ['four parts', 'a.b.c.d'],
    ['a header that is not JSON', `${Buffer.from('{alg').toString('base64url')}.${part({})}.sig`],
  ])('refuses a malformed token: %s', (_, token) => {
    expect(refusal(token)).not.toBe('accepted');
  });
});

describe('a token verified before', () => {
  it('is refused from the second of its exp, however often it was accepted before', () => {
    let now = NOW;
    const clocked = new Hs256Verifier(SECRET, () => now);
    const token = issued({ sub: 'u1', role: 'admin', exp: nowSeconds + 60 });
    expect(clocked.verify(token)).toMatchObject({ sub: 'u1' });
    now += 59_000;
    expect(clocked.verify(token)).toMatchObject({ sub: 'u1' });
    now += 1_000;
    expect(() => clocked.verify(token)).toThrow('the token has expired');
  });

  it('lets no other text pass for it, such as its claims changed under its signature', () => {
    const token = issued({ sub: 'u1', role: 'viewer' });
    expect(verifier.verify(token)).toMatchObject({ role: 'viewer' });
    const [header, , signature] = token.split('.');
    expect(refusal(`${header}.${part({ sub: 'u1', role: 'admin' })}.${signature}`)).toBe(
      'the signature does not match',
    );
  });

  it('answers claims that no caller can change for the next', () => {
    const token = issued({ sub: 'u1', role: 'viewer' });
    expect(Object.isFrozen(verifier.verify(token))).toBe(true);
    expect(verifier.verify(token)).toBe(verifier.verify(token));
  });
});
