import { jest } from '@jest/globals';
import { TimerQueue } from './timer-queue.js';

describe('TimerQueue', () => {
  const start = new Date('2027-01-01T00:00:00Z').getTime();
  let fired: { key: string; due: string; at: number }[];
  let queue: TimerQueue;

  beforeEach(() => {
    jest.useFakeTimers({ now: start });
    fired = [];
    queue = new TimerQueue((keys) =>
      fired.push(...keys.map(({ key, due }) => ({ key, due: due.toISOString(), at: Date.now() - start }))),
    );
  });
  afterEach(() => {
    queue.clear();
    jest.useRealTimers();
  });

  const inMs = (ms: number) => new Date(start + ms);

  it('fires each key at its due time, earliest first', () => {
    queue.set('c', inMs(300));
    queue.set('a', inMs(100));
    queue.set('b', inMs(200));
    jest.advanceTimersByTime(250);
    expect(fired.map(({ key, at }) => [key, at])).toEqual([
      ['a', 100],
      ['b', 200],
    ]);
    jest.advanceTimersByTime(100);
    expect(fired.map(({ key }) => key)).toEqual(['a', 'b', 'c']);
    expect(queue.size).toBe(0);
  });

  it('hands every key due at the same time over in one call', () => {
    const calls: string[][] = [];
    const batch = new TimerQueue((keys) => calls.push(keys.map(({ key }) => key)));
    for (const key of ['x', 'y', 'z']) batch.set(key, inMs(50));
    jest.advanceTimersByTime(50);
    expect(calls).toHaveLength(1);
    expect(calls[0].sort()).toEqual(['x', 'y', 'z']);
  });

  it('moves a key when its due time changes, and forgets a deleted one', () => {
    queue.set('a', inMs(100));
    queue.set('b', inMs(200));
    queue.set('a', inMs(300));
    queue.delete('b');
    expect(queue.peek()).toEqual(inMs(300));
    jest.advanceTimersByTime(1_000);
    expect(fired.map(({ key, at }) => [key, at])).toEqual([['a', 300]]);
  });

  it('re-arms for a key set earlier than the one it waits for', () => {
    queue.set('late', inMs(10_000));
    queue.set('soon', inMs(10));
    jest.advanceTimersByTime(10);
    expect(fired.map(({ key }) => key)).toEqual(['soon']);
  });

  it('fires a key already overdue at once', () => {
    queue.set('overdue', inMs(-5_000));
    jest.advanceTimersByTime(0);
    expect(fired).toEqual([{ key: 'overdue', due: '2026-12-31T23:59:55.000Z', at: 0 }]);
  });

  it('waits beyond the longest timeout Node allows', () => {
    queue.set('far', inMs(40 * 24 * 3_600_000));
    jest.advanceTimersByTime(30 * 24 * 3_600_000);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(10 * 24 * 3_600_000);
    expect(fired.map(({ key }) => key)).toEqual(['far']);
  });

  it('keeps heap order through many random changes', () => {
    const dues = new Map<string, number>();
    let seed = 42;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    for (let i = 0; i < 2_000; i++) {
      const key = `k${Math.floor(random() * 500)}`;
      if (random() < 0.2) {
        queue.delete(key);
        dues.delete(key);
      } else {
        const due = Math.floor(random() * 60_000);
        queue.set(key, inMs(due));
        dues.set(key, due);
      }
    }
    jest.advanceTimersByTime(60_000);
    const expected = [...dues.entries()].sort((a, b) => a[1] - b[1]).map(([key, due]) => [key, due]);
    expect(fired.map(({ key, at }) => [key, at]).map(([key]) => [key, dues.get(String(key))])).toEqual(
      expected,
    );
    expect(fired.every(({ key, at }) => dues.get(key) === at)).toBe(true);
  });
});
