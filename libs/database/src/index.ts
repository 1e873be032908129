export * from './data-source.js';
export * from './entities/call.entity.js';
export * from './entities/tenant.entity.js';
export * from './entities/user.entity.js';
export * from './entities/refresh-token.entity.js';
export * from './entities/user-token.entity.js';
export * from './entities/user-group.entity.js';
export * from './entities/audit-log.entity.js';
