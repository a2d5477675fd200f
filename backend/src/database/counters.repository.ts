import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, Database, SqlParam } from './database.port';

/**
 * Per-tenant counters. Callers hold the tenant's write lock (they run inside the
 * tenant's transaction), so the increment never races.
 */
@Injectable()
export class CountersRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Reserves `count` values and answers the first of them. */
  async next(tenantId: string, name: string, count = 1): Promise<number> {
    // The UPDATE costs DuckDB about a third of the upsert, which is left to create the counter.
    let rows = await this.db.query<{ value: number }>(
      'UPDATE counters SET value = value + $3 WHERE tenant_id = $1 AND name = $2 RETURNING value',
      [tenantId, name, count],
    );
    if (rows.length === 0) {
      rows = await this.db.query<{ value: number }>(
        `INSERT INTO counters (tenant_id, name, value) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, name) DO UPDATE SET value = counters.value + $3
         RETURNING value`,
        [tenantId, name, count],
      );
    }
    return Number(rows[0].value) - count + 1;
  }

  /**
   * Moves several counters in one statement (one UPDATE instead of one per counter, ≈ 0.5 ms
   * less on DuckDB). For a `count` above 0 it reserves that many values and answers the first;
   * for a `count` of 0 it only reads the counter, answering its value (0 when it does not exist,
   * and it is not created). Counters to reserve that do not exist yet are created one by one.
   */
  async nextMany(tenantId: string, wanted: readonly { name: string; count: number }[]): Promise<Map<string, number>> {
    if (wanted.length === 1 && wanted[0].count > 0) {
      return new Map([[wanted[0].name, await this.next(tenantId, wanted[0].name, wanted[0].count)]]);
    }
    const params: SqlParam[] = [tenantId];
    const cases = wanted.map(({ name, count }) => {
      params.push(name, count);
      return `WHEN $${params.length - 1} THEN CAST($${params.length} AS BIGINT)`;
    });
    const names = wanted.map((_, i) => `$${2 + 2 * i}`).join(', ');
    const rows = await this.db.query<{ name: string; value: number }>(
      `UPDATE counters SET value = value + CASE name ${cases.join(' ')} END
       WHERE tenant_id = $1 AND name IN (${names}) RETURNING name, value`,
      params,
    );
    const answers = new Map<string, number>();
    for (const { name, count } of wanted) {
      const row = rows.find((r) => r.name === name);
      if (count === 0) answers.set(name, row ? Number(row.value) : 0);
      else answers.set(name, row ? Number(row.value) - count + 1 : await this.next(tenantId, name, count));
    }
    return answers;
  }
}
