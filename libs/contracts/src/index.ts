export * from './auth.js';
export * from './calls.js';
export * from './errors.js';
export * from './health.js';
export * from './users.js';
export * from './audit.js';
export * from './tenants.js';
export * from './devices.js';
