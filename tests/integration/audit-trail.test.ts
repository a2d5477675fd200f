import { createHash } from 'node:crypto';
import type { AuditEvent } from '@billinator/contracts';
import { AuditDirectory } from '../../backend/src/audit/audit-directory';
import { AuditBlockIndex } from '../../backend/src/audit/audit-block-index';
import { toAuditFilter } from '../../backend/src/audit/audit.controller';
import { AuditRepository, AuditRow } from '../../backend/src/audit/audit.repository';
import { AuditService } from '../../backend/src/audit/audit.service';
import type { Database } from '../../backend/src/database/database.port';
import { MIGRATIONS } from '../../backend/src/database/migrations';
import { migrate } from '../../backend/src/database/migrator';
import type { RequestContext } from '../../backend/src/tenancy/request-context';
import { TenantsRepository } from '../../backend/src/tenancy/tenants.repository';
import { ENGINES, TestDatabase } from '../support/databases';

/**
 * Filtering, paging, counting and exporting the trail, on both engines, against a reference
 * computed here from the rows written. The rows of the filter tests are written directly (with
 * chosen times; their hashes are made up): these tests are about reading, not about the chain.
 */
function contextFor(tenantId: string): RequestContext {
  return {
    tenantId,
    actor: { userId: 'u-1', tenantId, email: 'owner@example.test', role: 'owner', sessionId: 's-1' },
    ip: '10.0.0.1',
    requestId: 'req-1',
  } as unknown as RequestContext;
}

const ACTIONS = ['sales_invoice.created', 'sales_invoice.issued', 'payment.recorded', 'product.updated'];
const START = Date.parse('2026-01-01T00:00:00.000Z');

function craft(tenantId: string, from: number, count: number): AuditRow[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = from + i;
    const action = ACTIONS[seq % ACTIONS.length];
    const hash = createHash('sha256').update(`${tenantId}${seq}`).digest('hex');
    return {
      tenant_id: tenantId,
      seq,
      occurred_at: new Date(START + seq * 5 * 3_600_000).toISOString(), // every 5 hours
      actor_id: seq % 7 === 0 ? null : seq % 2 === 0 ? 'user-even' : 'user-odd',
      actor_email: seq % 7 === 0 ? null : seq % 2 === 0 ? 'even@example.test' : 'odd@example.test',
      ip: '10.0.0.1',
      request_id: `req-${seq}`,
      action,
      entity_type: action.split('.')[0],
      entity_id: `${action.split('.')[0]}-${seq % 5}`,
      before_json: null,
      after_json: JSON.stringify({ seq }),
      prev_hash: createHash('sha256')
        .update(`${tenantId}${seq - 1}`)
        .digest('hex'),
      hash,
    };
  });
}

