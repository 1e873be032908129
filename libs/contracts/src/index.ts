export * from './auth.js';
export * from './calls.js';
export * from './errors.js';
export * from './health.js';
export * from './users.js';
