export * from './data-source-options.js';
export * from './database-url.js';
export * from './unique-violation.js';
export * from './row.js';
export * from './open-data-source.js';
