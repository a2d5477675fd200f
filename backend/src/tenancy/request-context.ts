import { Injectable, NotFoundException } from '@nestjs/common';
import { ClsService, ClsStore } from 'nestjs-cls';
import type { Role } from '@billinator/contracts';

export interface Actor {
  userId: string;
  tenantId: string;
  email: string;
  role: Role;
  sessionId: string;
}

export interface RequestStore extends ClsStore {
  requestId: string;
  ip: string | null;
  actor: Actor | null;
  /** Set for unauthenticated commands that act inside one tenant (sign-up, login). */
  tenantId: string | null;
}

/**
 * The request-scoped context (AsyncLocalStorage through nestjs-cls): request id,
 * client IP, the authenticated actor and its tenant. Repositories read the tenant
 * only from here, never from client input.
 */
@Injectable()
export class RequestContext {
  constructor(private readonly cls: ClsService<RequestStore>) {}

  get requestId(): string | null {
    return this.cls.isActive() ? (this.cls.get('requestId') ?? null) : null;
  }

  get ip(): string | null {
    return this.cls.isActive() ? (this.cls.get('ip') ?? null) : null;
  }

  get actor(): Actor | null {
    return this.cls.isActive() ? (this.cls.get('actor') ?? null) : null;
  }

  /** The current tenant; a request without one cannot reach tenant data. */
  get tenantId(): string {
    const tenantId = this.actor?.tenantId ?? (this.cls.isActive() ? this.cls.get('tenantId') : null);
    if (!tenantId) throw new NotFoundException('No tenant in this request');
    return tenantId;
  }

  setActor(actor: Actor): void {
    this.cls.set('actor', actor);
  }

  /** Used by sign-up and login, which act inside a tenant before anyone is authenticated. */
  enterTenant(tenantId: string): void {
    this.cls.set('tenantId', tenantId);
  }

  /** Runs work in a fresh context (seeding, scripts) that acts as the given tenant. */
  runAs<T>(tenantId: string, actor: Actor | null, work: () => Promise<T>): Promise<T> {
    return this.cls.run(async () => {
      this.cls.set('requestId', null as unknown as string);
      this.cls.set('ip', null);
      this.cls.set('actor', actor);
      this.cls.set('tenantId', tenantId);
      return work();
    });
  }
}
