import type { Database } from '../database/database.port';
import { IndexedProduct, INDEX_MIN_PRODUCTS, ProductListIndex } from './product-list-index';

function product(i: number, name: string, extra: Partial<IndexedProduct> = {}): IndexedProduct {
  const sku = `SKU-${String(i).padStart(5, '0')}`;
  return {
    id: `id-${i}`,
    sku,
    name,
    unit: 'pcs',
    kind: 'goods',
    sale_price: `${(i % 50) + 1}.00`,
    purchase_price: '1.00',
    tax_rate: '20.00',
    reorder_level: '0.000',
    active: true,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    version: 1,
    seq: i,
    search_text: `${sku} ${name}`.toLowerCase(),
    ...extra,
  };
}

/** A stand-in for the store that answers the two statements the index makes. */
function store(rows: IndexedProduct[], counters: { product: number; product_writes: number }) {
  let loads = 0;
  const db: Partial<Database> = {
    engine: 'duckdb',
    query: (async (sql: string) => {
      if (sql.includes('FROM counters')) {
        return Object.entries(counters).map(([name, value]) => ({ name, value }));
      }
      loads++;
      return rows;
    }) as Database['query'],
  };
  return { db: db as Database, counters, loads: () => loads };
}

const catalog = Array.from({ length: INDEX_MIN_PRODUCTS }, (_, i) =>
  product(i, i % 2 === 0 ? `Tea ${i % 7}` : `Coffee ${i % 5}`, { active: i % 3 !== 0 }),
);

describe('ProductListIndex', () => {
  it('stays out of the way for small catalogs and PostgreSQL', async () => {
    const small = store(catalog.slice(0, 10), { product: 10, product_writes: 10 });
    expect(
      await new ProductListIndex(small.db).page('t', { sort: 'name', desc: false, limit: 5, offset: 0 }),
    ).toBeNull();
    const pg = store(catalog, { product: catalog.length, product_writes: 1 });
    (pg.db as { engine: string }).engine = 'postgres';
    expect(await new ProductListIndex(pg.db).page('t', { sort: 'name', desc: false, limit: 5, offset: 0 })).toBeNull();
  });

  it('sorts like the SQL path: by the key, ties by product number, both directions', async () => {
    const { db } = store(catalog, { product: catalog.length, product_writes: 1 });
    const index = new ProductListIndex(db);
    const all = await index.page('t', { sort: 'name', desc: false, limit: catalog.length, offset: 0 });
    const expected = [...catalog].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.seq - b.seq));
    expect(all!.rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    const byPrice = await index.page('t', { sort: 'salePrice', desc: true, limit: 3, offset: 0 });
    expect(byPrice!.rows.map((r) => [r.sale_price, r.seq])).toEqual([
      ['50.00', 49],
      ['50.00', 99],
      ['50.00', 149],
    ]);
  });

  it('searches like strpos on the search text, filters, counts and pages', async () => {
    const { db } = store(catalog, { product: catalog.length, product_writes: 1 });
    const index = new ProductListIndex(db);
    const query = { q: ' TEA 3 ', active: true, sort: 'sku' as const, desc: false, limit: 10, offset: 5 };
    const page = await index.page('t', query);
    const matching = catalog.filter((p) => p.search_text.includes('tea 3') && p.active);
    expect(page!.total).toBe(matching.length);
    expect(page!.rows.map((r) => r.sku)).toEqual(matching.slice(5, 15).map((r) => r.sku));
    // a text that appears twice in one row still yields the row once
    const twice = await index.page('t', { q: '0', sort: 'sku', desc: false, limit: 100000, offset: 0 });
    expect(twice!.total).toBe(catalog.filter((p) => p.search_text.includes('0')).length);
  });

  it('reloads when another writer bumped the counter, and only then', async () => {
    const rows = [...catalog];
    const s = store(rows, { product: rows.length, product_writes: 1 });
    const index = new ProductListIndex(s.db);
    const first = { sort: 'name' as const, desc: false, limit: 1, offset: 0 };
    await index.page('t', first);
    await index.page('t', first);
    expect(s.loads()).toBe(1);
    rows.push(product(99999, 'Aardvark'));
    s.counters.product_writes = 2;
    const after = await index.page('t', first);
    expect(s.loads()).toBe(2);
    expect(after!.rows[0].name).toBe('Aardvark');
  });
});
