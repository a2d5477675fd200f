import { Inject, Injectable } from '@nestjs/common';
import type { DocumentStatus } from '@billinator/contracts';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';

/** The customer's answer to a quote and its conversion move only its status. */
@Injectable()
export class QuotesRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly context: RequestContext,
  ) {}

  /** Answers false when the quote is no longer in `from` (someone else moved it first). */
  async moveStatus(
    id: string,
    from: DocumentStatus,
    to: DocumentStatus,
    reason: string | null,
    at: string,
  ): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE documents SET status = $4, reason = COALESCE($5, reason), updated_at = CAST($6 AS TIMESTAMPTZ),
         version = version + 1
       WHERE tenant_id = $1 AND id = $2 AND kind = 'quote' AND status = $3`,
      [this.context.tenantId, id, from, to, reason, at],
    );
    return changed > 0;
  }
}
