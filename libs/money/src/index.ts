export * from './decimal';
export * from './document-totals';
