import { Injectable } from '@nestjs/common';
import { AuditFilter, AuditRepository, TIME_BLOCK } from './audit.repository';

interface Blocks {
  /** The chain head these blocks cover: records 1..through. */
  through: number;
  /** Earliest and latest `occurred_at` of each block of TIME_BLOCK seqs (block k: seqs k·B+1 … (k+1)·B). */
  min: (string | undefined)[];
  max: (string | undefined)[];
}

/** Tenants whose blocks are kept; the least recently used goes first. */
const MAX_TENANTS = 200;

/**
 * A block range index of the trail's times, in memory: the earliest and latest time of every
 * 4,096 seqs of a tenant's chain (≈ 1,200 pairs for 5,000,000 records). It turns a period
 * filter into a seq range that holds every record of the period, so that the scan for it reads
 * that range only. It assumes nothing about the order of the times: a block is left out only if
 * every record before it is earlier than `from` (running maximum), or every record after it is
 * later than `to` (running minimum); the time predicates still apply inside the range, unless
 * they hold for the whole trail, in which case they are dropped. The trail is append-only, so
 * the blocks are kept up to date by reading the records written since (keyed by the chain head
 * in the database, so every replica answers the same); the first use reads every time once.
 */
@Injectable()
export class AuditTimeIndex {
  private readonly tenants = new Map<string, Blocks>();

  constructor(private readonly repository: AuditRepository) {}

  /** `filter` with its period as a seq range (`seqFrom`/`seqTo`) and time bounds that exclude nothing dropped. */
  async narrow(tenantId: string, through: number, filter: AuditFilter): Promise<AuditFilter> {
    if (filter.from === undefined && filter.to === undefined) return filter;
    const blocks = await this.blocks(tenantId, through);
    const count = Math.ceil(through / TIME_BLOCK);
    const out: AuditFilter = { ...filter, seqFrom: 1, seqTo: through };
    if (filter.from !== undefined) {
      const from = filter.from;
      let latest: string | undefined;
      let k = 0;
      for (; k < count; k++) {
        const max = blocks.max[k];
        if (max !== undefined && (latest === undefined || max > latest)) latest = max;
        if (latest !== undefined && latest >= from) break;
      }
      out.seqFrom = k * TIME_BLOCK + 1;
      if (blocks.min.slice(0, count).every((m) => m === undefined || m >= from)) delete out.from;
    }
    if (filter.to !== undefined) {
      const to = filter.to;
      const within = (at: string) => (filter.toExclusive ? at < to : at <= to);
      let earliest: string | undefined;
      let k = count - 1;
      for (; k >= 0; k--) {
        const min = blocks.min[k];
        if (min !== undefined && (earliest === undefined || min < earliest)) earliest = min;
        if (earliest !== undefined && within(earliest)) break;
      }
      out.seqTo = Math.min(through, (k + 1) * TIME_BLOCK);
      if (blocks.max.slice(0, count).every((m) => m === undefined || within(m))) {
        delete out.to;
        delete out.toExclusive;
      }
    }
    return out;
  }

  private async blocks(tenantId: string, through: number): Promise<Blocks> {
    let blocks = this.tenants.get(tenantId);
    // A head behind the blocks means another database (a restore): start again.
    if (!blocks || blocks.through > through) blocks = { through: 0, min: [], max: [] };
    if (blocks.through < through) {
      const rows = await this.repository.timeBlocks(tenantId, blocks.through, through);
      const next: Blocks = { through, min: [...blocks.min], max: [...blocks.max] };
      for (const row of rows) {
        const k = row.block;
        const min = next.min[k];
        const max = next.max[k];
        if (min === undefined || row.min < min) next.min[k] = row.min;
        if (max === undefined || row.max > max) next.max[k] = row.max;
      }
      blocks = next;
    }
    const stored = this.tenants.get(tenantId);
    if (!stored || stored.through <= blocks.through) {
      this.tenants.delete(tenantId);
      this.tenants.set(tenantId, blocks);
      if (this.tenants.size > MAX_TENANTS) this.tenants.delete(this.tenants.keys().next().value as string);
    }
    return blocks;
  }
}
