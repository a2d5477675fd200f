import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CurrentUser, Role } from '@billinator/contracts';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DATABASE, Database, UniqueViolationError } from '../database/database.port';
import { newId, nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { AuditService } from '../audit/audit.service';
import { RequestContext } from '../tenancy/request-context';
import { TenantsRepository } from '../tenancy/tenants.repository';
import { UserRow, UsersRepository } from '../users/users.repository';
import type { ChangePasswordDto, LoginDto, SignupDto } from './dto/auth.dto';
import { PasswordService } from './password.service';
import { SessionCache } from './session-cache';
import { SessionsRepository } from './sessions.repository';
import { TokensService } from './tokens.service';

/** What a successful sign-in hands to the controller to put into cookies. */
export interface IssuedSession {
  user: CurrentUser;
  accessToken: string;
  refreshToken: string;
}

const INVALID_CREDENTIALS = 'Email or password is incorrect';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly tenants: TenantsRepository,
    private readonly sessions: SessionsRepository,
    private readonly passwords: PasswordService,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
    private readonly sessionCache: SessionCache,
  ) {}

  /** Creates a tenant and its owner, and signs the owner in. */
  async signup(dto: SignupDto, userAgent: string | null): Promise<IssuedSession> {
    if (await this.users.emailExists(dto.email)) throw this.emailTaken(dto.email);
    const passwordHash = await this.passwords.hash(dto.password);
    const tenantId = newId();
    const userId = newId();
    const at = nowIso();
    this.context.enterTenant(tenantId);
    try {
      return await this.db.transaction(tenantId, async () => {
        const tenant = {
          id: tenantId,
          name: dto.tenantName,
          currency: dto.currency ?? 'EUR',
          taxId: dto.taxId ?? null,
          address: dto.address ?? null,
          invoicePrefix: dto.invoicePrefix ?? 'INV',
        };
        await this.tenants.insert({ ...tenant, createdAt: at });
        await this.users.insert({
          id: userId,
          tenantId,
          email: dto.email,
          name: dto.name,
          passwordHash,
          role: 'owner',
          at,
        });
        const actor = { id: userId, email: dto.email };
        await this.audit.record({
          action: 'tenant.created',
          entityType: 'tenant',
          entityId: tenantId,
          after: tenant,
          actor,
        });
        await this.audit.record({
          action: 'user.created',
          entityType: 'user',
          entityId: userId,
          after: { email: dto.email, name: dto.name, role: 'owner', active: true },
          actor,
        });
        return this.openSession(
          { id: userId, tenant_id: tenantId, email: dto.email, name: dto.name, role: 'owner' },
          userAgent,
        );
      });
    } catch (error) {
      if (error instanceof UniqueViolationError) throw this.emailTaken(dto.email);
      throw error;
    }
  }

  async login(dto: LoginDto, userAgent: string | null): Promise<IssuedSession> {
    const user = await this.users.findByEmailForLogin(dto.email);
    const passwordOk = await this.passwords.verify(dto.password, user?.password_hash ?? null);
    if (!user) {
      this.logger.warn({ event: 'login_failed', reason: 'unknown_email' }, 'sign-in failed');
      throw new ProblemException(401, 'unauthenticated', INVALID_CREDENTIALS);
    }
    this.context.enterTenant(user.tenant_id);
    const now = new Date();
    const lockedUntil = user.locked_until ? new Date(user.locked_until) : null;
    if (lockedUntil && lockedUntil > now) {
      await this.db.transaction(user.tenant_id, () =>
        this.audit.record({
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          after: { reason: 'account_locked' },
          actor: { id: user.id, email: user.email },
        }),
      );
      throw this.locked(lockedUntil, now);
    }
    if (!passwordOk) {
      const failures = (lockedUntil ? 0 : Number(user.failed_logins)) + 1;
      const lockNow = failures >= this.config.loginMaxFailures;
      const until = lockNow ? new Date(now.getTime() + this.config.loginLockMinutes * 60_000) : null;
      await this.db.transaction(user.tenant_id, async () => {
        await this.users.recordFailedLogin(user.id, lockNow ? 0 : failures, until?.toISOString() ?? null);
        await this.audit.record({
          action: lockNow ? 'auth.account_locked' : 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          after: { reason: 'wrong_password', consecutiveFailures: failures },
          actor: { id: user.id, email: user.email },
        });
      });
      if (until) throw this.locked(until, now);
      throw new ProblemException(401, 'unauthenticated', INVALID_CREDENTIALS);
    }
    if (!user.active) {
      throw new ProblemException(401, 'unauthenticated', 'This account is deactivated; ask an administrator');
    }
    return this.db.transaction(user.tenant_id, async () => {
      if (Number(user.failed_logins) > 0 || user.locked_until) await this.users.clearFailedLogins(user.id);
      const session = await this.openSession(user, userAgent);
      await this.audit.record({
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        actor: { id: user.id, email: user.email },
      });
      return session;
    });
  }

  /** Rotates the refresh token; presenting an already-rotated one ends the session (token theft). */
  async refresh(refreshToken: string | undefined): Promise<IssuedSession> {
    const parsed = this.tokens.parseRefresh(refreshToken);
    const expired = new ProblemException(401, 'unauthenticated', 'Your session has ended; sign in again');
    if (!parsed) throw expired;
    const session = await this.sessions.findForRefresh(parsed.sessionId);
    if (!session || session.revoked_at || new Date(session.expires_at) <= new Date()) throw expired;
    this.context.enterTenant(session.tenant_id);
    const presented = this.tokens.hashSecret(parsed.secret);
    if (!this.tokens.sameHash(presented, session.refresh_hash)) {
      if (this.tokens.sameHash(presented, session.previous_refresh_hash)) {
        await this.db.transaction(session.tenant_id, async () => {
          await this.sessions.revoke(session.id, 'refresh_token_reused', nowIso());
          await this.audit.record({
            action: 'auth.session_revoked',
            entityType: 'session',
            entityId: session.id,
            after: { reason: 'refresh_token_reused' },
            actor: null,
          });
        });
      }
      throw expired;
    }
    const user = await this.users.findById(session.user_id);
    if (!user || !user.active) throw expired;
    return this.db.transaction(session.tenant_id, async () => {
      const next = this.tokens.newRefresh(session.id);
      const rotated = await this.sessions.rotate(session.id, presented, next.hash, nowIso());
      if (!rotated) throw expired;
      return {
        user: await this.currentUser(user),
        accessToken: this.tokens.signAccess({ sub: user.id, tid: user.tenant_id, sid: session.id }),
        refreshToken: next.token,
      };
    });
  }

  /** Ends the session named by the refresh cookie (sent even when the access token has expired). */
  async logout(refreshToken: string | undefined): Promise<void> {
    const parsed = this.tokens.parseRefresh(refreshToken);
    const session = parsed ? await this.sessions.findForRefresh(parsed.sessionId) : null;
    if (!session || !parsed || session.revoked_at) return; // nothing to end; logging out is idempotent
    const presented = this.tokens.hashSecret(parsed.secret);
    if (!this.tokens.sameHash(presented, session.refresh_hash)) return;
    this.context.enterTenant(session.tenant_id);
    const user = await this.users.findById(session.user_id);
    await this.db.transaction(session.tenant_id, async () => {
      await this.sessions.revoke(session.id, 'logout', nowIso());
      await this.audit.record({
        action: 'auth.logout',
        entityType: 'session',
        entityId: session.id,
        actor: user ? { id: user.id, email: user.email } : null,
      });
    });
    this.sessionCache.forgetSession(session.id);
  }

  async me(): Promise<CurrentUser> {
    const actor = this.context.actor!;
    const user = await this.users.findById(actor.userId);
    if (!user) throw new ProblemException(404, 'not_found', 'Your user no longer exists');
    return this.currentUser(user);
  }

  /** Changes the password and ends every session of the user, this one included. */
  async changePassword(dto: ChangePasswordDto): Promise<void> {
    const actor = this.context.actor!;
    const user = await this.users.findById(actor.userId);
    if (!user) throw new ProblemException(404, 'not_found', 'Your user no longer exists');
    if (!(await this.passwords.verify(dto.currentPassword, user.password_hash))) {
      throw new ProblemException(400, 'validation_failed', 'The current password is incorrect', [
        { field: 'currentPassword', message: 'The current password is incorrect' },
      ]);
    }
    if (dto.currentPassword === dto.newPassword) {
      throw new ProblemException(400, 'validation_failed', 'Choose a new password that differs from the current one', [
        { field: 'newPassword', message: 'must differ from the current password' },
      ]);
    }
    const hash = await this.passwords.hash(dto.newPassword);
    await this.db.transaction(actor.tenantId, async () => {
      const at = nowIso();
      await this.users.setPassword(user.id, hash, at);
      const ended = await this.sessions.revokeAllOfUser(user.id, 'password_changed', at);
      await this.audit.record({
        action: 'auth.password_changed',
        entityType: 'user',
        entityId: user.id,
        after: { sessionsEnded: ended },
      });
    });
    this.sessionCache.forgetUser(user.id);
  }

  private async openSession(
    user: Pick<UserRow, 'id' | 'tenant_id' | 'email' | 'name' | 'role'>,
    userAgent: string | null,
  ): Promise<IssuedSession> {
    const sessionId = newId();
    const refresh = this.tokens.newRefresh(sessionId);
    const now = new Date();
    await this.sessions.insert({
      id: sessionId,
      tenantId: user.tenant_id,
      userId: user.id,
      refreshHash: refresh.hash,
      ip: this.context.ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
      at: now.toISOString(),
      expiresAt: this.tokens.refreshExpiry(now),
    });
    return {
      user: await this.currentUser(user),
      accessToken: this.tokens.signAccess({ sub: user.id, tid: user.tenant_id, sid: sessionId }),
      refreshToken: refresh.token,
    };
  }

  private async currentUser(user: Pick<UserRow, 'id' | 'tenant_id' | 'email' | 'name' | 'role'>): Promise<CurrentUser> {
    const tenant = await this.tenants.findById(user.tenant_id);
    if (!tenant) throw new ProblemException(404, 'not_found', 'Your business no longer exists');
    return { id: user.id, email: user.email, name: user.name, role: user.role as Role, tenant };
  }

  private emailTaken(email: string): ProblemException {
    return new ProblemException(
      409,
      'conflict',
      `An account with the e-mail ${email} already exists; sign in instead`,
      [{ field: 'email', message: 'is already registered' }],
    );
  }

  private locked(until: Date, now: Date): ProblemException {
    const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
    return new ProblemException(
      423,
      'account_locked',
      `Too many failed sign-in attempts: this account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}`,
    );
  }
}
