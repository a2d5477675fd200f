import type { Customer } from '@billinator/contracts';
import type { BulkColumn, Database } from '../database/database.port';
import { likePattern, SqlWhere } from '../common/sql-where';
import type { RequestContext } from '../tenancy/request-context';
import { PARTY_SORTS } from './party.dto';

/** The two party tables. Table names cannot be SQL parameters; they come only from this list. */
const PARTY_TABLES = ['customers', 'suppliers'] as const;
export type PartyTable = (typeof PARTY_TABLES)[number];

interface PartyRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  tax_id: string | null;
  address: string | null;
  payment_terms_days: number;
  opening_balance: string;
  credit_limit: string | null;
  active: boolean;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Stored form of a customer or supplier; suppliers keep creditLimit null. */
export interface PartyRecord {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  taxId: string | null;
  address: string | null;
  paymentTermsDays: number;
  openingBalance: string;
  creditLimit: string | null;
  active: boolean;
}

export interface PartyFilter {
  q?: string;
  active?: boolean;
  sort: keyof typeof PARTY_SORTS;
  desc: boolean;
  limit: number;
  offset: number;
}

const COLUMNS =
  'id, name, email, phone, tax_id, address, payment_terms_days, opening_balance, credit_limit, active, created_at, updated_at, version';

const PARTY_COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'VARCHAR' },
  { name: 'tenant_id', type: 'VARCHAR' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'email', type: 'VARCHAR' },
  { name: 'phone', type: 'VARCHAR' },
  { name: 'tax_id', type: 'VARCHAR' },
  { name: 'address', type: 'VARCHAR' },
  { name: 'payment_terms_days', type: 'INTEGER' },
  { name: 'opening_balance', type: 'DECIMAL(18,2)' },
  { name: 'credit_limit', type: 'DECIMAL(18,2)' },
  { name: 'active', type: 'BOOLEAN' },
  { name: 'created_at', type: 'TIMESTAMPTZ' },
  { name: 'updated_at', type: 'TIMESTAMPTZ' },
  { name: 'version', type: 'INTEGER' },
];

function toParty(row: PartyRow): Customer {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    taxId: row.tax_id,
    address: row.address,
    paymentTermsDays: Number(row.payment_terms_days),
    openingBalance: row.opening_balance,
    creditLimit: row.credit_limit,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

/** Customers and suppliers share one shape; the table tells them apart. */
export abstract class PartyRepository {
  protected constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly table: PartyTable,
  ) {
    if (!PARTY_TABLES.includes(table)) throw new Error(`Unknown party table ${String(table)}`);
  }

  async list(filter: PartyFilter): Promise<{ items: Customer[]; total: number }> {
    const where = new SqlWhere('tenant_id', this.context.tenantId);
    if (filter.q) {
      const like = likePattern(filter.q);
      where.add(
        "(lower(name) LIKE ? ESCAPE '\\' OR lower(COALESCE(email, '')) LIKE ? ESCAPE '\\' OR lower(COALESCE(tax_id, '')) LIKE ? ESCAPE '\\')",
        like,
        like,
        like,
      );
    }
    if (filter.active !== undefined) where.add('active = ?', filter.active);
    const [count] = await this.db.query<{ total: number }>(
      `SELECT count(*) AS total FROM ${this.table} WHERE ${where.sql}`,
      where.params,
    );
    const limit = where.next(filter.limit);
    const offset = where.next(filter.offset);
    const rows = await this.db.query<PartyRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE ${where.sql}
       ORDER BY ${PARTY_SORTS[filter.sort]} ${filter.desc ? 'DESC' : 'ASC'}, id LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    return { items: rows.map(toParty), total: Number(count?.total ?? 0) };
  }

  async findById(id: string): Promise<Customer | null> {
    const rows = await this.db.query<PartyRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE tenant_id = $1 AND id = $2`,
      [this.context.tenantId, id],
    );
    return rows[0] ? toParty(rows[0]) : null;
  }

  async insertMany(parties: readonly PartyRecord[], at: string): Promise<void> {
    const tenantId = this.context.tenantId;
    await this.db.bulkInsert(
      this.table,
      PARTY_COLUMNS,
      parties.map((p) => ({
        id: p.id,
        tenant_id: tenantId,
        name: p.name,
        email: p.email,
        phone: p.phone,
        tax_id: p.taxId,
        address: p.address,
        payment_terms_days: p.paymentTermsDays,
        opening_balance: p.openingBalance,
        credit_limit: p.creditLimit,
        active: p.active,
        created_at: at,
        updated_at: at,
        version: 1,
      })),
    );
  }

  async update(id: string, version: number, p: Omit<PartyRecord, 'id'>, at: string): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE ${this.table} SET name = $4, email = $5, phone = $6, tax_id = $7, address = $8, payment_terms_days = $9,
         opening_balance = CAST($10 AS DECIMAL(18,2)), credit_limit = CAST($11 AS DECIMAL(18,2)), active = $12,
         updated_at = CAST($13 AS TIMESTAMPTZ), version = version + 1
       WHERE tenant_id = $1 AND id = $2 AND version = $3`,
      [
        this.context.tenantId,
        id,
        version,
        p.name,
        p.email,
        p.phone,
        p.taxId,
        p.address,
        p.paymentTermsDays,
        p.openingBalance,
        p.creditLimit,
        p.active,
        at,
      ],
    );
    return changed === 1;
  }

  async delete(id: string): Promise<void> {
    await this.db.execute(`DELETE FROM ${this.table} WHERE tenant_id = $1 AND id = $2`, [this.context.tenantId, id]);
  }

  /**
   * How many documents refer to the party. A party with documents is deactivated,
   * never deleted; the document tables arrive with sales and purchases.
   */
  /** Documents, payments and CRM records that name this party: such a party is deactivated, never deleted. */
  async documentCount(id: string): Promise<number> {
    const [row] = await this.db.query<{ documents: number }>(
      `SELECT (SELECT count(*) FROM documents WHERE tenant_id = $1 AND party_id = $2)
            + (SELECT count(*) FROM payments WHERE tenant_id = $1 AND party_id = $2)
            + (SELECT count(*) FROM opportunities WHERE tenant_id = $1 AND customer_id = $2)
            + (SELECT count(*) FROM activities WHERE tenant_id = $1 AND customer_id = $2)
            + (SELECT count(*) FROM notes WHERE tenant_id = $1 AND customer_id = $2) AS documents`,
      [this.context.tenantId, id],
    );
    return Number(row?.documents ?? 0);
  }
}
