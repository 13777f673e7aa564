export * from './nats-test-server.js';
export * from './expect-eventually.js';
export * from './test-database.js';
export * from './service-conformance.js';
export * from './nats-test-cluster.js';
