// The domain services' SDK (issue 3, item 7). Plain TypeScript over contracts and messaging, no
// Nest: it belongs in `libs/sdk`, and lives here only until that library exists.
export * from './domain-records.js';
export * from './triggerline-events.js';
