export * from './format';
export * from './layout';
export * from './letterhead';
export * from './page-decorations';
export * from './pdf-canvas';
export * from './table';
export * from './truncate';
export * from './win-ansi';
