import { Injectable } from '@nestjs/common';
import type { AuditActor } from '@billinator/contracts';
import { AuditRepository } from './audit.repository';

interface Directory {
  /** The chain head this directory covers: records 1..seq. */
  seq: number;
  actors: Map<string, { email: string | null; lastSeq: number }>;
  actions: Set<string>;
}

/** Tenants whose directory is kept; the least recently read is dropped first. */
const MAX_TENANTS = 200;

/**
 * Who and what appears in a tenant's trail (the actor and action filter lists). The trail is
 * append-only, so the lists only grow: each read asks for the chain head and reads just the
 * records written since the last read (one scan of the whole trail the first time). Keyed by
 * the head in the database, not by this process, so every replica answers the same.
 */
@Injectable()
export class AuditDirectory {
  private readonly directories = new Map<string, Directory>();

  constructor(private readonly repository: AuditRepository) {}

  async actors(tenantId: string): Promise<AuditActor[]> {
    const directory = await this.read(tenantId);
    return [...directory.actors.entries()]
      .map(([id, a]) => ({ id, email: a.email }))
      .sort((a, b) => (a.email ?? '').localeCompare(b.email ?? '') || a.id.localeCompare(b.id));
  }

  async actions(tenantId: string): Promise<string[]> {
    const directory = await this.read(tenantId);
    return [...directory.actions].sort();
  }

  private async read(tenantId: string): Promise<Directory> {
    const through = (await this.repository.head(tenantId))?.seq ?? 0;
    let directory = this.directories.get(tenantId);
    // A head behind the directory means another database (a restore): start again.
    if (!directory || directory.seq > through) directory = { seq: 0, actors: new Map(), actions: new Set() };
    if (directory.seq < through) {
      const rows = await this.repository.directory(tenantId, directory.seq, through);
      const next: Directory = { seq: through, actors: new Map(directory.actors), actions: new Set(directory.actions) };
      for (const row of rows) {
        next.actions.add(row.action);
        if (row.actor_id === null) continue;
        const known = next.actors.get(row.actor_id);
        if (!known || row.last_seq > known.lastSeq) {
          next.actors.set(row.actor_id, { email: row.actor_email, lastSeq: row.last_seq });
        }
      }
      directory = next;
    }
    const stored = this.directories.get(tenantId);
    if (!stored || stored.seq <= directory.seq) {
      this.directories.delete(tenantId);
      this.directories.set(tenantId, directory);
      if (this.directories.size > MAX_TENANTS) this.directories.delete(this.directories.keys().next().value as string);
    }
    return directory;
  }
}
