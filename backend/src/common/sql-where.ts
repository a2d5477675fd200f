import type { SqlParam } from '../database/database.port';

/**
 * Builds a parameterised WHERE clause: `add('name LIKE ?', value)` appends the
 * condition with the next `$n` placeholder. Values never enter the SQL text.
 */
export class SqlWhere {
  private readonly clauses: string[] = [];
  readonly params: SqlParam[] = [];

  constructor(tenantColumn: string, tenantId: string) {
    this.add(`${tenantColumn} = ?`, tenantId);
  }

  add(condition: string, ...values: SqlParam[]): this {
    let index = 0;
    this.clauses.push(
      condition.replace(/\?/g, () => {
        this.params.push(values[index++]);
        return `$${this.params.length}`;
      }),
    );
    return this;
  }

  /** The next free placeholder, for LIMIT/OFFSET and the like. */
  next(value: SqlParam): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get sql(): string {
    return this.clauses.join(' AND ');
  }
}

/** `q` → a LIKE pattern with wildcards escaped, lower-cased. */
export function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
