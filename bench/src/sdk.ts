// The SDK as a domain service uses it, compiled (with the libraries it needs) to
// dist/bench/bench/src/sdk.js for the plain .mjs benchmarks: `npx nx run bench:build`.
export { createEvent } from '@triggerline/contracts';
export { JetStreamPublisher } from '@triggerline/messaging';
export { TriggerlineEvents } from '@triggerline/sdk';
