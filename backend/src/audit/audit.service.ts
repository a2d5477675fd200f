import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  AUDIT_GENESIS_HASH,
  AuditEvent,
  AuditHashInput,
  AuditVerification,
  auditHashPayload,
  canonicalJson,
} from '@billinator/contracts';
import { DATABASE, Database } from '../database/database.port';
import { nowIso } from '../common/ids';
import { RequestContext } from '../tenancy/request-context';
import { AuditFilter, AuditRepository, AuditRow } from './audit.repository';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Defaults to the request's tenant. */
  tenantId?: string;
  /** Defaults to the request's actor; sign-up and login name the user themselves. */
  actor?: { id: string; email: string } | null;
}

const SENSITIVE_KEYS = /password|secret|token|hash/i;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SENSITIVE_KEYS.test(k) ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}

export function hashRecord(input: AuditHashInput): string {
  return createHash('sha256').update(auditHashPayload(input)).digest('hex');
}

function parse(json: string | null): unknown {
  return json === null ? null : (JSON.parse(json) as unknown);
}

export function toHashInput(row: AuditRow): AuditHashInput {
  return {
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    at: row.occurred_at,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    ip: row.ip,
    requestId: row.request_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: parse(row.before_json),
    after: parse(row.after_json),
    prevHash: row.prev_hash,
  };
}

export function toAuditEvent(row: AuditRow): AuditEvent {
  return { ...toHashInput(row), hash: row.hash };
}

/**
 * Writes the tamper-evident trail: one record per change, in the caller's
 * transaction, each carrying the hash of its predecessor in the tenant's chain.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly context: RequestContext,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.recordMany([entry]);
  }

  /** Appends several records to the chain with one head read and batched inserts (imports). */
  async recordMany(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    if (!this.db.inTransaction()) {
      throw new Error(`Audit record "${entries[0].action}" must be written inside the transaction of its change`);
    }
    const tenantId = entries[0].tenantId ?? this.context.tenantId;
    if (entries.some((e) => (e.tenantId ?? this.context.tenantId) !== tenantId)) {
      throw new Error('One batch of audit records belongs to one tenant');
    }
    const head = await this.repository.head(tenantId);
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? AUDIT_GENESIS_HASH;
    const at = nowIso();
    const rows: AuditRow[] = entries.map((entry) => {
      const actor =
        entry.actor !== undefined
          ? entry.actor
          : this.context.actor
            ? { id: this.context.actor.userId, email: this.context.actor.email }
            : null;
      const before = entry.before === undefined ? null : redact(entry.before);
      const after = entry.after === undefined ? null : redact(entry.after);
      const input: AuditHashInput = {
        tenantId,
        seq: ++seq,
        at,
        actorId: actor?.id ?? null,
        actorEmail: actor?.email ?? null,
        ip: this.context.ip,
        requestId: this.context.requestId,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        before,
        after,
        prevHash,
      };
      prevHash = hashRecord(input);
      return {
        tenant_id: tenantId,
        seq: input.seq,
        occurred_at: input.at,
        actor_id: input.actorId,
        actor_email: input.actorEmail,
        ip: input.ip,
        request_id: input.requestId,
        action: input.action,
        entity_type: input.entityType,
        entity_id: input.entityId,
        before_json: before === null ? null : canonicalJson(before),
        after_json: after === null ? null : canonicalJson(after),
        prev_hash: input.prevHash,
        hash: prevHash,
      };
    });
    await this.repository.append(rows, head === null);
  }

  async list(filter: AuditFilter, limit: number, offset: number): Promise<{ items: AuditEvent[]; total: number }> {
    const { rows, total } = await this.repository.list(this.context.tenantId, filter, limit, offset);
    return { items: rows.map(toAuditEvent), total };
  }

  /** Recomputes the tenant's chain and names the first record that does not fit. */
  async verify(tenantId = this.context.tenantId): Promise<AuditVerification> {
    let expectedPrev = AUDIT_GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    for (;;) {
      const page = await this.repository.chainPage(tenantId, expectedSeq - 1, 5000);
      if (page.length === 0) break;
      for (const row of page) {
        const seq = Number(row.seq);
        const broken = (reason: string): AuditVerification => ({ ok: false, checked, firstBrokenSeq: seq, reason });
        if (seq !== expectedSeq) return { ...broken(`record ${expectedSeq} is missing`), firstBrokenSeq: expectedSeq };
        if (row.prev_hash !== expectedPrev)
          return broken(`record ${seq} does not point to the hash of record ${seq - 1}`);
        let input: AuditHashInput;
        try {
          input = toHashInput(row);
        } catch {
          return broken(`record ${seq} holds unreadable before/after data`);
        }
        if (hashRecord(input) !== row.hash)
          return broken(`record ${seq} was altered: its content no longer matches its hash`);
        expectedPrev = row.hash;
        expectedSeq++;
        checked++;
      }
    }
    const head = await this.repository.head(tenantId);
    if (head && head.seq !== checked) {
      return {
        ok: false,
        checked,
        firstBrokenSeq: checked + 1,
        reason: `the chain ends at record ${checked} but ${head.seq} were written`,
      };
    }
    return { ok: true, checked, firstBrokenSeq: null, reason: null };
  }
}
