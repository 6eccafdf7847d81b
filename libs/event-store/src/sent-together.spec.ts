import { describe, expect, it } from '@jest/globals';
import { eachAloneOnFailure, sentTogether, sentWhileBusy } from './sent-together';

/** A read of many keys that records each batch it was asked for. */
function recorded() {
  const batches: string[][] = [];
  const read = sentTogether(async (keys: readonly string[]) => {
    batches.push([...keys]);
    if (keys.includes('broken')) throw new Error('the batch failed');
    return keys.map((key) => `value of ${key}`);
  });
  return { batches, read };
}

describe('reads asked for together', () => {
  it('sends the reads of one turn of the event loop as one batch, answering each its own', async () => {
    const { batches, read } = recorded();
    expect(await Promise.all(['a', 'b', 'a'].map(read))).toEqual(['value of a', 'value of b', 'value of a']);
    expect(batches).toEqual([['a', 'b', 'a']]);
  });

  it('reads again what is asked for after a batch was sent: nothing is answered from memory', async () => {
    const { batches, read } = recorded();
    await read('a');
    await read('a');
    expect(batches).toEqual([['a'], ['a']]);
  });

  it('gathers reads that arrive in separate callbacks before the batch leaves', async () => {
    const { batches, read } = recorded();
    const arrivals = ['a', 'b', 'c'].map(
      (key) => new Promise<string>((resolve) => process.nextTick(() => resolve(read(key)))),
    );
    await Promise.all(arrivals);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('fails only the reads of the batch that failed', async () => {
    const { read } = recorded();
    const failed = Promise.all([read('broken'), read('x')]);
    await expect(failed).rejects.toThrow('the batch failed');
    expect(await read('y')).toBe('value of y');
  });
});

describe('writes sent while busy', () => {
  /** A write of many keys that records each batch and answers only when told to. */
  function held(maxBatchSize = 32) {
    const batches: string[][] = [];
    const answers: (() => void)[] = [];
    const write = sentWhileBusy(
      (keys: readonly string[]) => {
        batches.push([...keys]);
        return new Promise<(string | Error)[]>((resolve) =>
          answers.push(() => resolve(keys.map((key) => (key === 'bad' ? new Error('bad key') : `wrote ${key}`)))),
        );
      },
      { inFlight: 1, maxBatchSize },
    );
    const answerNext = async () => {
      answers.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    };
    return { batches, write, answerNext };
  }

  it('sends the first write at once and the ones that arrive while it is out together, after it', async () => {
    const { batches, write, answerNext } = held();
    const first = write('a');
    await new Promise((resolve) => setImmediate(resolve));
    const rest = ['b', 'c', 'd'].map(write);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([['a']]);

    await answerNext();
    expect(await first).toBe('wrote a');
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    await answerNext();
    expect(await Promise.all(rest)).toEqual(['wrote b', 'wrote c', 'wrote d']);
  });

  it('sends no more than the largest batch at once, and the rest after it', async () => {
    const { batches, write, answerNext } = held(2);
    const all = ['a', 'b', 'c', 'd', 'e'].map(write);
    await new Promise((resolve) => setImmediate(resolve));
    await answerNext();
    await answerNext();
    await answerNext();
    expect(await Promise.all(all)).toHaveLength(5);
    expect(batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('fails only the write answered with an error', async () => {
    const { write, answerNext } = held();
    const written = Promise.allSettled(['a', 'bad', 'c'].map(write));
    await new Promise((resolve) => setImmediate(resolve));
    await answerNext();
    expect((await written).map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('a batch sent again key by key when it fails', () => {
  /** A statement that fails as a whole whenever it holds a bad key, recording what it was sent. */
  function refusing(error = new Error('refused')) {
    const sent: string[][] = [];
    const send = async (keys: readonly string[]) => {
      sent.push([...keys]);
      if (keys.includes('bad')) throw error;
      return keys.map((key) => `wrote ${key}`);
    };
    return { sent, send };
  }

  it('answers every other key of a failed batch, and the bad one with its own error', async () => {
    const { sent, send } = refusing();
    const answers = await eachAloneOnFailure(send)(['a', 'bad', 'c']);
    expect(answers).toEqual(['wrote a', new Error('refused'), 'wrote c']);
    expect(sent).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('fails the whole batch, sending nothing again, when the failure may have left something done', async () => {
    const { sent, send } = refusing(new Error('connection lost'));
    await expect(eachAloneOnFailure(send, () => false)(['a', 'bad'])).rejects.toThrow('connection lost');
    expect(sent).toEqual([['a', 'bad']]);
  });
});
