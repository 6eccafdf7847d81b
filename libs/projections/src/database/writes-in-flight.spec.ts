import { WritesInFlight } from './writes-in-flight';

/** A write that ends when told to. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('writes in flight', () => {
  it('sends a write at once while fewer than its width are out, else once one of them has ended', async () => {
    const writing = new WritesInFlight(2);
    const [a, b, c] = [deferred(), deferred(), deferred()];
    const sent: string[] = [];
    await writing.send(() => (sent.push('a'), a.promise));
    await writing.send(() => (sent.push('b'), b.promise));
    expect(sent).toEqual(['a', 'b']);

    const third = writing.send(() => (sent.push('c'), c.promise));
    await turn();
    expect(sent).toEqual(['a', 'b']);
    b.resolve();
    await third;
    expect(sent).toEqual(['a', 'b', 'c']);
    a.resolve();
    c.resolve();
    await writing.drain();
  });

  it('with a width of one, sends the next write only after the last has ended', async () => {
    const writing = new WritesInFlight(1);
    const first = deferred();
    let secondSent = false;
    await writing.send(() => first.promise);
    const second = writing.send(async () => {
      secondSent = true;
    });
    await turn();
    expect(secondSent).toBe(false);
    first.resolve();
    await second;
    expect(secondSent).toBe(true);
    await writing.drain();
  });

  it('throws the first failure from the next send, which sends nothing, and drain still waits for every write sent', async () => {
    const writing = new WritesInFlight(3);
    const [a, b] = [deferred(), deferred()];
    await writing.send(() => a.promise);
    await writing.send(() => b.promise);
    a.reject(new Error('disk full'));
    await turn();
    let sentAfterFailure = false;
    await expect(writing.send(async () => void (sentAfterFailure = true))).rejects.toThrow('disk full');
    expect(sentAfterFailure).toBe(false);

    let drained = false;
    const draining = writing.drain().catch((error: Error) => {
      drained = true;
      return error.message;
    });
    await turn();
    expect(drained).toBe(false);
    b.resolve();
    await expect(draining).resolves.toBe('disk full');
  });

  it('settles without throwing, once every write has ended', async () => {
    const writing = new WritesInFlight(2);
    const failing = deferred();
    await writing.send(() => failing.promise);
    failing.reject(new Error('lost connection'));
    await expect(writing.settled()).resolves.toBeUndefined();
    await expect(writing.drain()).rejects.toThrow('lost connection');
  });
});
