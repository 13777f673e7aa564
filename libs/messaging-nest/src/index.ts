export * from './jetstream.context.js';
export * from './jetstream.transport.js';
export * from './nats.health.js';
export * from './nats.module.js';
export * from './nats-lifecycle.js';
export * from './nats.tokens.js';
export * from './jetstream-exception.filter.js';
export * from './connect-jetstream.js';
