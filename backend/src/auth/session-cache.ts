import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { SessionPrincipal } from './sessions.repository';

interface Entry {
  principal: SessionPrincipal;
  expiresAt: number;
}

const MAX_ENTRIES = 10_000;

/**
 * Remembers validated sessions for a few seconds so that an authenticated request
 * does not pay a database round trip before its real work. This process forgets
 * a session or user at once when it ends or changes it; other replicas notice
 * within `SESSION_CACHE_SECONDS` (0 turns the cache off).
 */
@Injectable()
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.ttlMs = config.sessionCacheSeconds * 1000;
  }

  get(sessionId: string): SessionPrincipal | null {
    const entry = this.entries.get(sessionId);
    if (!entry) return null;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(sessionId);
      return null;
    }
    return entry.principal;
  }

  set(principal: SessionPrincipal): void {
    if (this.ttlMs === 0) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(principal.session_id, { principal, expiresAt: Date.now() + this.ttlMs });
  }

  forgetSession(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  forgetUser(userId: string): void {
    for (const [id, entry] of this.entries) if (entry.principal.user_id === userId) this.entries.delete(id);
  }
}
