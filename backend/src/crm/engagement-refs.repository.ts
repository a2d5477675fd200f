import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@billinator/contracts';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';

export interface UserRef {
  id: string;
  name: string;
  role: Role;
  active: boolean;
}

export interface OpportunityRef {
  id: string;
  title: string;
  customerId: string | null;
}

export interface ContactRef {
  id: string;
  name: string;
  customerId: string;
}

/**
 * The records activities, notes and the timeline point at (users, customers,
 * opportunities, contacts), looked up in the caller's tenant only. There are no
 * foreign keys: these lookups are the referential checks.
 */
@Injectable()
export class EngagementRefsRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly context: RequestContext,
  ) {}

  async user(id: string): Promise<UserRef | null> {
    const rows = await this.db.query<UserRef>(
      'SELECT id, name, role, active FROM users WHERE tenant_id = $1 AND id = $2',
      [this.context.tenantId, id],
    );
    return rows[0] ?? null;
  }

  async customerExists(id: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 AS found FROM customers WHERE tenant_id = $1 AND id = $2', [
      this.context.tenantId,
      id,
    ]);
    return rows.length > 0;
  }

  async opportunity(id: string): Promise<OpportunityRef | null> {
    const rows = await this.db.query<{ id: string; title: string; customer_id: string | null }>(
      'SELECT id, title, customer_id FROM opportunities WHERE tenant_id = $1 AND id = $2',
      [this.context.tenantId, id],
    );
    return rows[0] ? { id: rows[0].id, title: rows[0].title, customerId: rows[0].customer_id } : null;
  }

  async contact(id: string): Promise<ContactRef | null> {
    const rows = await this.db.query<{ id: string; name: string; customer_id: string }>(
      'SELECT id, name, customer_id FROM contacts WHERE tenant_id = $1 AND id = $2',
      [this.context.tenantId, id],
    );
    return rows[0] ? { id: rows[0].id, name: rows[0].name, customerId: rows[0].customer_id } : null;
  }
}
