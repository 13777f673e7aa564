export * from './auth/api-key.guard.js';
export * from './auth/public.decorator.js';
export * from './bootstrap.js';
export * from './errors/domain-error.js';
export * from './errors/http-error.filter.js';
export * from './observability/health.controller.js';
export * from './observability/metrics.controller.js';
export * from './service.module.js';
