import { Database, UniqueViolationError } from '../../backend/src/database/database.port';
import { MIGRATIONS } from '../../backend/src/database/migrations';
import type { Migration } from '../../backend/src/database/migrations/migration';
import { migrate, migrationStatus } from '../../backend/src/database/migrator';
import { ENGINES, TestDatabase } from '../support/databases';

/** The same contract, run against both engines behind the Database port. */
describe.each(ENGINES)('Database port on %s', (_name, create) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = create();
    db = await handle.open();
    await migrate(db, MIGRATIONS);
    await db.script(`CREATE TABLE contract_items (
      id VARCHAR PRIMARY KEY,
      tenant_id VARCHAR NOT NULL,
      amount DECIMAL(18,2),
      qty DECIMAL(18,3),
      on_date DATE,
      happened_at TIMESTAMPTZ,
      flag BOOLEAN,
      note VARCHAR,
      counter INTEGER NOT NULL DEFAULT 0
    )`);
  });

  afterAll(async () => {
    await db.close();
    await handle.dispose();
  });

  it('applies migrations once and records them', async () => {
    const status = await migrationStatus(db, MIGRATIONS);
    expect(status.pending).toEqual([]);
    expect(status.applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(db, MIGRATIONS)).toEqual([]);
  });

  it('refuses a migration that changed after it was applied', async () => {
    const changed: Migration = { ...MIGRATIONS[0], sql: `${MIGRATIONS[0].sql}\n-- edited` };
    await expect(migrate(db, [changed])).rejects.toThrow(/was changed after it was applied/);
  });

  it('round-trips exact decimals, dates, timestamps, booleans and nulls', async () => {
    await db.execute(
      'INSERT INTO contract_items (id, tenant_id, amount, qty, on_date, happened_at, flag, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      ['a', 't1', '12345678901234.56', '0.125', '2026-02-28', '2026-11-27T10:11:12.345Z', true, null],
    );
    const [row] = await db.query(
      'SELECT amount, qty, on_date, happened_at, flag, note FROM contract_items WHERE id = $1',
      ['a'],
    );
    expect(row).toEqual({
      amount: '12345678901234.56',
      qty: '0.125',
      on_date: '2026-02-28',
      happened_at: '2026-11-27T10:11:12.345Z',
      flag: true,
      note: null,
    });
    const [sum] = await db.query<{ total: string }>(
      "SELECT CAST(sum(amount) AS DECIMAL(18,2)) AS total FROM (SELECT CAST('0.10' AS DECIMAL(18,2)) AS amount UNION ALL SELECT CAST('0.20' AS DECIMAL(18,2))) t",
    );
    expect(sum.total).toBe('0.30');
  });

  it('bulk-inserts thousands of rows with exact values, in the open transaction', async () => {
    const rows = Array.from({ length: 12_001 }, (_, i) => ({
      id: `bulk-${i}`,
      tenant_id: 'bulk',
      amount: i === 0 ? '-0.01' : `${i}.99`,
      qty: '1.125',
      on_date: '2026-01-31',
      happened_at: '2026-11-27T10:11:12.345Z',
      flag: i % 2 === 0,
      note: i === 1 ? null : `it's "quoted" \\ ${i}`,
      counter: i,
    }));
    const columns = [
      { name: 'id', type: 'VARCHAR' },
      { name: 'tenant_id', type: 'VARCHAR' },
      { name: 'amount', type: 'DECIMAL(18,2)' },
      { name: 'qty', type: 'DECIMAL(18,3)' },
      { name: 'on_date', type: 'DATE' },
      { name: 'happened_at', type: 'TIMESTAMPTZ' },
      { name: 'flag', type: 'BOOLEAN' },
      { name: 'note', type: 'VARCHAR' },
      { name: 'counter', type: 'INTEGER' },
    ];
    await expect(
      db.transaction('bulk', async () => {
        await db.bulkInsert('contract_items', columns, rows);
        throw new Error('roll it back');
      }),
    ).rejects.toThrow('roll it back');
    expect((await db.query("SELECT id FROM contract_items WHERE tenant_id = 'bulk'")).length).toBe(0);
    await db.transaction('bulk', () => db.bulkInsert('contract_items', columns, rows));
    const [summary] = await db.query<{ n: number; total: string; flags: number }>(
      "SELECT count(*) AS n, CAST(sum(amount) AS DECIMAL(18,2)) AS total, sum(CASE WHEN flag THEN 1 ELSE 0 END) AS flags FROM contract_items WHERE tenant_id = 'bulk'",
    );
    expect({ n: Number(summary.n), total: summary.total, flags: Number(summary.flags) }).toEqual({
      n: 12_001,
      total: String((12_000 * 12_001) / 2 + 0.99 * 12_000 - 0.01),
      flags: 6001,
    });
    const picked = await db.query(
      "SELECT id, amount, qty, on_date, happened_at, flag, note, counter FROM contract_items WHERE id IN ('bulk-0', 'bulk-1', 'bulk-2') ORDER BY id",
    );
    expect(picked).toEqual([
      {
        id: 'bulk-0',
        amount: '-0.01',
        qty: '1.125',
        on_date: '2026-01-31',
        happened_at: '2026-11-27T10:11:12.345Z',
        flag: true,
        note: `it's "quoted" \\ 0`,
        counter: 0,
      },
      {
        id: 'bulk-1',
        amount: '1.99',
        qty: '1.125',
        on_date: '2026-01-31',
        happened_at: '2026-11-27T10:11:12.345Z',
        flag: false,
        note: null,
        counter: 1,
      },
      {
        id: 'bulk-2',
        amount: '2.99',
        qty: '1.125',
        on_date: '2026-01-31',
        happened_at: '2026-11-27T10:11:12.345Z',
        flag: true,
        note: `it's "quoted" \\ 2`,
        counter: 2,
      },
    ]);
  });

  it('reports how many rows a statement changed', async () => {
    await db.execute("INSERT INTO contract_items (id, tenant_id) VALUES ('b', 't1'), ('c', 't2')");
    expect(await db.execute('UPDATE contract_items SET note = $1 WHERE tenant_id = $2', ['x', 't1'])).toBe(2);
    expect(await db.execute('UPDATE contract_items SET note = $1 WHERE tenant_id = $2', ['x', 'nobody'])).toBe(0);
  });

  it('commits a transaction as a whole or not at all', async () => {
    await db.transaction('t1', async () => {
      await db.execute("INSERT INTO contract_items (id, tenant_id) VALUES ('tx1', 't1')");
      await db.execute("INSERT INTO contract_items (id, tenant_id) VALUES ('tx2', 't1')");
    });
    await expect(
      db.transaction('t1', async () => {
        await db.execute("INSERT INTO contract_items (id, tenant_id) VALUES ('tx3', 't1')");
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const rows = await db.query<{ id: string }>("SELECT id FROM contract_items WHERE id LIKE 'tx%' ORDER BY id");
    expect(rows.map((r) => r.id)).toEqual(['tx1', 'tx2']);
  });

  it('sees its own uncommitted writes inside the transaction; other readers do not', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertDone = new Promise<void>((resolve) => (inserted = resolve));
    const writer = db.transaction('t9', async () => {
      await db.execute("INSERT INTO contract_items (id, tenant_id) VALUES ('iso', 't9')");
      expect(await db.query("SELECT id FROM contract_items WHERE id = 'iso'")).toHaveLength(1);
      inserted();
      await held;
    });
    await insertDone;
    // this read runs outside the transaction's async flow, on another connection
    const outside = await new Promise<unknown[]>((resolve, reject) =>
      setImmediate(() => db.query("SELECT id FROM contract_items WHERE id = 'iso'").then(resolve, reject)),
    );
    expect(outside).toHaveLength(0);
    release();
    await writer;
    expect(await db.query("SELECT id FROM contract_items WHERE id = 'iso'")).toHaveLength(1);
  });

  it('turns a duplicate key into a UniqueViolationError', async () => {
    await expect(db.execute("INSERT INTO contract_items (id, tenant_id) VALUES ('a', 't1')")).rejects.toBeInstanceOf(
      UniqueViolationError,
    );
  });

  it('serialises concurrent writers of one tenant: 50 increments, no lost update', async () => {
    await db.execute("INSERT INTO contract_items (id, tenant_id, counter) VALUES ('counter', 't1', 0)");
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.transaction('t1', async () => {
          const [row] = await db.query<{ counter: number }>("SELECT counter FROM contract_items WHERE id = 'counter'");
          await db.execute("UPDATE contract_items SET counter = $1 WHERE id = 'counter'", [Number(row.counter) + 1]);
        }),
      ),
    );
    const [row] = await db.query<{ counter: number }>("SELECT counter FROM contract_items WHERE id = 'counter'");
    expect(Number(row.counter)).toBe(50);
  });

  it('runs writers of different tenants side by side', async () => {
    const tenants = ['ta', 'tb', 'tc', 'td'];
    await Promise.all(
      tenants.flatMap((tenant) =>
        Array.from({ length: 10 }, (_, i) =>
          db.transaction(tenant, () =>
            db.execute('INSERT INTO contract_items (id, tenant_id) VALUES ($1, $2)', [`${tenant}-${i}`, tenant]),
          ),
        ),
      ),
    );
    const rows = await db.query<{ tenant_id: string; n: number }>(
      "SELECT tenant_id, count(*) AS n FROM contract_items WHERE tenant_id IN ('ta','tb','tc','td') GROUP BY tenant_id ORDER BY tenant_id",
    );
    expect(rows.map((r) => [r.tenant_id, Number(r.n)])).toEqual(tenants.map((t) => [t, 10]));
  });

  it('answers a ping', async () => {
    await expect(db.ping()).resolves.toBeUndefined();
  });
});
