import type { SqlParam } from '../database/database.port';

/** Appends values to `params` and answers their placeholders: `$3, $4, $5`. */
export function placeholders(params: SqlParam[], values: readonly SqlParam[]): string {
  return values
    .map((v) => {
      params.push(v);
      return `$${params.length}`;
    })
    .join(', ');
}
