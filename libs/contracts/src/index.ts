export * from './validation/field-error.js';
export { compileValidator } from './validation/schema-validator.js';
export * from './events/event-type.js';
export * from './events/catalog.js';
export * from './events/payload-validation.js';
export * from './subjects/subjects.js';
