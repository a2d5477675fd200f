import { Inject, Injectable } from '@nestjs/common';
import type { TenantSummary } from '@billinator/contracts';
import { DATABASE, Database } from '../database/database.port';

interface TenantRow {
  id: string;
  name: string;
  currency: string;
  tax_id: string | null;
  address: string | null;
  invoice_prefix: string;
}

export interface NewTenant extends TenantSummary {
  createdAt: string;
}

function toTenant(row: TenantRow): TenantSummary {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    taxId: row.tax_id,
    address: row.address,
    invoicePrefix: row.invoice_prefix,
  };
}

@Injectable()
export class TenantsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(tenant: NewTenant): Promise<void> {
    await this.db.execute(
      `INSERT INTO tenants (id, name, currency, tax_id, address, invoice_prefix, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
      [tenant.id, tenant.name, tenant.currency, tenant.taxId, tenant.address, tenant.invoicePrefix, tenant.createdAt],
    );
  }

  /** Reads one tenant by the id taken from the request context. */
  async findById(tenantId: string): Promise<TenantSummary | null> {
    const rows = await this.db.query<TenantRow>(
      'SELECT id, name, currency, tax_id, address, invoice_prefix FROM tenants WHERE id = $1',
      [tenantId],
    );
    return rows[0] ? toTenant(rows[0]) : null;
  }

  /** The tenant's invoice number prefix (one narrow read: DuckDB's cost grows with the columns read). */
  async invoicePrefix(tenantId: string): Promise<string | null> {
    const rows = await this.db.query<{ invoice_prefix: string }>('SELECT invoice_prefix FROM tenants WHERE id = $1', [
      tenantId,
    ]);
    return rows[0]?.invoice_prefix ?? null;
  }

  async allowsNegativeStock(tenantId: string): Promise<boolean> {
    const rows = await this.db.query<{ allow_negative_stock: boolean }>(
      'SELECT allow_negative_stock FROM tenants WHERE id = $1',
      [tenantId],
    );
    return rows[0]?.allow_negative_stock === true;
  }
}
