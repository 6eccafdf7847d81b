import { describe, expect, it } from '@jest/globals';
import { sentTogether } from './sent-together';

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
