export * from './template.js';
export * from './pjsip-account.js';
export * from './sip-block.js';