describe.each(ENGINES)('audit trail reads on %s', (_name, create) => {
  let handle: TestDatabase;
  let db: Database;
  let repository: AuditRepository;
  let audit: (tenantId: string) => AuditService;
  const rows: AuditRow[] = [];
  /** Stores crafted records (already chained) after the tenant's current head and moves the head. */
  const store = async (records: readonly AuditRow[]) => {
    const tenantId = records[0].tenant_id;
    const last = records[records.length - 1];
    await repository.insert(records);
    if (!(await repository.moveHead(tenantId, await repository.head(tenantId), { seq: last.seq, hash: last.hash }))) {
      throw new Error(`the head of ${tenantId} moved`);
    }
  };

  beforeAll(async () => {
    handle = create();
    db = await handle.open();
    await migrate(db, MIGRATIONS);
    repository = new AuditRepository(db);
    const directory = new AuditDirectory(repository);
    const tenants = new TenantsRepository(db);
    // One service per tenant, as the request scope would give; they share the repository and directory.
    const services = new Map<string, AuditService>();
    audit = (tenantId) => {
      if (!services.has(tenantId)) {
        services.set(
          tenantId,
          new AuditService(repository, contextFor(tenantId), db, directory, new AuditBlockIndex(repository), tenants),
        );
      }
      return services.get(tenantId)!;
    };
    rows.push(...craft('trail-1', 1, 60));
    await db.transaction('trail-1', () => store(rows));
    await db.transaction('trail-2', () => store(craft('trail-2', 1, 30)));
  });

  afterAll(async () => {
    await db.close();
    await handle.dispose();
  });

  /** Every page of the filter, `limit` at a time: the seqs shown and the totals answered. */
  async function pageThrough(
    query: Record<string, string>,
    limit = 7,
    service = audit('trail-1'),
  ): Promise<{ seqs: number[]; totals: number[] }> {
    const seqs: number[] = [];
    const totals: number[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = await service.list(toAuditFilter(query), limit, offset);
      totals.push(page.total);
      seqs.push(...page.items.map((e) => e.seq));
      if (page.items.length < limit) break;
    }
    return { seqs, totals };
  }

  const reference = (keep: (r: AuditRow) => boolean) =>
    rows
      .filter(keep)
      .map((r) => r.seq)
      .reverse();

  it('pages the whole trail newest first by seq range, with the head as total', async () => {
    const first = await audit('trail-1').list({}, 25, 0);
    expect(first.total).toBe(60);
    expect(first.items.map((e) => e.seq)).toEqual(reference(() => true).slice(0, 25));
    expect(first.items[0]).toMatchObject({ tenantId: 'trail-1', seq: 60, after: { seq: 60 }, before: null });
    expect((await audit('trail-1').list({}, 25, 50)).items.map((e) => e.seq)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(await audit('trail-1').list({}, 25, 60)).toEqual({ items: [], total: 60 });
    const all = await pageThrough({});
    expect(all.seqs).toEqual(reference(() => true));
  });

  const cases: [string, Record<string, string>, (r: AuditRow) => boolean][] = [
    ['exact action', { action: 'payment.recorded' }, (r) => r.action === 'payment.recorded'],
    ['action prefix', { action: 'sales_invoice.*' }, (r) => r.action.startsWith('sales_invoice.')],
    ['a lone * (no filter)', { action: '*' }, () => true],
    ['actor', { actorId: 'user-odd' }, (r) => r.actor_id === 'user-odd'],
    ['entity type', { entityType: 'product' }, (r) => r.entity_type === 'product'],
    ['entity id', { entityId: 'payment-3' }, (r) => r.entity_id === 'payment-3'],
    [
      'entity type and id',
      { entityType: 'sales_invoice', entityId: 'sales_invoice-1' },
      (r) => r.entity_type === 'sales_invoice' && r.entity_id === 'sales_invoice-1',
    ],
    ['from a date', { from: '2026-01-08' }, (r) => r.occurred_at >= '2026-01-08'],
    // A date-only `to` takes in the whole day.
    ['to a date (whole day)', { to: '2026-01-05' }, (r) => r.occurred_at < '2026-01-06'],
    [
      'period of dates',
      { from: '2026-01-03', to: '2026-01-06' },
      (r) => r.occurred_at >= '2026-01-03' && r.occurred_at < '2026-01-07',
    ],
    [
      'period of timestamps (bounds included, any zone)',
      { from: '2026-01-02T02:00:00+01:00', to: '2026-01-04T10:00:00Z' },
      (r) => r.occurred_at >= '2026-01-02T01:00:00.000Z' && r.occurred_at <= '2026-01-04T10:00:00.000Z',
    ],
    [
      'actor, action prefix and period together',
      { actorId: 'user-even', action: 'sales_invoice.*', from: '2026-01-02', to: '2026-01-10' },
      (r) =>
        r.actor_id === 'user-even' &&
        r.action.startsWith('sales_invoice.') &&
        r.occurred_at >= '2026-01-02' &&
        r.occurred_at < '2026-01-11',
    ],
    ['nothing matches', { actorId: 'nobody' }, () => false],
  ];

  it.each(cases)('filters by %s, with a right total on every page', async (_label, query, keep) => {
    const expected = reference(keep);
    const { seqs, totals } = await pageThrough(query);
    expect(seqs).toEqual(expected);
    expect(new Set(totals)).toEqual(new Set([expected.length]));
    // Again with every seq range counted as wide (the plain scan instead of the narrow read first).
    const narrow = AuditRepository.narrowSeqRange;
    AuditRepository.narrowSeqRange = 2;
    try {
      // A fresh service: nothing cached, everything counted and read the wide way.
      const fresh = new AuditService(
        repository,
        contextFor('trail-1'),
        db,
        new AuditDirectory(repository),
        new AuditBlockIndex(repository),
        new TenantsRepository(db),
      );
      const wide = await pageThrough(query, 7, fresh);
      expect(wide.seqs).toEqual(expected);
      expect(new Set(wide.totals)).toEqual(new Set([expected.length]));
    } finally {
      AuditRepository.narrowSeqRange = narrow;
    }
    // The other tenant's rows (same actions, actors, entities, times) never show.
    const page = await audit('trail-1').list(toAuditFilter(query), 500, 0);
    expect(page.items.every((e: AuditEvent) => e.tenantId === 'trail-1')).toBe(true);
  });

  it('keeps counts right as the trail grows (the match cache counts only the new records)', async () => {
    const action = toAuditFilter({ action: 'payment.recorded' });
    // From 2026-01-05 on: seqs 20.. (every 5 hours from 2026-01-01), a whole seq range.
    const period = toAuditFilter({ from: '2026-01-05' });
    const before = await audit('trail-2').list(action, 5, 0);
    expect((await audit('trail-2').list(period, 5, 0)).total).toBe(11);
    const added = craft('trail-2', 31, 20);
    await db.transaction('trail-2', () => store(added));
    const after = await audit('trail-2').list(action, 5, 0);
    const matching = [...craft('trail-2', 1, 30), ...added].filter((r) => r.action === 'payment.recorded');
    expect(before.total).toBe(matching.filter((r) => r.seq <= 30).length);
    expect(after.total).toBe(matching.length);
    expect(after.items.map((e) => e.seq)).toEqual(
      matching
        .map((r) => r.seq)
        .reverse()
        .slice(0, 5),
    );
    const grown = await audit('trail-2').list(period, 5, 0);
    expect(grown.total).toBe(31);
    expect(grown.items.map((e) => e.seq)).toEqual([50, 49, 48, 47, 46]);
    expect((await audit('trail-2').list(period, 5, 30)).items.map((e) => e.seq)).toEqual([20]);
  });

  it('pages matches bunched at both ends of the trail (a guessed window that holds too few is widened)', async () => {
    const bunched = craft('trail-3', 1, 400).map((r) =>
      r.seq <= 20 || r.seq >= 395 ? { ...r, actor_id: 'bunched' } : r,
    );
    await db.transaction('trail-3', () => store(bunched));
    const expected = bunched
      .filter((r) => r.actor_id === 'bunched')
      .map((r) => r.seq)
      .reverse();
    for (const limit of [3, 7, 25]) {
      const seqs: number[] = [];
      for (let offset = 0; offset < expected.length + limit; offset += limit) {
        const page = await audit('trail-3').list({ actorId: 'bunched' }, limit, offset);
        expect(page.total).toBe(expected.length);
        seqs.push(...page.items.map((e) => e.seq));
      }
      expect(seqs).toEqual(expected);
    }
  });

  it('finds every record of a period across time blocks, even with times out of order', async () => {
    // Three blocks of the time index and a bit; times mostly rise one minute per record, but
    // record 10 is written late (clock ahead), record 9000 early (clock behind).
    const base = Date.parse('2026-03-01T00:00:00.000Z');
    const at = (seq: number) =>
      new Date(
        seq === 10 ? base + 9_000 * 60_000 : seq === 9000 ? base + 5 * 60_000 : base + seq * 60_000,
      ).toISOString();
    const trail = craft('trail-4', 1, 3 * 4096 + 100).map((r) => ({ ...r, occurred_at: at(r.seq) }));
    await db.transaction('trail-4', () => store(trail));
    const service = audit('trail-4');
    const periods: Record<string, string>[] = [
      { from: at(8990), to: at(9010) }, // takes in record 10 (late) but not 9000 (early)
      { from: at(3), to: at(6) }, // takes in record 9000 (early)
      { from: new Date(base + 4000 * 60_000).toISOString() },
      { to: new Date(base + 7 * 60_000).toISOString() },
      { from: '2026-03-01', to: '2026-03-02' }, // date-only: whole days
      { from: '2026-02-01' }, // before everything: the bound is dropped
      { to: '2026-12-31' }, // after everything
      { from: '2026-12-01' }, // nothing
      { from: at(100), to: at(200), action: 'payment.recorded' },
    ];
    for (const period of periods) {
      const filter = toAuditFilter(period);
      const expected = trail
        .filter(
          (r) =>
            (filter.from === undefined || r.occurred_at >= filter.from) &&
            (filter.to === undefined ||
              (filter.toExclusive ? r.occurred_at < filter.to : r.occurred_at <= filter.to)) &&
            (filter.action === undefined || r.action === filter.action),
        )
        .map((r) => r.seq)
        .reverse();
      const page = await service.list(filter, 500, 0);
      expect({ period, total: page.total }).toEqual({ period, total: expected.length });
      expect(page.items.map((e) => e.seq)).toEqual(expected.slice(0, 500));
    }
    // One action, actor or entity type: counted from the blocks, first and last seq read.
    const single: [Record<string, string>, (r: AuditRow) => boolean][] = [
      [{ action: 'payment.recorded' }, (r) => r.action === 'payment.recorded'],
      [{ action: 'sales_invoice.*' }, (r) => r.action.startsWith('sales_invoice.')],
      [{ actorId: 'user-odd' }, (r) => r.actor_id === 'user-odd'],
      [{ entityType: 'product' }, (r) => r.entity_type === 'product'],
      [{ action: 'nothing.at_all' }, () => false],
    ];
    for (const [query, keep] of single) {
      const expected = trail
        .filter(keep)
        .map((r) => r.seq)
        .reverse();
      for (const offset of [0, 3000]) {
        const page = await service.list(toAuditFilter(query), 25, offset);
        expect({ query, offset, total: page.total }).toEqual({ query, offset, total: expected.length });
        expect(page.items.map((e) => e.seq)).toEqual(expected.slice(offset, offset + 25));
      }
    }
    // The blocks follow the chain as it grows.
    const later = craft('trail-4', 3 * 4096 + 101, 10).map((r) => ({ ...r, occurred_at: at(2) }));
    await db.transaction('trail-4', () => store(later));
    const early = await service.list(toAuditFilter({ from: at(2), to: at(2) }), 50, 0);
    expect(early.items.map((e) => e.seq)).toEqual([...later.map((r) => r.seq).reverse(), 2]);
  });

  it('lists the actors (latest e-mail) and actions of the trail, and their new ones', async () => {
    expect(await audit('trail-1').actors()).toEqual([
      { id: 'user-even', email: 'even@example.test' },
      { id: 'user-odd', email: 'odd@example.test' },
    ]);
    expect(await audit('trail-1').actions()).toEqual([...ACTIONS].sort());
    const [extra] = craft('trail-1', 61, 1);
    await db.transaction('trail-1', () =>
      store([{ ...extra, actor_id: 'user-odd', actor_email: 'renamed@example.test', action: 'user.renamed' }]),
    );
    rows.push({ ...extra, actor_id: 'user-odd', actor_email: 'renamed@example.test', action: 'user.renamed' });
    expect(await audit('trail-1').actors()).toEqual([
      { id: 'user-even', email: 'even@example.test' },
      { id: 'user-odd', email: 'renamed@example.test' },
    ]);
    expect(await audit('trail-1').actions()).toContain('user.renamed');
  });
});

describe.each(ENGINES)('audit export on %s', (_name, create) => {
  let handle: TestDatabase;
  let db: Database;
  let service: AuditService;
  const COUNT = 12_001; // more than two chunks of 5,000

  beforeAll(async () => {
    handle = create();
    db = await handle.open();
    await migrate(db, MIGRATIONS);
    const repository = new AuditRepository(db);
    service = new AuditService(
      repository,
      contextFor('big'),
      db,
      new AuditDirectory(repository),
      new AuditBlockIndex(repository),
      new TenantsRepository(db),
    );
    await db.transaction('big', () =>
      service.recordMany(
        Array.from({ length: COUNT }, (_, i) => ({
          action: i % 3 === 0 ? 'thing.special' : 'thing.changed',
          entityType: 'thing',
          entityId: `thing-${i}`,
          after: { i },
        })),
      ),
    );
  });

  afterAll(async () => {
    await db.close();
    await handle.dispose();
  });

  async function read(stream: NodeJS.ReadableStream): Promise<string> {
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    return text;
  }

  it('streams the whole trail oldest first in chunks, and records the export before it', async () => {
    const file = await service.export({}, {}, 'jsonl');
    expect(file.filename).toMatch(/^audit-tenant-\d{4}-\d{2}-\d{2}\.jsonl$/);
    expect(file.count).toBe(COUNT);
    const lines = (await read(file.stream)).trimEnd().split('\n');
    expect(lines).toHaveLength(COUNT);
    const seqs = lines.map((l) => (JSON.parse(l) as AuditEvent).seq);
    expect(seqs.every((s, i) => s === i + 1)).toBe(true);
    expect(JSON.parse(lines[0])).toMatchObject({
      seq: 1,
      action: 'thing.special',
      after: { i: 0 },
      prevHash: '0'.repeat(64),
    });
    const [record] = await db.query<{ seq: number; action: string; after_json: string }>(
      "SELECT seq, action, after_json FROM audit_log WHERE tenant_id = 'big' AND seq = $1",
      [COUNT + 1],
    );
    expect(record.action).toBe('audit.exported');
    expect(JSON.parse(record.after_json)).toEqual({ format: 'jsonl', filters: {}, count: COUNT, throughSeq: COUNT });
  });

  it('streams a filtered trail (gaps in seq) as CSV with the right count', async () => {
    const file = await service.export(toAuditFilter({ action: 'thing.special' }), { action: 'thing.special' }, 'csv');
    const expected = Math.ceil(COUNT / 3);
    expect(file.count).toBe(expected);
    const lines = (await read(file.stream)).trimEnd().split('\n');
    expect(lines[0]).toBe(
      '\uFEFFtenantId,seq,at,actorId,actorEmail,ip,requestId,action,entityType,entityId,before,after,prevHash,hash',
    );
    expect(lines).toHaveLength(expected + 1);
    expect(lines.slice(1).map((l) => Number(l.split(',')[1]))).toEqual(
      Array.from({ length: expected }, (_, k) => 3 * k + 1),
    );
  });

  it('goes on within a seq window that holds more than a chunk', async () => {
    // Two records in three match: the window guessed for 5,000 matches holds exactly 5,000.
    const file = await service.export(toAuditFilter({ action: 'thing.changed' }), { action: 'thing.changed' }, 'jsonl');
    const expected = Array.from({ length: COUNT }, (_, i) => i + 1).filter((seq) => (seq - 1) % 3 !== 0);
    expect(file.count).toBe(expected.length);
    const seqs = (await read(file.stream))
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as AuditEvent).seq);
    expect(seqs).toEqual(expected);
  });

  it('verifies a chain longer than a page of the check', async () => {
    expect(await service.check()).toEqual({ ok: true, checked: COUNT + 3, firstBrokenSeq: null, reason: null });
  });
});
