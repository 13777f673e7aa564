import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows a burst of twice the rate, then refuses with a wait, then refills over time', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    const outcomes = Array.from({ length: 5 }, () => limiter.take('wht_a'));
    expect(outcomes).toEqual([undefined, undefined, undefined, undefined, 1]);
    expect(limiter.take('wht_b')).toBeUndefined();
    now += 500;
    expect(limiter.take('wht_a')).toBeUndefined();
    expect(limiter.take('wht_a')).toBe(1);
  });
});
