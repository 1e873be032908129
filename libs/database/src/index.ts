export * from './data-source.js';
export * from './entities/call.entity.js';
export * from './entities/tenant.entity.js';
export * from './entities/user.entity.js';
