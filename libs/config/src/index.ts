export * from './env-variable.js';
export * from './load-env.js';
export * from './platform-env.js';
