export * from './errors.js';
export * from './import-format.js';
export * from './pull.js';
export * from './schemas.js';
export * from './mutations.js';
export * from './push.js';
export * from './materials.js';
