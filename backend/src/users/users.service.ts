import { Inject, Injectable } from '@nestjs/common';
import { assignableRoles, ListResponse, Role, User } from '@billinator/contracts';
import { DATABASE, Database, UniqueViolationError } from '../database/database.port';
import { newId, nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { staleVersion } from '../common/versioning';
import { AuditService } from '../audit/audit.service';
import { PasswordService } from '../auth/password.service';
import { SessionCache } from '../auth/session-cache';
import { SessionsRepository } from '../auth/sessions.repository';
import { RequestContext } from '../tenancy/request-context';
import type { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/users.dto';
import { toUser, UserRow, UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
    private readonly sessionCache: SessionCache,
  ) {}

  async list(query: ListUsersQueryDto): Promise<ListResponse<User>> {
    const { rows, total } = await this.users.list(query.q, query.sortField, query.sortDesc, query.limit, query.offset);
    return { items: rows.map(toUser), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<User> {
    return toUser(await this.require(id));
  }

  async create(dto: CreateUserDto): Promise<User> {
    this.assertMayGrant(dto.role);
    if (await this.users.emailExists(dto.email)) throw this.emailTaken(dto.email);
    const passwordHash = await this.passwords.hash(dto.password);
    const id = newId();
    const tenantId = this.context.tenantId;
    try {
      await this.db.transaction(tenantId, async () => {
        await this.users.insert({
          id,
          tenantId,
          email: dto.email,
          name: dto.name,
          passwordHash,
          role: dto.role,
          at: nowIso(),
        });
        await this.audit.record({
          action: 'user.created',
          entityType: 'user',
          entityId: id,
          after: { email: dto.email, name: dto.name, role: dto.role, active: true },
        });
      });
    } catch (error) {
      if (error instanceof UniqueViolationError) throw this.emailTaken(dto.email);
      throw error;
    }
    return this.get(id);
  }

  async update(id: string, dto: UpdateUserDto): Promise<User> {
    const tenantId = this.context.tenantId;
    await this.db.transaction(tenantId, async () => {
      const current = await this.require(id);
      if (Number(current.version) !== dto.version) throw this.stale(current);
      const next = {
        name: dto.name ?? current.name,
        role: dto.role ?? current.role,
        active: dto.active ?? current.active,
      };
      await this.assertMayChange(current, next);
      const at = nowIso();
      if (!(await this.users.update(id, dto.version, next, at))) throw this.stale(current);
      const before = { name: current.name, role: current.role, active: current.active };
      if (current.active && !next.active) await this.sessions.revokeAllOfUser(id, 'deactivated', at);
      await this.audit.record({
        action: this.actionFor(before, next),
        entityType: 'user',
        entityId: id,
        before,
        after: next,
      });
    });
    // Again after the commit: a request may have cached the old role meanwhile.
    this.sessionCache.forgetUser(id);
    return this.get(id);
  }

  private actionFor(before: { role: Role; active: boolean }, after: { role: Role; active: boolean }): string {
    if (before.active !== after.active) return after.active ? 'user.reactivated' : 'user.deactivated';
    if (before.role !== after.role) return 'user.role_changed';
    return 'user.updated';
  }

  private async assertMayChange(current: UserRow, next: { role: Role; active: boolean }): Promise<void> {
    const actor = this.context.actor!;
    const changesAccess = next.role !== current.role || next.active !== current.active;
    if (current.id === actor.userId && changesAccess) {
      throw new ProblemException(
        422,
        'unprocessable',
        'You cannot change your own role or deactivate yourself; ask another owner or admin',
      );
    }
    if (current.role === 'owner' && actor.role !== 'owner' && changesAccess) {
      throw new ProblemException(403, 'forbidden', 'Only an owner can change the role or status of an owner');
    }
    if (next.role !== current.role) this.assertMayGrant(next.role);
    const losesOwner = current.role === 'owner' && current.active && (next.role !== 'owner' || !next.active);
    if (losesOwner && (await this.users.countActiveOwners()) <= 1) {
      throw new ProblemException(422, 'unprocessable', 'A business needs at least one active owner');
    }
  }

  private assertMayGrant(role: Role): void {
    const actorRole = this.context.actor!.role;
    if (!assignableRoles(actorRole).includes(role)) {
      throw new ProblemException(403, 'forbidden', `Your role (${actorRole}) cannot grant the role "${role}"`);
    }
  }

  private async require(id: string): Promise<UserRow> {
    const row = await this.users.findById(id);
    if (!row) throw new ProblemException(404, 'not_found', `No user with id ${id}`);
    return row;
  }

  private stale(current: UserRow): ProblemException {
    return staleVersion('user', Number(current.version));
  }

  private emailTaken(email: string): ProblemException {
    return new ProblemException(409, 'conflict', `A user with the e-mail ${email} already exists`, [
      { field: 'email', message: 'is already registered' },
    ]);
  }
}
