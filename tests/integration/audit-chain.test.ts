import { AuditDirectory } from '../../backend/src/audit/audit-directory';
import { AuditBlockIndex } from '../../backend/src/audit/audit-block-index';
import { AuditRepository } from '../../backend/src/audit/audit.repository';
import { AuditService } from '../../backend/src/audit/audit.service';
import type { Database } from '../../backend/src/database/database.port';
import { MIGRATIONS } from '../../backend/src/database/migrations';
import { migrate } from '../../backend/src/database/migrator';
import type { RequestContext } from '../../backend/src/tenancy/request-context';
import { TenantsRepository } from '../../backend/src/tenancy/tenants.repository';
import { ENGINES, TestDatabase } from '../support/databases';

/** A request context as the interceptor would leave it (not a database stand-in). */
function contextFor(tenantId: string): RequestContext {
  return {
    tenantId,
    actor: { userId: 'u-1', tenantId, email: 'owner@example.test', role: 'owner', sessionId: 's-1' },
    ip: '10.0.0.1',
    requestId: 'req-1',
  } as unknown as RequestContext;
}

describe.each(ENGINES)('audit chain on %s', (_name, create) => {
  let handle: TestDatabase;
  let db: Database;
  let audit: (tenantId: string) => AuditService;

  beforeAll(async () => {
    handle = create();
    db = await handle.open();
    await migrate(db, MIGRATIONS);
    const repository = new AuditRepository(db);
    const directory = new AuditDirectory(repository);
    const tenants = new TenantsRepository(db);
    audit = (tenantId) =>
      new AuditService(repository, contextFor(tenantId), db, directory, new AuditBlockIndex(repository), tenants);
  });

  afterAll(async () => {
    await db.close();
    await handle.dispose();
  });

  async function write(tenantId: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      await db.transaction(tenantId, () =>
        audit(tenantId).record({
          action: 'thing.changed',
          entityType: 'thing',
          entityId: `thing-${i}`,
          before: { n: i, nested: { z: 1, a: [1, 2] } },
          after: { n: i + 1, password: 'never stored' },
        }),
      );
    }
  }

  it('keeps one gapless chain per tenant and verifies it, recording each check in the chain', async () => {
    await write('tenant-a', 5);
    await write('tenant-b', 3);
    expect(await audit('tenant-a').verify()).toEqual({ ok: true, checked: 5, firstBrokenSeq: null, reason: null });
    expect(await audit('tenant-b').verify()).toEqual({ ok: true, checked: 3, firstBrokenSeq: null, reason: null });
    const rows = await db.query<{ seq: number; action: string; after_json: string }>(
      "SELECT seq, action, after_json FROM audit_log WHERE tenant_id = 'tenant-a' ORDER BY seq",
    );
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0].after_json).toBe('{"n":1,"password":"[redacted]"}');
    // The check itself is the next record, written after it ran (so it checked 5, not 6).
    expect(rows[5]).toMatchObject({
      action: 'audit.verified',
      after_json: '{"checked":5,"firstBrokenSeq":null,"ok":true,"reason":null}',
    });
    expect(await audit('tenant-a').verify()).toMatchObject({ ok: true, checked: 6 });
  });

  it('chains on from a head another replica moved, or a rolled-back write left behind', async () => {
    const replicas = [audit('tenant-r'), audit('tenant-r')];
    const record = (replica: AuditService, n: number) =>
      replica.record({ action: 'thing.changed', entityType: 'thing', entityId: `thing-${n}`, after: { n } });
    for (let n = 0; n < 6; n++) await db.transaction('tenant-r', () => record(replicas[n % 2], n));
    // A change that fails after its audit record: the record and the head move roll back.
    await expect(
      db.transaction('tenant-r', async () => {
        await record(replicas[0], 99);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await db.transaction('tenant-r', () => record(replicas[0], 6));
    await db.transaction('tenant-r', () => record(replicas[1], 7));
    const rows = await db.query<{ seq: number; entity_id: string }>(
      "SELECT seq, entity_id FROM audit_log WHERE tenant_id = 'tenant-r' ORDER BY seq",
    );
    expect(rows.map((r) => [Number(r.seq), r.entity_id])).toEqual(
      Array.from({ length: 8 }, (_, n) => [n + 1, `thing-${n}`]),
    );
    expect(await replicas[1].verify()).toEqual({ ok: true, checked: 8, firstBrokenSeq: null, reason: null });
  });

  it('numbers concurrent writers of one tenant without gaps or duplicates', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction('tenant-c', () =>
          audit('tenant-c').record({ action: 'x', entityType: 'y', entityId: String(i) }),
        ),
      ),
    );
    expect(await audit('tenant-c').verify()).toMatchObject({ ok: true, checked: 20 });
  });

  it('names exactly the record whose content was altered', async () => {
    await write('tenant-d', 6);
    await db.execute("UPDATE audit_log SET after_json = $1 WHERE tenant_id = 'tenant-d' AND seq = 4", [
      '{"n":99,"password":"[redacted]"}',
    ]);
    const result = await audit('tenant-d').verify();
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 4, checked: 3 });
    expect(result.reason).toMatch(/record 4 was altered/);
    // A broken check is recorded too, with its result.
    const [last] = await db.query<{ seq: number; action: string; after_json: string }>(
      "SELECT seq, action, after_json FROM audit_log WHERE tenant_id = 'tenant-d' ORDER BY seq DESC LIMIT 1",
    );
    expect(Number(last.seq)).toBe(7);
    expect(last.action).toBe('audit.verified');
    expect(JSON.parse(last.after_json)).toMatchObject({ ok: false, firstBrokenSeq: 4 });
  });

  it('notices a replaced head record and records beyond the head', async () => {
    await write('tenant-h', 3);
    await db.execute("UPDATE audit_heads SET hash = $1 WHERE tenant_id = 'tenant-h'", ['f'.repeat(64)]);
    expect(await audit('tenant-h').check()).toMatchObject({ ok: false, firstBrokenSeq: 3, checked: 3 });
    const [second] = await db.query<{ hash: string }>(
      "SELECT hash FROM audit_log WHERE tenant_id = 'tenant-h' AND seq = 2",
    );
    await db.execute("UPDATE audit_heads SET seq = 2, hash = $1 WHERE tenant_id = 'tenant-h'", [second.hash]);
    expect(await audit('tenant-h').check()).toMatchObject({ ok: false, firstBrokenSeq: 3, checked: 2 });
  });

  it('notices a deleted record', async () => {
    await write('tenant-e', 4);
    await db.execute("DELETE FROM audit_log WHERE tenant_id = 'tenant-e' AND seq = 2");
    expect(await audit('tenant-e').verify()).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });

  it('notices a deleted tail', async () => {
    await write('tenant-f', 4);
    await db.execute("DELETE FROM audit_log WHERE tenant_id = 'tenant-f' AND seq = 4");
    expect(await audit('tenant-f').verify()).toMatchObject({
      ok: false,
      firstBrokenSeq: 4,
      reason: 'the chain ends at record 3 but 4 were written',
    });
  });

  it('refuses to write outside a transaction', async () => {
    await expect(audit('tenant-g').record({ action: 'x', entityType: 'y' })).rejects.toThrow(/inside the transaction/);
  });
});
