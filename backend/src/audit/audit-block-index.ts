import { Injectable } from '@nestjs/common';
import { AuditFilter, AuditMatch, AuditRepository, BLOCK } from './audit.repository';

/** What a tenant's chain holds, block by block (block k: seqs k·BLOCK+1 … (k+1)·BLOCK). */
interface Summary {
  /** The chain head this summary covers: records 1..through. */
  through: number;
  /** Records per block (sparse arrays: a missing entry is 0). */
  counts: number[];
  /** Earliest and latest `occurred_at` per block. */
  min: (string | undefined)[];
  max: (string | undefined)[];
  /** Records per block of each action, actor and entity type. */
  actions: Map<string, number[]>;
  actors: Map<string, number[]>;
  types: Map<string, number[]>;
}

/** Tenants whose summary is kept; the least recently used goes first. */
const MAX_TENANTS = 100;
/** A period whose edges fall in more blocks than this (times far out of order) is counted by a scan. */
const MAX_PARTIAL_BLOCKS = 4;

function add(map: Map<string, number[]>, key: string, block: number, n: number): void {
  let counts = map.get(key);
  if (!counts) map.set(key, (counts = []));
  counts[block] = (counts[block] ?? 0) + n;
}

/**
 * A block summary of each tenant's trail, in memory: per 4,096 seqs, the number of records,
 * their earliest and latest time, and how many records each action, actor and entity type has
 * there (≈ 1,200 blocks for 5,000,000 records). The trail is append-only, so the summary is
 * kept up to date by reading only the records written since it was last read (keyed by the
 * chain head in the database: every replica answers the same). Its first use reads the whole
 * trail once. It serves two things:
 *
 * - `narrow`: a period becomes a seq range that holds every record of it. Nothing is assumed
 *   about the order of the times: a block is left out only if every record before it is earlier
 *   than `from` (running maximum) or every record after it later than `to` (running minimum).
 *   The time predicates still apply inside the range, unless they hold for the whole trail.
 * - `match`: the count (and lowest and highest seq) of a filter on one action (or action
 *   prefix), one actor or one entity type, or of a period alone, without reading the trail:
 *   the blocks say how many, and only the first and last block holding matches (for a period,
 *   the blocks across its edges) are read to find the exact seqs.
 */
@Injectable()
export class AuditBlockIndex {
  private readonly summaries = new Map<string, Summary>();
  private readonly updates = new Map<string, Promise<unknown>>();

  constructor(private readonly repository: AuditRepository) {}

  /** `filter` with its period as a seq range (`seqFrom`/`seqTo`) and time bounds that exclude nothing dropped. */
  async narrow(tenantId: string, through: number, filter: AuditFilter): Promise<AuditFilter> {
    if (filter.from === undefined && filter.to === undefined) return filter;
    const summary = await this.summary(tenantId, through);
    if (!summary) return filter;
    const count = Math.ceil(through / BLOCK);
    const out: AuditFilter = { ...filter, seqFrom: 1, seqTo: through };
    if (filter.from !== undefined) {
      const from = filter.from;
      let latest: string | undefined;
      let k = 0;
      for (; k < count; k++) {
        const max = summary.max[k];
        if (max !== undefined && (latest === undefined || max > latest)) latest = max;
        if (latest !== undefined && latest >= from) break;
      }
      out.seqFrom = k * BLOCK + 1;
      if (summary.min.slice(0, count).every((m) => m === undefined || m >= from)) delete out.from;
    }
    if (filter.to !== undefined) {
      const within = this.within(filter);
      let earliest: string | undefined;
      let k = count - 1;
      for (; k >= 0; k--) {
        const min = summary.min[k];
        if (min !== undefined && (earliest === undefined || min < earliest)) earliest = min;
        if (earliest !== undefined && within(earliest)) break;
      }
      out.seqTo = Math.min(through, (k + 1) * BLOCK);
      if (summary.max.slice(0, count).every((m) => m === undefined || within(m))) {
        delete out.to;
        delete out.toExclusive;
      }
    }
    return out;
  }

  /**
   * The match of a narrowed filter over records 1..`through` from the summary, or null when the
   * summary cannot tell (several kinds of filter at once, an entity id, a head read meanwhile).
   */
  async match(tenantId: string, through: number, filter: AuditFilter): Promise<AuditMatch | null> {
    const { seqFrom = 1, seqTo = through, from, to, action, actionPrefix, actorId, entityType, entityId } = filter;
    const kinds = [action, actionPrefix, actorId, entityType].filter((v) => v !== undefined).length;
    const timed = from !== undefined || to !== undefined;
    if (entityId !== undefined || kinds > 1 || (kinds === 1 && timed) || (kinds === 0 && !timed)) return null;
    const summary = await this.summary(tenantId, through);
    if (!summary) return null;
    if (kinds === 1) {
      if (seqFrom > 1 || seqTo < through) return null;
      let counts: number[] = [];
      if (action !== undefined) counts = summary.actions.get(action) ?? [];
      else if (actorId !== undefined) counts = summary.actors.get(actorId) ?? [];
      else if (entityType !== undefined) counts = summary.types.get(entityType) ?? [];
      else {
        for (const [name, perBlock] of summary.actions) {
          if (!name.startsWith(actionPrefix as string)) continue;
          perBlock.forEach((n, k) => (counts[k] = (counts[k] ?? 0) + n));
        }
      }
      return this.fromBlocks(tenantId, through, filter, counts);
    }
    return this.period(tenantId, through, filter, summary, seqFrom, seqTo);
  }

