import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@billinator/contracts';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';
import { SessionCache } from './session-cache';

export interface SessionRow {
  id: string;
  tenant_id: string;
  user_id: string;
  refresh_hash: string;
  previous_refresh_hash: string | null;
  expires_at: string;
  revoked_at: string | null;
}

export interface SessionPrincipal {
  session_id: string;
  tenant_id: string;
  user_id: string;
  email: string;
  role: Role;
  user_active: boolean;
  revoked_at: string | null;
  expires_at: string;
}

export interface NewSession {
  id: string;
  tenantId: string;
  userId: string;
  refreshHash: string;
  ip: string | null;
  userAgent: string | null;
  at: string;
  expiresAt: string;
}

@Injectable()
export class SessionsRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly context: RequestContext,
    private readonly cache: SessionCache,
  ) {}

  /**
   * Looks a session up by its id before the request has a tenant (it is how the
   * tenant is learnt); the caller checks the tenant against the signed token.
   */
  async principal(sessionId: string): Promise<SessionPrincipal | null> {
    const rows = await this.db.query<SessionPrincipal>(
      `SELECT s.id AS session_id, s.tenant_id, s.user_id, u.email, u.role, u.active AS user_active, s.revoked_at, s.expires_at
       FROM sessions s JOIN users u ON u.id = s.user_id AND u.tenant_id = s.tenant_id
       WHERE s.id = $1`,
      [sessionId],
    );
    return rows[0] ?? null;
  }

  async findForRefresh(sessionId: string): Promise<SessionRow | null> {
    const rows = await this.db.query<SessionRow>(
      `SELECT id, tenant_id, user_id, refresh_hash, previous_refresh_hash, expires_at, revoked_at FROM sessions WHERE id = $1`,
      [sessionId],
    );
    return rows[0] ?? null;
  }

  async insert(session: NewSession): Promise<void> {
    await this.db.execute(
      `INSERT INTO sessions (id, tenant_id, user_id, refresh_hash, ip, user_agent, created_at, last_used_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)`,
      [
        session.id,
        session.tenantId,
        session.userId,
        session.refreshHash,
        session.ip,
        session.userAgent,
        session.at,
        session.expiresAt,
      ],
    );
  }

  async rotate(sessionId: string, previousHash: string, nextHash: string, at: string): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE sessions SET refresh_hash = $4, previous_refresh_hash = $3, last_used_at = $5
       WHERE tenant_id = $1 AND id = $2 AND refresh_hash = $3 AND revoked_at IS NULL`,
      [this.context.tenantId, sessionId, previousHash, nextHash, at],
    );
    return changed === 1;
  }

  async revoke(sessionId: string, reason: string, at: string): Promise<void> {
    this.cache.forgetSession(sessionId);
    await this.db.execute(
      `UPDATE sessions SET revoked_at = $3, revoked_reason = $4 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL`,
      [this.context.tenantId, sessionId, at, reason],
    );
  }

  async revokeAllOfUser(userId: string, reason: string, at: string): Promise<number> {
    this.cache.forgetUser(userId);
    return this.db.execute(
      `UPDATE sessions SET revoked_at = $3, revoked_reason = $4 WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [this.context.tenantId, userId, at, reason],
    );
  }
}
