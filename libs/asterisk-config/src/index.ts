export * from './template.js';
export * from './pjsip-account.js';
