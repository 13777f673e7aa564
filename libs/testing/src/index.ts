export {};
export * from './nats-test-server.js';
export * from './expect-eventually.js';
