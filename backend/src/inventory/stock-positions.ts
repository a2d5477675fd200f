import { dec } from '@billinator/money';
import type { NewMovement, StockPosition } from './stock-ledger.repository';

/** At most this many tenants, and this many products per tenant, are kept. */
const MAX_TENANTS = 1000;
const MAX_PRODUCTS = 10_000;

/**
 * Stock positions this process knows of a tenant after its own committed movements, valid only
 * while the tenant's stock-movement counter (the ledger's `seq`) still has the value they were
 * known at. Every movement, on any replica, moves that counter in its transaction, and a mover
 * reserves its sequence numbers before it reads positions: the value before its reservation
 * (`firstSeq - 1`) tells whether anything moved since. A miss reads the ledger, as before.
 */
export class StockPositionsCache {
  private readonly tenants = new Map<string, { seq: number; positions: Map<string, StockPosition> }>();

  /** The positions of `productIds` as of counter value `seq`, or null unless all are known then. */
  lookup(tenantId: string, seq: number, productIds: readonly string[]): Map<string, StockPosition> | null {
    const entry = this.tenants.get(tenantId);
    if (entry?.seq !== seq) return null;
    const found = new Map<string, StockPosition>();
    for (const id of productIds) {
      const position = entry.positions.get(id);
      if (!position) return null;
      found.set(id, position);
    }
    return found;
  }

  /**
   * After the commit of `movements` (sequence numbers `baseSeq + 1` onwards, in order), which
   * started from `before` (the positions as of `baseSeq`): the moved products' positions, with
   * the quantities and costs as stored, as of the last movement's sequence number.
   */
  store(
    tenantId: string,
    baseSeq: number,
    before: ReadonlyMap<string, StockPosition>,
    movements: readonly NewMovement[],
  ): void {
    if (movements.length === 0) return;
    const after = new Map<string, StockPosition>();
    for (const m of movements) {
      const position = after.get(m.productId) ?? before.get(m.productId) ?? { onHand: '0', averageCost: null };
      after.set(m.productId, {
        onHand: dec(position.onHand).plus(dec(m.quantity)).toString(),
        averageCost: m.averageCostAfter,
      });
    }
    const lastSeq = movements[movements.length - 1].seq;
    const entry = this.tenants.get(tenantId);
    if (entry?.seq === baseSeq && entry.positions.size + after.size <= MAX_PRODUCTS) {
      for (const [id, position] of after) entry.positions.set(id, position);
      entry.seq = lastSeq;
      return;
    }
    if (!entry && this.tenants.size >= MAX_TENANTS) this.tenants.clear();
    this.tenants.set(tenantId, { seq: lastSeq, positions: after });
  }
}
