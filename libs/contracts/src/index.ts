export * from './health.js';
export * from './calls.js';
