import { Inject, Injectable } from '@nestjs/common';
import type { Role, User } from '@billinator/contracts';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';
import { SessionCache } from '../auth/session-cache';

export interface UserRow {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  active: boolean;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface NewUser {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  at: string;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

const COLUMNS =
  'id, tenant_id, email, name, password_hash, role, active, failed_logins, locked_until, created_at, updated_at, version';

export const USER_SORTS = { name: 'name', email: 'email', role: 'role', createdAt: 'created_at' } as const;
export type UserSort = keyof typeof USER_SORTS;

@Injectable()
export class UsersRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly context: RequestContext,
    private readonly sessionCache: SessionCache,
  ) {}

  /**
   * The one lookup that is not scoped by tenant: sign-in by e-mail, which is
   * unique across the deployment and tells us the tenant.
   */
  async findByEmailForLogin(email: string): Promise<UserRow | null> {
    const rows = await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE email = $1`, [email.toLowerCase()]);
    return rows[0] ?? null;
  }

  async emailExists(email: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 AS found FROM users WHERE email = $1', [email.toLowerCase()]);
    return rows.length > 0;
  }

  async findById(id: string): Promise<UserRow | null> {
    const rows = await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE tenant_id = $1 AND id = $2`, [
      this.context.tenantId,
      id,
    ]);
    return rows[0] ?? null;
  }

  async list(q: string | undefined, sort: UserSort, desc: boolean, limit: number, offset: number) {
    const params: (string | number)[] = [this.context.tenantId];
    let where = 'tenant_id = $1';
    if (q) {
      params.push(`%${q.toLowerCase()}%`);
      where += ` AND (lower(name) LIKE $2 OR email LIKE $2)`;
    }
    const [count] = await this.db.query<{ total: number }>(
      `SELECT count(*) AS total FROM users WHERE ${where}`,
      params,
    );
    const order = `${USER_SORTS[sort]} ${desc ? 'DESC' : 'ASC'}, id`;
    const rows = await this.db.query<UserRow>(
      `SELECT ${COLUMNS} FROM users WHERE ${where} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { rows, total: Number(count?.total ?? 0) };
  }

  async countActiveOwners(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM users WHERE tenant_id = $1 AND role = 'owner' AND active = TRUE`,
      [this.context.tenantId],
    );
    return Number(row?.n ?? 0);
  }

  async insert(user: NewUser): Promise<void> {
    await this.db.execute(
      `INSERT INTO users (id, tenant_id, email, name, password_hash, role, active, failed_logins, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, TRUE, 0, $7, $7, 1)`,
      [user.id, user.tenantId, user.email.toLowerCase(), user.name, user.passwordHash, user.role, user.at],
    );
  }

  /** Optimistic update: answers false when the row moved past `version`. */
  async update(
    id: string,
    version: number,
    changes: { name: string; role: Role; active: boolean },
    at: string,
  ): Promise<boolean> {
    this.sessionCache.forgetUser(id);
    const changed = await this.db.execute(
      `UPDATE users SET name = $4, role = $5, active = $6, updated_at = $7, version = version + 1
       WHERE tenant_id = $1 AND id = $2 AND version = $3`,
      [this.context.tenantId, id, version, changes.name, changes.role, changes.active, at],
    );
    return changed === 1;
  }

  async setPassword(id: string, passwordHash: string, at: string): Promise<void> {
    await this.db.execute(
      `UPDATE users SET password_hash = $3, updated_at = $4, version = version + 1 WHERE tenant_id = $1 AND id = $2`,
      [this.context.tenantId, id, passwordHash, at],
    );
  }

  async recordFailedLogin(id: string, failedLogins: number, lockedUntil: string | null): Promise<void> {
    await this.db.execute(`UPDATE users SET failed_logins = $3, locked_until = $4 WHERE tenant_id = $1 AND id = $2`, [
      this.context.tenantId,
      id,
      failedLogins,
      lockedUntil,
    ]);
  }

  async clearFailedLogins(id: string): Promise<void> {
    await this.db.execute(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE tenant_id = $1 AND id = $2`, [
      this.context.tenantId,
      id,
    ]);
  }
}
