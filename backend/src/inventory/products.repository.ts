import { Inject, Injectable } from '@nestjs/common';
import type { Product, ProductKind } from '@billinator/contracts';
import { quantity } from '@billinator/money';
import { BulkColumn, DATABASE, Database, SqlParam } from '../database/database.port';
import { placeholders } from '../common/placeholders';
import { SqlWhere } from '../common/sql-where';
import { RequestContext } from '../tenancy/request-context';
import { ProductListIndex } from './product-list-index';
import { ON_HAND_BY_PRODUCT, stockOf } from './stock-sql';

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
  /** Per-tenant product number (from the `product` counter). */
  seq: number;
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
  p.active, p.created_at, p.updated_at, p.version, p.seq`;

const PRODUCT_COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'VARCHAR' },
  { name: 'tenant_id', type: 'VARCHAR' },
  { name: 'sku', type: 'VARCHAR' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'unit', type: 'VARCHAR' },
  { name: 'kind', type: 'VARCHAR' },
  { name: 'sale_price', type: 'DECIMAL(18,2)' },
  { name: 'purchase_price', type: 'DECIMAL(18,2)' },
  { name: 'tax_rate', type: 'DECIMAL(5,2)' },
  { name: 'reorder_level', type: 'DECIMAL(18,3)' },
  { name: 'active', type: 'BOOLEAN' },
  { name: 'created_at', type: 'TIMESTAMPTZ' },
  { name: 'updated_at', type: 'TIMESTAMPTZ' },
  { name: 'version', type: 'INTEGER' },
  { name: 'search_text', type: 'VARCHAR' },
  { name: 'seq', type: 'BIGINT' },
];

function searchText(p: { sku: string; name: string }): string {
  return `${p.sku} ${p.name}`.toLowerCase();
}

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
    private readonly index: ProductListIndex,
  ) {}

  async list(filter: ProductFilter): Promise<{ items: Product[]; total: number }> {
    if (!filter.lowStock) {
      const fromIndex = await this.index.page(this.context.tenantId, filter);
      if (fromIndex) {
        const rows = fromIndex.rows.map((r) => ({ ...r, on_hand: null, average_cost: null }));
        return { items: await this.withStock(rows), total: fromIndex.total };
      }
    }
    const where = new SqlWhere('p.tenant_id', this.context.tenantId);
    if (filter.q) where.add('strpos(p.search_text, ?) > 0', filter.q.trim().toLowerCase());
    if (filter.active !== undefined) where.add('p.active = ?', filter.active);
    if (filter.kind) where.add('p.kind = ?', filter.kind);
    const joinStock = filter.lowStock === true;
    if (joinStock) where.add("p.kind = 'goods' AND COALESCE(s.on_hand, 0) <= p.reorder_level");
    const from = `products p${joinStock ? ` LEFT JOIN ${ON_HAND_BY_PRODUCT} s ON s.product_id = p.id` : ''}`;
    // The product number breaks ties: unique in a tenant, and an integer is cheap to compare.
    const tieBreak = filter.sort === 'sku' ? '' : ', p.seq';
    const order = `${PRODUCT_SORTS[filter.sort]} ${filter.desc ? 'DESC' : 'ASC'}${tieBreak}`;
    const params = [...where.params];
    const limit = where.next(filter.limit);
    const offset = where.next(filter.offset);
    // The count and the page (with its stock figures, in the same round trip) run side by side.
    const [count, rows] = await Promise.all([
      this.db.query<{ total: number }>(`SELECT count(*) AS total FROM ${from} WHERE ${where.sql}`, params),
      this.db.query<ProductRow>(
        `WITH page AS MATERIALIZED (
           SELECT ${COLUMNS} FROM ${from} WHERE ${where.sql} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset})
         SELECT p.*, s.on_hand, s.average_cost FROM page p LEFT JOIN ${stockOf('(SELECT id FROM page)')} s ON s.product_id = p.id
         ORDER BY ${order}`,
        where.params,
      ),
    ]);
    return { items: rows.map(toProduct), total: Number(count[0]?.total ?? 0) };
  }

  /** Products with their stock figures, in the order of `ids`. */
  async findMany(ids: readonly string[]): Promise<Product[]> {
    if (ids.length === 0) return [];
    const params: SqlParam[] = [this.context.tenantId];
    const rows = await this.db.query<ProductRow>(
      `SELECT ${COLUMNS} FROM products p WHERE p.tenant_id = $1 AND p.id IN (${placeholders(params, ids)})`,
      params,
    );
    const byId = new Map((await this.withStock(rows)).map((p) => [p.id, p]));
    return ids.map((id) => byId.get(id)).filter((p): p is Product => p !== undefined);
  }

  /** True when an invoice, bill or credit note line names the product. */
  async onDocuments(id: string): Promise<boolean> {
    const rows = await this.db.query(
      'SELECT 1 AS found FROM document_lines WHERE tenant_id = $1 AND product_id = $2 LIMIT 1',
      [this.context.tenantId, id],
    );
    return rows.length > 0;
  }

  async findById(id: string): Promise<Product | null> {
    const rows = await this.db.query<ProductRow>(
      `SELECT ${COLUMNS} FROM products p WHERE p.tenant_id = $1 AND p.id = $2`,
      [this.context.tenantId, id],
    );
    return (await this.withStock(rows))[0] ?? null;
  }

  /** Adds on hand and moving average cost, read from the ledger for just these products. */
  private async withStock(rows: ProductRow[]): Promise<Product[]> {
    const goods = rows.filter((r) => r.kind === 'goods').map((r) => r.id);
    if (goods.length > 0) {
      const params: SqlParam[] = [this.context.tenantId];
      const stock = await this.db.query<{ product_id: string; on_hand: string; average_cost: string }>(
        `SELECT * FROM ${stockOf(`(${placeholders(params, goods)})`)} s`,
        params,
      );
      const byId = new Map(stock.map((s) => [s.product_id, s]));
      for (const row of rows) {
        row.on_hand = byId.get(row.id)?.on_hand ?? null;
        row.average_cost = byId.get(row.id)?.average_cost ?? null;
      }
    }
    return rows.map(toProduct);
  }

  /** Every SKU of the tenant, lower-cased: imports check against it in memory. */
  async allSkus(): Promise<Set<string>> {
    const rows = await this.db.query<{ sku: string }>('SELECT sku FROM products WHERE tenant_id = $1', [
      this.context.tenantId,
    ]);
    return new Set(rows.map((r) => r.sku.toLowerCase()));
  }

  /** Products whose SKU equals one of `skus`, ignoring case (SKUs are unique per tenant regardless of case). */
  async findIdsBySku(skus: readonly string[]): Promise<Map<string, string>> {
    if (skus.length === 0) return new Map();
    const params: SqlParam[] = [this.context.tenantId];
    const list = placeholders(
      params,
      skus.map((s) => s.toLowerCase()),
    );
    const rows = await this.db.query<{ id: string; sku: string }>(
      `SELECT id, sku FROM products WHERE tenant_id = $1 AND lower(sku) IN (${list})`,
      params,
    );
    return new Map(rows.map((r) => [r.sku, r.id]));
  }

  /** Inserts many products in bulk. */
  async insertMany(products: readonly ProductRecord[], at: string): Promise<void> {
    const tenantId = this.context.tenantId;
    await this.db.bulkInsert(
      'products',
      PRODUCT_COLUMNS,
      products.map((p) => ({
        id: p.id,
        tenant_id: tenantId,
        sku: p.sku,
        name: p.name,
        unit: p.unit,
        kind: p.kind,
        sale_price: p.salePrice,
        purchase_price: p.purchasePrice,
        tax_rate: p.taxRate,
        reorder_level: p.reorderLevel,
        active: p.active,
        created_at: at,
        updated_at: at,
        version: 1,
        search_text: searchText(p),
        seq: p.seq,
      })),
    );
  }

  async update(id: string, version: number, p: Omit<ProductRecord, 'id' | 'seq'>, at: string): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE products SET sku = $4, name = $5, unit = $6, kind = $7, sale_price = CAST($8 AS DECIMAL(18,2)),
         purchase_price = CAST($9 AS DECIMAL(18,2)), tax_rate = CAST($10 AS DECIMAL(5,2)),
         reorder_level = CAST($11 AS DECIMAL(18,3)), active = $12, updated_at = CAST($13 AS TIMESTAMPTZ), version = version + 1,
         search_text = $14
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
        searchText(p),
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
