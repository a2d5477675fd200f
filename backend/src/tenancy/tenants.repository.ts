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

/**
 * Per-tenant counter (`counters`) that every change of a tenant's settings (invoice prefix,
 * currency, …) must bump in its transaction; caches of settings are valid for one value of it.
 * Nothing changes settings yet: sign-up creates them, and no tenant has this counter.
 */
export const TENANT_SETTINGS_COUNTER = 'tenant_settings';

/** At most this many tenants' prefixes are kept; past it the cache starts again. */
const PREFIX_CACHE_TENANTS = 10_000;

@Injectable()
export class TenantsRepository {
  private readonly prefixes = new Map<string, { settingsVersion: number; prefix: string | null }>();

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

  /**
   * The tenant's invoice number prefix, kept in this process under the value of the tenant's
   * settings counter that the caller read in its own transaction (issuing reads it with the
   * counters it moves, in the same statement): whoever changes a tenant's settings, on any
   * replica, bumps that counter in the same transaction, so a changed prefix is read again.
   * Without a settings version it is read, not cached.
   */
  async invoicePrefix(tenantId: string, settingsVersion?: number): Promise<string | null> {
    const cached = this.prefixes.get(tenantId);
    if (settingsVersion !== undefined && cached?.settingsVersion === settingsVersion) return cached.prefix;
    const rows = await this.db.query<{ invoice_prefix: string }>('SELECT invoice_prefix FROM tenants WHERE id = $1', [
      tenantId,
    ]);
    const prefix = rows[0]?.invoice_prefix ?? null;
    if (settingsVersion !== undefined) {
      if (this.prefixes.size >= PREFIX_CACHE_TENANTS) this.prefixes.clear();
      this.prefixes.set(tenantId, { settingsVersion, prefix });
    }
    return prefix;
  }

  async allowsNegativeStock(tenantId: string): Promise<boolean> {
    const rows = await this.db.query<{ allow_negative_stock: boolean }>(
      'SELECT allow_negative_stock FROM tenants WHERE id = $1',
      [tenantId],
    );
    return rows[0]?.allow_negative_stock === true;
  }
}
