import type { LookupFunction } from 'node:net';
import { classifyAddress } from './address-ranges';
import { WebhookSender } from './sender';
import { checkWebhookUrl } from './target-guard';
import { type Receiver, startReceiver } from './testing/receiver';

/** A DNS server in a function: every name resolves to `address`. */
const resolvingTo =
  (address: string): LookupFunction =>
  (_host, options, callback) => {
    const family = address.includes(':') ? 6 : 4;
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
const unresolvable: LookupFunction = (host, _options, callback) =>
  callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), '', 0);

const refused = { allowPrivate: false, lookup: resolvingTo('93.184.216.34') };

describe('the webhook target guard', () => {
  it.each([
    ['http://127.0.0.1/hook', 'loopback'],
    ['http://[::1]:8080/hook', 'loopback'],
    ['http://10.0.0.1/hook', 'private'],
    ['http://192.168.1.20/hook', 'private'],
    ['http://172.20.0.5/hook', 'private'],
    ['http://169.254.169.254/latest/meta-data', 'link-local'],
    ['http://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['http://[::ffff:a00:1]/hook', 'private'],
    ['http://[fd12:3456::1]/hook', 'unique-local'],
    ['http://[fe80::1]/hook', 'link-local'],
    ['http://0.0.0.0/hook', 'unspecified'],
    ['http://[::]/hook', 'unspecified'],
    ['http://224.0.0.1/hook', 'multicast'],
    ['http://100.64.1.1/hook', 'shared (CGNAT)'],
    ['http://2130706433/hook', 'loopback'],
    ['http://localhost:3000/hook', 'loopback'],
    ['http://api.localhost/hook', 'loopback'],
  ])('refuses %s (%s)', async (url, kind) => {
    const problems = await checkWebhookUrl(url, refused);
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('url');
    expect(problems[0].message).toContain(kind);
  });

  it('refuses a public-looking name whose DNS answer is a private address', async () => {
    const problems = await checkWebhookUrl('https://hooks.example.com/in', {
      allowPrivate: false,
      lookup: resolvingTo('10.1.2.3'),
    });
    expect(problems[0].message).toMatch(/hooks\.example\.com \(10\.1\.2\.3\) is a private address/);
  });

  it('accepts a name that resolves to a public address', async () => {
    expect(await checkWebhookUrl('https://hooks.example.com/in', refused)).toEqual([]);
  });

  it('accepts private addresses when they are allowed', async () => {
    expect(await checkWebhookUrl('http://127.0.0.1:4000/in', { allowPrivate: true })).toEqual([]);
  });

  it.each([
    ['ftp://hooks.example.com/in', 'http or https'],
    ['file:///etc/passwd', 'http or https'],
    ['https://user:pass@hooks.example.com/in', 'credentials'],
    ['not a url', 'absolute'],
  ])('refuses %s whatever the addresses', async (url, message) => {
    const problems = await checkWebhookUrl(url, { allowPrivate: true });
    expect(problems[0].message).toContain(message);
  });

  it('refuses a name that does not resolve', async () => {
    const problems = await checkWebhookUrl('https://nowhere.example/in', { allowPrivate: false, lookup: unresolvable });
    expect(problems[0].message).toBe('host does not resolve');
  });

  it('treats public addresses as public', () => {
    expect(classifyAddress('93.184.216.34')).toBeNull();
    expect(classifyAddress('2606:2800:220:1:248:1893:25c8:1946')).toBeNull();
    expect(classifyAddress('::ffff:93.184.216.34')).toBeNull();
    expect(classifyAddress('64:ff9b::a00:1')).toBe('private');
  });

  describe('at send time', () => {
    let receiver: Receiver;
    beforeEach(async () => {
      receiver = await startReceiver();
    });
    afterEach(() => receiver.close());

    const post = (sender: WebhookSender, url: string) =>
      sender.send({ url, headers: { 'content-type': 'application/json' }, body: '{}' });

    it('refuses to connect when a name now resolves to a private address, and sends nothing', async () => {
      const sender = new WebhookSender({ allowPrivate: false, lookup: resolvingTo('127.0.0.1') }, 2_000);
      const outcome = await post(sender, `http://hooks.example.com:${receiver.port}/in`);
      await sender.close();
      expect(outcome).toEqual({ kind: 'failed', error: expect.stringMatching(/loopback/) });
      expect(receiver.received).toHaveLength(0);
    });

    it('refuses to connect to a private IP literal', async () => {
      const sender = new WebhookSender({ allowPrivate: false }, 2_000);
      const outcome = await post(sender, receiver.url);
      await sender.close();
      expect(outcome.kind).toBe('failed');
      expect(receiver.received).toHaveLength(0);
    });

    it('connects through the injected resolver when private targets are allowed', async () => {
      const sender = new WebhookSender({ allowPrivate: true, lookup: resolvingTo('127.0.0.1') }, 2_000);
      const outcome = await post(sender, `http://hooks.example.com:${receiver.port}/in`);
      await sender.close();
      expect(outcome).toEqual({ kind: 'answered', statusCode: 200 });
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0].headers.host).toBe(`hooks.example.com:${receiver.port}`);
    });
  });
});
