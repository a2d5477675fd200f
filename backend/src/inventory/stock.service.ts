import { Inject, Injectable } from '@nestjs/common';
import type {
  ListResponse,
  Product,
  StockLevel,
  StockMovement,
  StockMovementKind,
  StockValuation,
} from '@billinator/contracts';
import { dec, quantity as formatQuantity } from '@billinator/money';
import { AuditService } from '../audit/audit.service';
import { newId, nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { CountersRepository } from '../database/counters.repository';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';
import { TenantsRepository } from '../tenancy/tenants.repository';
import { averageCostAfter, COST_SCALE } from './moving-average';
import { ProductsRepository } from './products.repository';
import { NewMovement, StockLedgerRepository, StockPosition } from './stock-ledger.repository';
import { StockPositionsCache } from './stock-positions';

/** What a movement needs to know of its product. */
export type StockProduct = Pick<Product, 'id' | 'sku' | 'unit' | 'kind' | 'purchasePrice'>;

export interface MovementRequest {
  product: StockProduct;
  kind: StockMovementKind;
  quantity: string;
  unitCost?: string;
  reason?: string | null;
  refType?: string | null;
  refId?: string | null;
}

/** The counter that numbers a tenant's stock movements (`seq`). */
export const STOCK_MOVEMENT_COUNTER = 'stock_movement';

/** What a caller of `moveMany` may already hold, reserved in the same transaction. */
export interface KnownForMovements {
  /** The first of the sequence numbers reserved for these movements, one per request. */
  firstSeq?: number;
}

/**
 * Moves stock. Every movement is a ledger row; on hand is the ledger's sum, the
 * moving average cost is carried on each row. Callers are inside the tenant's
 * transaction, which serialises movements of one tenant.
 */
@Injectable()
export class StockService {
  /** Positions after this process's own committed movements (see StockPositionsCache). */
  private readonly cached = new StockPositionsCache();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly ledger: StockLedgerRepository,
    private readonly products: ProductsRepository,
    private readonly counters: CountersRepository,
    private readonly tenants: TenantsRepository,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
  ) {}

  /** Books one movement; refuses to go below zero unless the tenant allows negative stock. */
  async move(request: MovementRequest): Promise<NewMovement> {
    const [movement] = await this.moveMany([request]);
    return movement;
  }

  /**
   * Books several movements with one sequence reservation, one position read (none when
   * this process moved the products last, see StockPositionsCache) and one insert.
   * Movements of the same product apply in order. When any product would go below zero
   * the whole batch is refused with a 409 naming every short product. A caller that has
   * already reserved `requests.length` sequence numbers (with other counters, in one
   * statement) passes the first in `known`.
   */
  async moveMany(requests: readonly MovementRequest[], known: KnownForMovements = {}): Promise<NewMovement[]> {
    if (requests.length === 0) return [];
    for (const { product, quantity } of requests) {
      if (product.kind !== 'goods') {
        throw new ProblemException(422, 'unprocessable', `${product.sku} is a service; services carry no stock`);
      }
      if (dec(quantity).eq(0))
        throw new ProblemException(400, 'validation_failed', 'A stock movement needs a quantity other than zero');
    }
    const tenantId = this.context.tenantId;
    // Inside a transaction the sequence numbers come first (a refusal rolls them back): the
    // counter's value before them says whether the positions this process cached still hold.
    const inTransaction = this.db.inTransaction();
    let firstSeq = known.firstSeq;
    if (firstSeq === undefined && inTransaction) {
      firstSeq = await this.counters.next(tenantId, STOCK_MOVEMENT_COUNTER, requests.length);
    }
    const productIds = [...new Set(requests.map((r) => r.product.id))];
    const positions =
      (firstSeq !== undefined ? this.cached.lookup(tenantId, firstSeq - 1, productIds) : null) ??
      (await this.ledger.positions(productIds));
    const running = new Map<string, StockPosition>();
    const positionOf = (id: string) => running.get(id) ?? positions.get(id) ?? { onHand: '0', averageCost: null };
    const planned = requests.map((request) => {
      const position = positionOf(request.product.id);
      const qty = dec(request.quantity);
      const fallbackCost = position.averageCost ?? request.product.purchasePrice;
      const unitCost = dec(qty.gt(0) ? (request.unitCost ?? fallbackCost) : fallbackCost).toFixed(COST_SCALE);
      const averageCost = averageCostAfter(position.onHand, position.averageCost, request.quantity, unitCost);
      running.set(request.product.id, { onHand: dec(position.onHand).plus(qty).toString(), averageCost });
      return { request, qty, unitCost, averageCost };
    });
    await this.refuseShortfalls(requests, positions, running);
    firstSeq ??= await this.counters.next(tenantId, STOCK_MOVEMENT_COUNTER, planned.length);
    const occurredAt = nowIso();
    const movements: NewMovement[] = planned.map(({ request, qty, unitCost, averageCost }, i) => ({
      id: newId(),
      productId: request.product.id,
      seq: firstSeq + i,
      kind: request.kind,
      quantity: formatQuantity(qty),
      unitCost,
      averageCostAfter: averageCost,
      reason: request.reason ?? null,
      refType: request.refType ?? null,
      refId: request.refId ?? null,
      occurredAt,
      actorId: this.context.actor?.userId ?? null,
    }));
    await this.ledger.append(movements);
    if (inTransaction) {
      const baseSeq = firstSeq - 1;
      this.db.afterCommit(() => this.cached.store(tenantId, baseSeq, positions, movements));
    }
    return movements;
  }

  /** A product that ends below zero after a batch that takes from it is a 409 with its shortfall. */
  private async refuseShortfalls(
    requests: readonly MovementRequest[],
    before: Map<string, StockPosition>,
    after: Map<string, StockPosition>,
  ): Promise<void> {
    const taking = new Map<string, StockProduct>();
    for (const r of requests) if (dec(r.quantity).lt(0)) taking.set(r.product.id, r.product);
    const short = [...taking.values()].filter((p) => dec(after.get(p.id)!.onHand).lt(0));
    if (short.length === 0 || (await this.tenants.allowsNegativeStock(this.context.tenantId))) return;
    const shortfall = short.map((p) => {
      const onHand = dec(before.get(p.id)?.onHand ?? '0');
      const shortBy = dec(after.get(p.id)!.onHand).abs();
      return { product: p, onHand, requested: onHand.plus(shortBy), shortBy };
    });
    const describe = ({ product, onHand, requested, shortBy }: (typeof shortfall)[number]) =>
      `${product.sku}: ${onHand.toString()} ${product.unit} on hand, ${requested.toString()} requested, short by ${shortBy.toString()}`;
    throw new ProblemException(
      409,
      'conflict',
      `Not enough stock of ${shortfall.map(describe).join('; ')}`,
      undefined,
      {
        shortfall: shortfall.map((s) => ({
          productId: s.product.id,
          sku: s.product.sku,
          onHand: formatQuantity(s.onHand),
          shortBy: formatQuantity(s.shortBy),
        })),
      },
    );
  }

  /** A manual adjustment with its reason, audited. */
  async adjust(productId: string, quantity: string, unitCost: string | undefined, reason: string): Promise<Product> {
    await this.db.transaction(this.context.tenantId, async () => {
      const product = await this.products.findById(productId);
      if (!product) throw new ProblemException(404, 'not_found', `No product with id ${productId}`);
      const movement = await this.move({ product, kind: 'adjustment', quantity, unitCost, reason });
      await this.audit.record({
        action: 'stock.adjusted',
        entityType: 'product',
        entityId: product.id,
        before: { onHand: product.onHand, averageCost: product.averageCost },
        after: {
          quantity: movement.quantity,
          unitCost: movement.unitCost,
          averageCost: movement.averageCostAfter,
          onHand: formatQuantity(dec(product.onHand).plus(dec(movement.quantity))),
          reason,
        },
      });
    });
    return (await this.products.findById(productId))!;
  }

  async movements(productId: string, limit: number, offset: number): Promise<ListResponse<StockMovement>> {
    const product = await this.products.findById(productId);
    if (!product) throw new ProblemException(404, 'not_found', `No product with id ${productId}`);
    const { items, total } = await this.ledger.movements(productId, limit, offset);
    return { items, total, limit, offset };
  }

  async levels(filter: {
    q?: string;
    lowStock?: boolean;
    limit: number;
    offset: number;
  }): Promise<ListResponse<StockLevel>> {
    const { items, total } = await this.ledger.levels(filter);
    return { items, total, limit: filter.limit, offset: filter.offset };
  }

  async valuation(): Promise<StockValuation> {
    const { items } = await this.ledger.levels({ limit: 100_000, offset: 0 });
    return { items, totalValue: await this.ledger.totalValue() };
  }
}
