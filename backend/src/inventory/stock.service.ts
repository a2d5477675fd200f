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
import { NewMovement, StockLedgerRepository } from './stock-ledger.repository';

export interface MovementRequest {
  product: Product;
  kind: StockMovementKind;
  quantity: string;
  unitCost?: string;
  reason?: string | null;
  refType?: string | null;
  refId?: string | null;
}

/**
 * Moves stock. Every movement is a ledger row; on hand is the ledger's sum, the
 * moving average cost is carried on each row. Callers are inside the tenant's
 * transaction, which serialises movements of one tenant.
 */
@Injectable()
export class StockService {
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
    const { product } = request;
    if (product.kind !== 'goods') {
      throw new ProblemException(422, 'unprocessable', `${product.sku} is a service; services carry no stock`);
    }
    const qty = dec(request.quantity);
    if (qty.eq(0))
      throw new ProblemException(400, 'validation_failed', 'A stock movement needs a quantity other than zero');
    const position = await this.ledger.position(product.id);
    const after = dec(position.onHand).plus(qty);
    if (qty.lt(0) && after.lt(0) && !(await this.tenants.allowsNegativeStock(this.context.tenantId))) {
      const shortfall = formatQuantity(after.abs());
      throw new ProblemException(
        409,
        'conflict',
        `Not enough stock of ${product.sku}: ${dec(position.onHand).toString()} ${product.unit} on hand, ${qty.abs().toString()} requested, short by ${after.abs().toString()}`,
        undefined,
        {
          shortfall: [
            { productId: product.id, sku: product.sku, onHand: formatQuantity(position.onHand), shortBy: shortfall },
          ],
        },
      );
    }
    const fallbackCost = position.averageCost ?? product.purchasePrice;
    const unitCost = dec(qty.gt(0) ? (request.unitCost ?? fallbackCost) : fallbackCost).toFixed(COST_SCALE);
    const movement: NewMovement = {
      id: newId(),
      productId: product.id,
      seq: await this.counters.next(this.context.tenantId, 'stock_movement'),
      kind: request.kind,
      quantity: formatQuantity(qty),
      unitCost,
      averageCostAfter: averageCostAfter(position.onHand, position.averageCost, request.quantity, unitCost),
      reason: request.reason ?? null,
      refType: request.refType ?? null,
      refId: request.refId ?? null,
      occurredAt: nowIso(),
      actorId: this.context.actor?.userId ?? null,
    };
    await this.ledger.append([movement]);
    return movement;
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
