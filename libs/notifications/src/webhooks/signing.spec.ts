import { Webhook } from 'standardwebhooks';
import { generateSecret, sign } from './signing';

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('webhook signatures', () => {
  it('gives each endpoint a fresh whsec_ secret of 24 to 32 key bytes', () => {
    const first = generateSecret();
    const second = generateSecret();
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(first).not.toBe(second);
    const bytes = Buffer.from(first.slice('whsec_'.length), 'base64').length;
    expect(bytes).toBeGreaterThanOrEqual(24);
    expect(bytes).toBeLessThanOrEqual(32);
  });

  it('signs so that the reference implementation verifies the delivery', () => {
    const secret = generateSecret();
    const body = JSON.stringify({ type: 'webhook.test', timestamp: new Date().toISOString(), data: { n: 'é' } });
    const timestamp = nowSeconds();
    const headers = {
      'webhook-id': 'msg_abc',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': sign(secret, 'msg_abc', timestamp, body),
    };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('produces exactly the signature the reference implementation produces', () => {
    const secret = generateSecret();
    const timestamp = nowSeconds();
    expect(sign(secret, 'msg_1', timestamp, '{"a":1}')).toBe(
      new Webhook(secret).sign('msg_1', new Date(timestamp * 1000), '{"a":1}'),
    );
  });

  it('is refused by the reference implementation when the body was tampered with', () => {
    const secret = generateSecret();
    const timestamp = nowSeconds();
    const headers = {
      'webhook-id': 'msg_abc',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': sign(secret, 'msg_abc', timestamp, '{"rating":2}'),
    };
    expect(() => new Webhook(secret).verify('{"rating":4}', headers)).toThrow();
  });

  it('is refused when signed with another endpoint secret', () => {
    const timestamp = nowSeconds();
    const headers = {
      'webhook-id': 'msg_abc',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': sign(generateSecret(), 'msg_abc', timestamp, '{}'),
    };
    expect(() => new Webhook(generateSecret()).verify('{}', headers)).toThrow();
  });
});
