import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, Database } from './database.port';

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
}
