import { Inject, Injectable } from '@nestjs/common';
import type { Product, ProductKind } from '@billinator/contracts';
import { quantity } from '@billinator/money';
import { DATABASE, Database, SqlParam } from '../database/database.port';
import { likePattern, SqlWhere } from '../common/sql-where';
import { RequestContext } from '../tenancy/request-context';

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  unit: string;
  kind: ProductKind;
  sale_price: string;
  purchase_price: string;
  tax_rate: string;
  reorder_level: string;
  active: boolean;
  created_at: string;
  updated_at: string;
  version: number;
  on_hand: string | null;
  average_cost: string | null;
}

export interface ProductRecord {
  id: string;
  sku: string;
  name: string;
  unit: string;
  kind: ProductKind;
  salePrice: string;
  purchasePrice: string;
  taxRate: string;
  reorderLevel: string;
  active: boolean;
}

export const PRODUCT_SORTS = {
  sku: 'p.sku',
  name: 'p.name',
  salePrice: 'p.sale_price',
  purchasePrice: 'p.purchase_price',
  kind: 'p.kind',
  createdAt: 'p.created_at',
  updatedAt: 'p.updated_at',
} as const;
export type ProductSort = keyof typeof PRODUCT_SORTS;

export interface ProductFilter {
  q?: string;
  active?: boolean;
  kind?: ProductKind;
  lowStock?: boolean;
  sort: ProductSort;
  desc: boolean;
  limit: number;
  offset: number;
}

const COLUMNS = `p.id, p.sku, p.name, p.unit, p.kind, p.sale_price, p.purchase_price, p.tax_rate, p.reorder_level,
  p.active, p.created_at, p.updated_at, p.version`;

/** On hand per product: the sum of the ledger, never a stored counter. */
const ON_HAND = `(SELECT product_id, SUM(quantity) AS on_hand FROM stock_transactions WHERE tenant_id = $1 GROUP BY product_id)`;

