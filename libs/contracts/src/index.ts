export * from './audit';
export * from './auth';
export * from './lists';
export * from './problem';
export * from './roles';
export * from './users';
export * from './canonical-json';
