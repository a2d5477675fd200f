import type { Engine } from '../database.port';

/** A versioned schema change. `sql` runs on both engines unless `engines` overrides it. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  engines?: Partial<Record<Engine, string>>;
}
