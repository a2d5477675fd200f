import type { Role } from '@billinator/contracts';
import type { AuditEntry, AuditService } from '../audit/audit.service';
import type { PasswordService } from '../auth/password.service';
import type { SessionCache } from '../auth/session-cache';
import type { SessionsRepository } from '../auth/sessions.repository';
import type { Database } from '../database/database.port';
import type { RequestContext } from '../tenancy/request-context';
import type { UserRow, UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Typed in-memory stand-ins for the service's collaborators: the rules are what is tested here. */
function setup(actorRole: Role = 'owner') {
  const rows = new Map<string, UserRow>();
  const add = (id: string, role: Role, active = true) =>
    rows.set(id, {
      id,
      tenant_id: 't1',
      email: `${id}@example.test`,
      name: id,
      password_hash: 'hash',
      role,
      active,
      failed_logins: 0,
      locked_until: null,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
      version: 1,
    });
  add('me', actorRole);
  const users: Partial<UsersRepository> = {
    findById: async (id) => rows.get(id) ?? null,
    countActiveOwners: async () => [...rows.values()].filter((r) => r.role === 'owner' && r.active).length,
    update: async (id, version, changes) => {
      const row = rows.get(id);
      if (!row || row.version !== version) return false;
      rows.set(id, { ...row, ...changes, version: version + 1 });
      return true;
    },
  };
  const revoked: string[] = [];
  const sessions: Partial<SessionsRepository> = {
    revokeAllOfUser: async (userId) => {
      revoked.push(userId);
      return 1;
    },
  };
  const audited: AuditEntry[] = [];
  const audit: Partial<AuditService> = { record: async (entry) => void audited.push(entry) };
  const db: Partial<Database> = { transaction: async (_key, work) => work() };
  const context = {
    tenantId: 't1',
    actor: { userId: 'me', tenantId: 't1', email: 'me@example.test', role: actorRole, sessionId: 's' },
  } as unknown as RequestContext;
  const cache: Partial<SessionCache> = { forgetUser: () => undefined };
  const service = new UsersService(
    db as Database,
    users as UsersRepository,
    sessions as SessionsRepository,
    {} as PasswordService,
    audit as AuditService,
    context,
    cache as SessionCache,
  );
  return { service, add, rows, revoked, audited };
}

describe('UsersService rules', () => {
  it('changes a role and audits before and after', async () => {
    const { service, add, audited } = setup();
    add('sam', 'sales');
    const updated = await service.update('sam', { role: 'accountant', version: 1 });
    expect(updated).toMatchObject({ role: 'accountant', version: 2 });
    expect(audited).toEqual([
      expect.objectContaining({
        action: 'user.role_changed',
        entityId: 'sam',
        before: { name: 'sam', role: 'sales', active: true },
        after: { name: 'sam', role: 'accountant', active: true },
      }),
    ]);
  });

  it('ends the sessions of a user it deactivates', async () => {
    const { service, add, revoked, audited } = setup();
    add('sam', 'sales');
    await service.update('sam', { active: false, version: 1 });
    expect(revoked).toEqual(['sam']);
    expect(audited[0].action).toBe('user.deactivated');
  });

  it('refuses a stale version and changes nothing', async () => {
    const { service, add, rows, audited } = setup();
    add('sam', 'sales');
    await expect(service.update('sam', { role: 'auditor', version: 7 })).rejects.toMatchObject({ status: 409 });
    expect(rows.get('sam')!.role).toBe('sales');
    expect(audited).toEqual([]);
  });

  it('does not let anyone change their own role or deactivate themselves', async () => {
    const { service } = setup();
    await expect(service.update('me', { role: 'sales', version: 1 })).rejects.toMatchObject({ status: 422 });
    await expect(service.update('me', { active: false, version: 1 })).rejects.toMatchObject({ status: 422 });
  });

  it('keeps at least one active owner', async () => {
    const { service, add } = setup('owner');
    add('other-owner', 'owner', false);
    add('co-owner', 'owner');
    await service.update('co-owner', { role: 'admin', version: 1 });
    // 'me' is now the last active owner; another owner cannot demote it either
    const second = setup('owner');
    second.add('solo', 'owner');
    second.rows.set('me', { ...second.rows.get('me')!, role: 'admin' });
    await expect(second.service.update('solo', { active: false, version: 1 })).rejects.toMatchObject({ status: 422 });
  });

  it('lets only an owner touch an owner or grant ownership', async () => {
    const { service, add } = setup('admin');
    add('boss', 'owner');
    add('sam', 'sales');
    await expect(service.update('boss', { role: 'sales', version: 1 })).rejects.toMatchObject({ status: 403 });
    await expect(service.update('sam', { role: 'owner', version: 1 })).rejects.toMatchObject({ status: 403 });
    await expect(service.update('boss', { name: 'The Boss', version: 1 })).resolves.toMatchObject({ name: 'The Boss' });
  });

  it('answers 404 for a user it cannot see', async () => {
    const { service } = setup();
    await expect(service.get('ghost')).rejects.toMatchObject({ status: 404 });
  });
});
