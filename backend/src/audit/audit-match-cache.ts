import type { AuditMatch } from './audit.repository';

/** A filter's match over records 1..`through` of a tenant's chain. */
export interface CachedMatch extends AuditMatch {
  through: number;
}

/** Entries kept; the least recently used goes first. */
const MAX_ENTRIES = 1000;

/**
 * What a filter matched, per tenant and filter, as of a chain head. The trail is append-only,
 * so the count and the lowest and highest matching seq of records 1..H never change: paging
 * through a filtered trail counts once, and when the chain has grown since, only the new
 * records are counted and added. Keyed by the head in the database, so every replica answers
 * the same; losing an entry only costs a count.
 */
export class AuditMatchCache {
  private readonly entries = new Map<string, CachedMatch>();

  get(key: string): CachedMatch | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CachedMatch): void {
    const known = this.entries.get(key);
    if (known && known.through > entry.through) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** The match of records 1..`through` from that of 1..`earlier.through` and that of the records after it. */
export function extendMatch(earlier: CachedMatch, added: AuditMatch, through: number): CachedMatch {
  if (added.total === 0) return { ...earlier, through };
  if (earlier.total === 0) return { ...added, through };
  return { total: earlier.total + added.total, lo: earlier.lo, hi: added.hi, through };
}