function toProduct(row: ProductRow): Product {
  const goods = row.kind === 'goods';
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    unit: row.unit,
    kind: row.kind,
    salePrice: row.sale_price,
    purchasePrice: row.purchase_price,
    taxRate: row.tax_rate,
    reorderLevel: row.reorder_level,
    active: row.active,
    onHand: goods ? quantity(row.on_hand ?? '0') : '0.000',
    averageCost: goods ? row.average_cost : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

@Injectable()
export class ProductsRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly context: RequestContext,
  ) {}

  async list(filter: ProductFilter): Promise<{ items: Product[]; total: number }> {
    const where = new SqlWhere('p.tenant_id', this.context.tenantId);
    if (filter.q)
      where.add(
        "(lower(p.name) LIKE ? ESCAPE '\\' OR lower(p.sku) LIKE ? ESCAPE '\\')",
        likePattern(filter.q),
        likePattern(filter.q),
      );
    if (filter.active !== undefined) where.add('p.active = ?', filter.active);
    if (filter.kind) where.add('p.kind = ?', filter.kind);
    const joinStock = filter.lowStock === true;
    if (joinStock) where.add("p.kind = 'goods' AND COALESCE(s.on_hand, 0) <= p.reorder_level");
    const from = `products p${joinStock ? ` LEFT JOIN ${ON_HAND} s ON s.product_id = p.id` : ''}`;
    const [count] = await this.db.query<{ total: number }>(
      `SELECT count(*) AS total FROM ${from} WHERE ${where.sql}`,
      where.params,
    );
    const order = `${PRODUCT_SORTS[filter.sort]} ${filter.desc ? 'DESC' : 'ASC'}, p.id`;
    const limit = where.next(filter.limit);
    const offset = where.next(filter.offset);
    const page = await this.db.query<{ id: string }>(
      `SELECT p.id FROM ${from} WHERE ${where.sql} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    const items = await this.findMany(page.map((r) => r.id));
    return { items, total: Number(count?.total ?? 0) };
  }

  /** Products with their stock figures, in the order of `ids`. */
  async findMany(ids: readonly string[]): Promise<Product[]> {
    if (ids.length === 0) return [];
    const params: SqlParam[] = [this.context.tenantId];
    const list = ids.map((id) => {
      params.push(id);
      return `$${params.length}`;
    });
    const rows = await this.db.query<ProductRow>(
      `SELECT ${COLUMNS}, s.on_hand, a.average_cost
       FROM products p
       LEFT JOIN (SELECT product_id, SUM(quantity) AS on_hand FROM stock_transactions
                  WHERE tenant_id = $1 AND product_id IN (${list.join(', ')}) GROUP BY product_id) s ON s.product_id = p.id
       LEFT JOIN (SELECT product_id, avg_cost_after AS average_cost FROM (
                    SELECT product_id, avg_cost_after, ROW_NUMBER() OVER (PARTITION BY product_id ORDER BY seq DESC) AS rn
                    FROM stock_transactions WHERE tenant_id = $1 AND product_id IN (${list.join(', ')})) latest
                  WHERE rn = 1) a ON a.product_id = p.id
       WHERE p.tenant_id = $1 AND p.id IN (${list.join(', ')})`,
      params,
    );
    const byId = new Map(rows.map((r) => [r.id, toProduct(r)]));
    return ids.map((id) => byId.get(id)).filter((p): p is Product => p !== undefined);
  }

  async findById(id: string): Promise<Product | null> {
    return (await this.findMany([id]))[0] ?? null;
  }

  async findIdsBySku(skus: readonly string[]): Promise<Map<string, string>> {
    if (skus.length === 0) return new Map();
    const params: SqlParam[] = [this.context.tenantId];
    const list = skus.map((sku) => {
      params.push(sku);
      return `$${params.length}`;
    });
    const rows = await this.db.query<{ id: string; sku: string }>(
      `SELECT id, sku FROM products WHERE tenant_id = $1 AND sku IN (${list.join(', ')})`,
      params,
    );
    return new Map(rows.map((r) => [r.sku, r.id]));
  }

  /** Inserts many products with one statement per batch. */
  async insertMany(products: readonly ProductRecord[], at: string): Promise<void> {
    const tenantId = this.context.tenantId;
    for (let start = 0; start < products.length; start += 500) {
      const batch = products.slice(start, start + 500);
      const params: SqlParam[] = [];
      const values = batch.map((p) => {
        const base = params.length;
        params.push(
          p.id,
          tenantId,
          p.sku,
          p.name,
          p.unit,
          p.kind,
          p.salePrice,
          p.purchasePrice,
          p.taxRate,
          p.reorderLevel,
          p.active,
          at,
        );
        const n = (i: number) => `$${base + i}`;
        return `(${n(1)}, ${n(2)}, ${n(3)}, ${n(4)}, ${n(5)}, ${n(6)}, CAST(${n(7)} AS DECIMAL(18,2)), CAST(${n(8)} AS DECIMAL(18,2)), CAST(${n(9)} AS DECIMAL(5,2)), CAST(${n(10)} AS DECIMAL(18,3)), ${n(11)}, CAST(${n(12)} AS TIMESTAMPTZ), CAST(${n(12)} AS TIMESTAMPTZ), 1)`;
      });
      await this.db.execute(
        `INSERT INTO products (id, tenant_id, sku, name, unit, kind, sale_price, purchase_price, tax_rate, reorder_level,
          active, created_at, updated_at, version) VALUES ${values.join(', ')}`,
        params,
      );
    }
  }

  async update(id: string, version: number, p: Omit<ProductRecord, 'id'>, at: string): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE products SET sku = $4, name = $5, unit = $6, kind = $7, sale_price = CAST($8 AS DECIMAL(18,2)),
         purchase_price = CAST($9 AS DECIMAL(18,2)), tax_rate = CAST($10 AS DECIMAL(5,2)),
         reorder_level = CAST($11 AS DECIMAL(18,3)), active = $12, updated_at = CAST($13 AS TIMESTAMPTZ), version = version + 1
       WHERE tenant_id = $1 AND id = $2 AND version = $3`,
      [
        this.context.tenantId,
        id,
        version,
        p.sku,
        p.name,
        p.unit,
        p.kind,
        p.salePrice,
        p.purchasePrice,
        p.taxRate,
        p.reorderLevel,
        p.active,
        at,
      ],
    );
    return changed === 1;
  }

  async delete(id: string): Promise<boolean> {
    return (
      (await this.db.execute('DELETE FROM products WHERE tenant_id = $1 AND id = $2', [this.context.tenantId, id])) ===
      1
    );
  }
}
