export * from './model.js';
export * from './schedule.js';
export * from './validate.js';
export * from './interpreter.js';
export * from './simulate.js';
export * from './phone-number.js';
export * from './shape.js';
