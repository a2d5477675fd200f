import { foundation } from './001-foundation';
import type { Migration } from './migration';

/** Every migration, in order. Append only: an applied migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [foundation];
export type { Migration } from './migration';
