import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import {
  AUDIT_GENESIS_HASH,
  AuditActor,
  AuditEvent,
  AuditExportFormat,
  AuditHashInput,
  AuditVerification,
  auditHashPayload,
  canonicalJson,
} from '@billinator/contracts';
import { DATABASE, Database } from '../database/database.port';
import { nowIso } from '../common/ids';
import { RequestContext } from '../tenancy/request-context';
import { TenantsRepository } from '../tenancy/tenants.repository';
import { AuditDirectory } from './audit-directory';
import { AuditBlockIndex } from './audit-block-index';
import { CSV_HEADER, EXPORT_CONTENT_TYPES, csvLine, exportedRecord, jsonLine, slug } from './audit-export';
import { AuditMatchCache, CachedMatch, extendMatch } from './audit-match-cache';
import { AuditFilter, AuditHead, AuditMatch, AuditRepository, AuditRow, hasFilter } from './audit.repository';

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

/** Records read per query when exporting (a chunk of the file) and when verifying. */
const EXPORT_CHUNK = 5000;
const VERIFY_PAGE = 5000;
/** A cached match is brought up to date by counting the new records, up to this many; beyond, counted afresh. */
const MATCH_DELTA_MAX = 50_000;

export interface AuditExport {
  filename: string;
  contentType: string;
  count: number;
  stream: Readable;
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

/** A stored record as the API shows it; before/after text that is not JSON (tampering) shows as text. */
export function toAuditEvent(row: AuditRow): AuditEvent {
  return exportedRecord(row);
}

/**
 * Writes the tamper-evident trail: one record per change, in the caller's
 * transaction, each carrying the hash of its predecessor in the tenant's chain.
 */
/** At most this many tenants' chain heads are remembered. */
const MAX_CACHED_HEADS = 10_000;

@Injectable()
export class AuditService {
  private readonly matches = new AuditMatchCache();
  /** The last committed head of each tenant's chain, as this process knows it (see recordMany). */
  private readonly heads = new Map<string, AuditHead>();

  constructor(
    private readonly repository: AuditRepository,
    private readonly context: RequestContext,
    @Inject(DATABASE) private readonly db: Database,
    private readonly directory: AuditDirectory,
    private readonly blocks: AuditBlockIndex,
    private readonly tenants: TenantsRepository,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.recordMany([entry]);
  }

  /**
   * Appends records to the tenant's chain inside the caller's transaction. The head comes from
   * this process's memory of the last one it committed (saves a read per command); the head row
   * moves only if it still holds that record, so a head moved by another replica, or a
   * remembered one whose transaction rolled back, is read again and the records chained anew.
   */
  async recordMany(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    if (!this.db.inTransaction()) {
      throw new Error(`Audit record "${entries[0].action}" must be written inside the transaction of its change`);
    }
    const tenantId = entries[0].tenantId ?? this.context.tenantId;
    if (entries.some((e) => (e.tenantId ?? this.context.tenantId) !== tenantId)) {
      throw new Error('One batch of audit records belongs to one tenant');
    }
    const at = nowIso();
    let head = this.heads.get(tenantId) ?? (await this.repository.head(tenantId));
    let rows = this.chain(tenantId, head, entries, at);
    let last = rows[rows.length - 1];
    if (!(await this.repository.moveHead(tenantId, head, last))) {
      head = await this.repository.head(tenantId);
      rows = this.chain(tenantId, head, entries, at);
      last = rows[rows.length - 1];
      // Writers of a tenant hold its lock, so the head read inside it stays put.
      if (!(await this.repository.moveHead(tenantId, head, last))) {
        throw new Error(`The audit chain head of tenant ${tenantId} moved while its lock was held`);
      }
    }
    await this.repository.insert(rows);
    this.db.afterCommit(() => {
      if (this.heads.size >= MAX_CACHED_HEADS) this.heads.clear();
      this.heads.set(tenantId, { seq: last.seq, hash: last.hash });
    });
  }