  /** Total from the blocks; lowest and highest seq read from the first and last block with matches. */
  private async fromBlocks(
    tenantId: string,
    through: number,
    filter: AuditFilter,
    counts: number[],
  ): Promise<AuditMatch | null> {
    let total = 0;
    let first = -1;
    let last = -1;
    counts.forEach((n, k) => {
      if (!n) return;
      total += n;
      if (first < 0) first = k;
      last = k;
    });
    if (total === 0) return { total: 0, lo: 0, hi: 0 };
    const head = await this.repository.match(tenantId, filter, this.blockRange(first, through));
    const tail = first === last ? head : await this.repository.match(tenantId, filter, this.blockRange(last, through));
    // The blocks must agree with the records; if not (a changed row), count the slow way.
    if (head.total !== counts[first] || tail.total !== counts[last]) return null;
    return { total, lo: head.lo, hi: tail.hi };
  }

  /** A period alone: whole blocks inside it count whole, the blocks across its edges are read. */
  private async period(
    tenantId: string,
    through: number,
    filter: AuditFilter,
    summary: Summary,
    seqFrom: number,
    seqTo: number,
  ): Promise<AuditMatch | null> {
    const within = this.within(filter);
    let total = 0;
    let lo = 0;
    let hi = 0;
    const partial: [number, number][] = [];
    const note = (a: number, b: number) => {
      if (lo === 0 || a < lo) lo = a;
      if (b > hi) hi = b;
    };
    for (let k = Math.floor((seqFrom - 1) / BLOCK); k <= Math.floor((seqTo - 1) / BLOCK); k++) {
      const n = summary.counts[k];
      const min = summary.min[k];
      const max = summary.max[k];
      if (!n || min === undefined || max === undefined) continue;
      const [start, end] = this.blockRange(k, through);
      const a = Math.max(start, seqFrom);
      const b = Math.min(end, seqTo);
      const before = filter.from !== undefined && max < filter.from;
      const after = filter.to !== undefined && !within(min);
      if (before || after) continue;
      const inside = (filter.from === undefined || min >= filter.from) && (filter.to === undefined || within(max));
      if (inside && a === start && b === end && n === end - start + 1) {
        total += n;
        note(a, b);
      } else {
        partial.push([a, b]);
      }
    }
    if (partial.length > MAX_PARTIAL_BLOCKS) return null;
    for (const range of partial) {
      const found = await this.repository.match(tenantId, filter, range);
      total += found.total;
      if (found.total > 0) note(found.lo, found.hi);
    }
    return total > 0 ? { total, lo, hi } : { total: 0, lo: 0, hi: 0 };
  }

  private blockRange(k: number, through: number): [number, number] {
    return [k * BLOCK + 1, Math.min(through, (k + 1) * BLOCK)];
  }

  private within(filter: AuditFilter): (at: string) => boolean {
    const to = filter.to as string;
    return filter.toExclusive ? (at) => at < to : (at) => at <= to;
  }

  /** The summary as of `through`, brought up to date (one update at a time per tenant); null if a later head was read meanwhile. */
  private async summary(tenantId: string, through: number): Promise<Summary | null> {
    const current = this.summaries.get(tenantId);
    if (current?.through === through) {
      this.summaries.delete(tenantId);
      this.summaries.set(tenantId, current);
      return current;
    }
    const update = (this.updates.get(tenantId) ?? Promise.resolve()).then(() => this.update(tenantId, through));
    const settled = update.catch(() => undefined);
    this.updates.set(tenantId, settled);
    void settled.then(() => {
      if (this.updates.get(tenantId) === settled) this.updates.delete(tenantId);
    });
    return update;
  }

  private async update(tenantId: string, through: number): Promise<Summary | null> {
    let summary = this.summaries.get(tenantId);
    if (summary && summary.through > through) return null;
    summary ??= { through: 0, counts: [], min: [], max: [], actions: new Map(), actors: new Map(), types: new Map() };
    if (summary.through < through) {
      const rows = await this.repository.blockSummary(tenantId, summary.through, through);
      for (const row of rows) {
        const k = row.block;
        if (row.action !== undefined) add(summary.actions, row.action, k, row.n);
        else if (row.actorId !== undefined) {
          if (row.actorId !== null) add(summary.actors, row.actorId, k, row.n);
        } else if (row.entityType !== undefined) add(summary.types, row.entityType, k, row.n);
        else {
          summary.counts[k] = (summary.counts[k] ?? 0) + row.n;
          const min = summary.min[k];
          const max = summary.max[k];
          if (min === undefined || row.min < min) summary.min[k] = row.min;
          if (max === undefined || row.max > max) summary.max[k] = row.max;
        }
      }
      summary.through = through;
    }
    this.summaries.delete(tenantId);
    this.summaries.set(tenantId, summary);
    if (this.summaries.size > MAX_TENANTS) this.summaries.delete(this.summaries.keys().next().value as string);
    return summary;
  }
}
