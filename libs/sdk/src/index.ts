// What a domain service (invoicing, CRM, support, ...) uses to publish its events: plain
// TypeScript over contracts and messaging, no Nest, so any Node service can depend on it.
export * from './domain-records.js';
export * from './triggerline-events.js';