  /** `entries` as the records that follow `head` (null: the chain's first records). */
  private chain(tenantId: string, head: AuditHead | null, entries: readonly AuditEntry[], at: string): AuditRow[] {
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? AUDIT_GENESIS_HASH;
    return entries.map((entry) => {
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
  }

  async list(filter: AuditFilter, limit: number, offset: number): Promise<{ items: AuditEvent[]; total: number }> {
    const tenantId = this.context.tenantId;
    const through = (await this.repository.head(tenantId))?.seq ?? 0;
    const narrowed = await this.blocks.narrow(tenantId, through, filter);
    const match = await this.matching(tenantId, filter, narrowed, through);
    if (offset >= match.total) return { items: [], total: match.total };
    let rows: AuditRow[];
    if (match.hi - match.lo + 1 === match.total) {
      // The matches are every record of lo..hi (always so without a filter): the page is a seq range.
      const hi = match.hi - offset;
      rows = await this.repository.range(tenantId, narrowed, Math.max(match.lo, hi - limit + 1), hi, 'DESC');
    } else if (narrowed.entityId !== undefined) {
      // An entity's records come from its index, a few at most: the page reads them whole.
      rows = await this.repository.page(tenantId, narrowed, [match.lo, match.hi], limit, offset);
    } else {
      rows = await this.windowedPage(tenantId, narrowed, match, limit, offset);
    }
    return { items: rows.map(toAuditEvent), total: match.total };
  }

  /**
   * How many records of 1..`through` match `filter`, and their lowest and highest seq, read with
   * `narrowed` (the same filter with its period as a seq range). A chain's seqs run 1..head
   * without gaps, so a plain seq range is counted without reading; otherwise the match cache
   * answers, or counts the records written since it last counted, or everything.
   */
  private async matching(
    tenantId: string,
    filter: AuditFilter,
    narrowed: AuditFilter,
    through: number,
  ): Promise<CachedMatch> {
    const { seqFrom = 1, seqTo = through, ...rest } = narrowed;
    if (!hasFilter(rest)) {
      const lo = Math.max(1, seqFrom);
      const hi = Math.min(through, seqTo);
      return hi >= lo ? { total: hi - lo + 1, lo, hi, through } : { total: 0, lo: 0, hi: 0, through };
    }
    const key = `${tenantId}\n${canonicalJson(filter)}`;
    const cached = this.matches.get(key);
    let match: CachedMatch;
    if (cached && cached.through === through) {
      match = cached;
    } else if (cached && cached.through < through && through - cached.through <= MATCH_DELTA_MAX) {
      const added = await this.repository.match(tenantId, narrowed, [cached.through + 1, through]);
      match = extendMatch(cached, added, through);
    } else {
      const counted =
        (await this.blocks.match(tenantId, through, narrowed)) ??
        (await this.repository.match(tenantId, narrowed, [1, through]));
      match = { ...counted, through };
    }
    this.matches.set(key, match);
    return match;
  }

  /**
   * A page of a filter whose matches are spread over lo..hi. The newest `offset + limit`
   * matches lie in the newest part of that range: guess how wide a part holds them from the
   * matches' density, read just that part (a narrow seq range, cheap on DuckDB), and widen it
   * if it held too few; a page that needs most of the range is a top-N over all of it. Either
   * reads only the filtered columns for the page's seqs; then the page's records are fetched.
   */
  private async windowedPage(
    tenantId: string,
    filter: AuditFilter,
    match: AuditMatch,
    limit: number,
    offset: number,
  ): Promise<AuditRow[]> {
    const wanted = Math.min(limit, match.total - offset);
    const density = match.total / (match.hi - match.lo + 1);
    let seqs: number[] | null = null;
    for (let width = Math.ceil(((offset + wanted) / density) * 1.5) + limit; ; width *= 4) {
      const from = match.hi - width + 1;
      if (from <= match.lo || !AuditRepository.isNarrow(from, match.hi)) break;
      const found = await this.repository.pageSeqs(tenantId, filter, [from, match.hi], limit, offset);
      if (found.length === wanted) {
        seqs = found;
        break;
      }
    }
    seqs ??= await this.repository.pageSeqs(tenantId, filter, [match.lo, match.hi], limit, offset);
    return this.repository.bySeqs(tenantId, seqs);
  }

  actors(): Promise<AuditActor[]> {
    return this.directory.actors(this.context.tenantId);
  }

  actions(): Promise<string[]> {
    return this.directory.actions(this.context.tenantId);
  }

  /**
   * The filtered trail, oldest first, as a stream read 5,000 records at a time. The export is
   * audited before the first byte goes out ('audit.exported' with the filters, the count and
   * the head it stops at), so the file never holds its own record.
   */
  async export(filter: AuditFilter, given: Record<string, string>, format: AuditExportFormat): Promise<AuditExport> {
    const tenantId = this.context.tenantId;
    const through = (await this.repository.head(tenantId))?.seq ?? 0;
    const narrowed = await this.blocks.narrow(tenantId, through, filter);
    const match = await this.matching(tenantId, filter, narrowed, through);
    await this.db.transaction(tenantId, () =>
      this.record({
        action: 'audit.exported',
        entityType: 'audit_log',
        after: { format, filters: given, count: match.total, throughSeq: through },
      }),
    );
    const tenant = await this.tenants.findById(tenantId);
    const day = nowIso().slice(0, 10);
    return {
      filename: `audit-${slug(tenant?.name ?? '')}-${day}.${format}`,
      contentType: EXPORT_CONTENT_TYPES[format],
      count: match.total,
      // At most two chunks (2 × 5,000 records) wait in memory for a slow client.
      stream: Readable.from(this.exportChunks(tenantId, narrowed, match, format), { highWaterMark: 2 }),
    };
  }

  private async *exportChunks(
    tenantId: string,
    filter: AuditFilter,
    match: AuditMatch,
    format: AuditExportFormat,
  ): AsyncGenerator<string> {
    const line = format === 'csv' ? csvLine : jsonLine;
    if (format === 'csv') yield CSV_HEADER;
    if (match.total === 0) return;
    // Without gaps, 5,000 seqs per query. With gaps, a seq window that should hold about 5,000
    // matches (from their density; never wider than a narrow read), at most 5,000 records per
    // query, the next query going on from the last record read.
    const contiguous = match.hi - match.lo + 1 === match.total;
    const density = match.total / (match.hi - match.lo + 1);
    const window = contiguous
      ? EXPORT_CHUNK
      : Math.max(EXPORT_CHUNK, Math.min(AuditRepository.narrowSeqRange - 1, Math.ceil(EXPORT_CHUNK / density)));
    for (let after = match.lo - 1; after < match.hi;) {
      const end = Math.min(match.hi, after + window);
      const rows = contiguous
        ? await this.repository.range(tenantId, filter, after + 1, end, 'ASC')
        : await this.repository.after(tenantId, filter, after, end, EXPORT_CHUNK);
      if (rows.length > 0) yield rows.map(line).join('');
      after = rows.length === EXPORT_CHUNK && !contiguous ? Number(rows[rows.length - 1].seq) : end;
    }
  }

  /** Recomputes the tenant's chain, then records that it did ('audit.verified', in its own transaction). */
  async verify(tenantId = this.context.tenantId): Promise<AuditVerification> {
    const result = await this.check(tenantId);
    await this.db.transaction(tenantId, () =>
      this.record({ action: 'audit.verified', entityType: 'audit_log', tenantId, after: { ...result } }),
    );
    return result;
  }

  /**
   * Recomputes the chain up to the head read first (records appended meanwhile wait for the
   * next check) and names the first record that does not fit.
   */
  async check(tenantId = this.context.tenantId): Promise<AuditVerification> {
    const bounds = await this.repository.bounds(tenantId);
    const through = bounds.headSeq;
    let expectedPrev = AUDIT_GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    const broken = (seq: number, reason: string): AuditVerification => ({
      ok: false,
      checked,
      firstBrokenSeq: seq,
      reason,
    });
    while (expectedSeq <= through) {
      const hi = Math.min(through, expectedSeq + VERIFY_PAGE - 1);
      const page = await this.repository.range(tenantId, {}, expectedSeq, hi, 'ASC');
      for (const row of page) {
        const seq = Number(row.seq);
        if (seq !== expectedSeq) return broken(expectedSeq, `record ${expectedSeq} is missing`);
        if (row.prev_hash !== expectedPrev) {
          return broken(seq, `record ${seq} does not point to the hash of record ${seq - 1}`);
        }
        let input: AuditHashInput;
        try {
          input = toHashInput(row);
        } catch {
          return broken(seq, `record ${seq} holds unreadable before/after data`);
        }
        if (hashRecord(input) !== row.hash) {
          return broken(seq, `record ${seq} was altered: its content no longer matches its hash`);
        }
        expectedPrev = row.hash;
        expectedSeq++;
        checked++;
      }
      if (expectedSeq <= hi) {
        return broken(
          expectedSeq,
          hi === through
            ? `the chain ends at record ${checked} but ${through} were written`
            : `record ${expectedSeq} is missing`,
        );
      }
    }
    if (through > 0 && bounds.headHash !== expectedPrev) {
      return broken(through, `the chain head does not hold the hash of record ${through}`);
    }
    if (bounds.maxSeq > through) {
      return broken(through + 1, `record ${through + 1} lies beyond the chain head (record ${through})`);
    }
    return { ok: true, checked, firstBrokenSeq: null, reason: null };
  }
}
