import { backoffDelay } from './backoff.js';
import { decodeJson, encodeJson } from './codec.js';
import { serverList } from './connection.js';
import { durableName } from './durable-name.js';
import { headerSafe } from './headers.js';

describe('backoffDelay', () => {
  it('grows by the factor from the initial delay and stops at the cap', () => {
    const policy = { initialMs: 1_000, factor: 2, maxMs: 5_000 };
    expect([1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, policy))).toEqual([
      1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
  });
});

describe('durableName', () => {
  it('turns a subject pattern into a legal, readable consumer name', () => {
    expect(durableName('event-gateway', 'events.>')).toBe('event-gateway__events_all');
    expect(durableName('runner', 'runs.requested.*')).toBe('runner__runs_requested_any');
  });
});

describe('serverList', () => {
  it('accepts one URL or a comma-separated list', () => {
    expect(serverList('nats://a:4222, nats://b:4222,')).toEqual(['nats://a:4222', 'nats://b:4222']);
  });
});

describe('headerSafe', () => {
  it('folds an error message onto one line and caps its length', () => {
    expect(headerSafe('line one\r\nline two')).toBe('line one line two');
    expect(headerSafe('x'.repeat(2_000), 10)).toBe('xxxxxxxxx…');
  });
});

describe('JSON codec', () => {
  it('round-trips a value and reads an empty body as undefined', () => {
    expect(decodeJson(encodeJson({ a: [1, 'b'] }))).toEqual({ a: [1, 'b'] });
    expect(decodeJson(new Uint8Array())).toBeUndefined();
  });
});
