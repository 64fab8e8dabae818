import './zod-locale';
export * from './api';
export * from './common';
export * from './errors';
export * from './identity';
export * from './loans';
export * from './person';
export * from './phone';
export * from './servicing';
