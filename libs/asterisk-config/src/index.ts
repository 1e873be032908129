export * from './template.js';
export * from './pjsip-account.js';
export * from './sip-block.js';
export * from './pjsip-trunk.js';
