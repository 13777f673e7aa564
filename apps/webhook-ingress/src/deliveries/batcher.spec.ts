import { Batcher } from './batcher.js';

describe('Batcher', () => {
  it('writes a full batch at once, the rest on flush, in order, and survives a failed write', async () => {
    const written: number[][] = [];
    let fail = true;
    const batcher = new Batcher<number>({
      name: 'test',
      everyMs: 60_000,
      maxItems: 3,
      write: async (batch) => {
        if (fail) {
          fail = false;
          throw new Error('database away');
        }
        written.push(batch);
      },
    });
    [1, 2, 3].forEach((n) => batcher.add(n)); // full: written (and failed) at once
    [4, 5].forEach((n) => batcher.add(n));
    await batcher.flush();
    batcher.add(6);
    await batcher.close();
    expect(written).toEqual([[4, 5], [6]]);
  });
});
