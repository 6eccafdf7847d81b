import { Coalesced } from './coalesced';

/** A task whose runs finish only when the test says so. */
function gatedTask() {
  const runs: Array<() => void> = [];
  const started: number[] = [];
  let changed: () => void = () => undefined;
  const task = () =>
    new Promise<void>((resolve) => {
      started.push(runs.length);
      runs.push(resolve);
      changed();
    });
  const runsReach = (count: number) =>
    new Promise<void>((resolve) => {
      changed = () => {
        if (runs.length >= count) resolve();
      };
      changed();
    });
  return { task, runs, runsReach };
}

describe('coalesced announcements', () => {
  it('answers a burst of requests made during a run with exactly one more run, started after that run', async () => {
    const { task, runs, runsReach } = gatedTask();
    const coalesced = new Coalesced(task, 0);
    coalesced.request();
    await runsReach(1);
    for (let n = 0; n < 50; n++) coalesced.request();
    expect(runs).toHaveLength(1);

    runs[0]();
    await runsReach(2);
    runs[1]();
    await coalesced.close();
    expect(runs).toHaveLength(2);
  });

  it('runs at once, on closing, a request still waiting for its gap, and nothing after', async () => {
    const { task, runs, runsReach } = gatedTask();
    const coalesced = new Coalesced(task, 60_000);
    coalesced.request();
    await runsReach(1);
    runs[0]();
    await new Promise<void>((resolve) => setImmediate(resolve));
    coalesced.request();
    expect(runs).toHaveLength(1);

    const closing = coalesced.close();
    await runsReach(2);
    runs[1]();
    await closing;
    coalesced.request();
    expect(runs).toHaveLength(2);
  });

  it('keeps running after a failed run', async () => {
    let calls = 0;
    let failed!: (error: unknown) => void;
    const failure = new Promise<unknown>((resolve) => (failed = resolve));
    let second!: () => void;
    const secondRun = new Promise<void>((resolve) => (second = resolve));
    const coalesced = new Coalesced(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('connection lost');
        second();
      },
      0,
      failed,
    );
    coalesced.request();
    expect(await failure).toEqual(new Error('connection lost'));
    coalesced.request();
    await secondRun;
    await coalesced.close();
    expect(calls).toBe(2);
  });
});
