import { Inject, Injectable } from '@nestjs/common';
import { ImportReport, ListResponse, Product, PRODUCT_IMPORT_COLUMNS } from '@billinator/contracts';
import { AuditService } from '../audit/audit.service';
import { toCsv } from '../common/csv';
import { assertImportable, finishPlan, planImport } from '../common/csv-import';
import { newId, nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { staleVersion } from '../common/versioning';
import { CountersRepository } from '../database/counters.repository';
import { DATABASE, Database, UniqueViolationError } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';
import { CreateProductDto, ListProductsQueryDto, UpdateProductDto } from './dto/product.dto';
import { ProductRecord, ProductsRepository } from './products.repository';
import { StockLedgerRepository } from './stock-ledger.repository';
import { StockService } from './stock.service';

const EXPORT_COLUMNS = [
  'sku',
  'name',
  'unit',
  'kind',
  'salePrice',
  'purchasePrice',
  'taxRate',
  'reorderLevel',
  'active',
  'onHand',
  'averageCost',
] as const;

function record(dto: CreateProductDto, id: string, seq: number): ProductRecord {
  return {
    id,
    seq,
    sku: dto.sku,
    name: dto.name,
    unit: dto.unit,
    kind: dto.kind,
    salePrice: dto.salePrice,
    purchasePrice: dto.purchasePrice,
    taxRate: dto.taxRate,
    reorderLevel: dto.reorderLevel,
    active: dto.active ?? true,
  };
}

@Injectable()
export class ProductsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly products: ProductsRepository,
    private readonly ledger: StockLedgerRepository,
    private readonly stock: StockService,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
    private readonly counters: CountersRepository,
  ) {}

  async list(query: ListProductsQueryDto): Promise<ListResponse<Product>> {
    const { items, total } = await this.products.list(this.filter(query));
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<Product> {
    const product = await this.products.findById(id);
    if (!product) throw new ProblemException(404, 'not_found', `No product with id ${id}`);
    return product;
  }

  async create(dto: CreateProductDto): Promise<Product> {
    this.assertOpeningStock(dto);
    const id = newId();
    await this.inTransaction(async () => {
      await this.insertChecked([record(dto, id, await this.nextSeq(1))]);
      const [product] = await this.products.findMany([id]);
      if (dto.openingQuantity) await this.bookOpening(product, dto);
      await this.audit.record({ action: 'product.created', entityType: 'product', entityId: id, after: dto });
      await this.catalogChanged();
    });
    return this.get(id);
  }

  async update(id: string, version: number, dto: UpdateProductDto): Promise<Product> {
    await this.inTransaction(async () => {
      const current = await this.get(id);
      if (current.version !== version) throw staleVersion('product', current.version);
      const next = {
        sku: dto.sku ?? current.sku,
        name: dto.name ?? current.name,
        unit: dto.unit ?? current.unit,
        kind: dto.kind ?? current.kind,
        salePrice: dto.salePrice ?? current.salePrice,
        purchasePrice: dto.purchasePrice ?? current.purchasePrice,
        taxRate: dto.taxRate ?? current.taxRate,
        reorderLevel: dto.reorderLevel ?? current.reorderLevel,
        active: dto.active ?? current.active,
      };
      if (next.kind !== current.kind && (await this.ledger.hasMovements(id))) {
        throw new ProblemException(
          422,
          'unprocessable',
          `${current.sku} has stock movements; its kind can no longer change`,
        );
      }
      if (next.sku !== current.sku) {
        const taken = await this.products.findIdsBySku([next.sku]);
        if ([...taken.values()].some((other) => other !== id)) throw this.skuTaken(next.sku);
      }
      if (!(await this.products.update(id, version, next, nowIso())))
        throw staleVersion('product', current.version + 1);
      const before = Object.fromEntries(Object.keys(next).map((k) => [k, current[k as keyof typeof next]]));
      await this.audit.record({
        action: current.active && !next.active ? 'product.deactivated' : 'product.updated',
        entityType: 'product',
        entityId: id,
        before,
        after: next,
      });
      await this.catalogChanged();
    });
    return this.get(id);
  }

  /** Only a product that nothing refers to can be deleted; otherwise deactivate it. */
  async delete(id: string): Promise<void> {
    await this.inTransaction(async () => {
      const current = await this.get(id);
      if ((await this.ledger.hasMovements(id)) || (await this.products.onDocuments(id))) {
        throw new ProblemException(
          409,
          'conflict',
          `${current.sku} has stock movements or documents and stays in the books; deactivate it instead of deleting it`,
        );
      }
      await this.products.delete(id);
      await this.audit.record({ action: 'product.deleted', entityType: 'product', entityId: id, before: current });
      await this.catalogChanged();
    });
  }

  /** Imports a CSV all-or-nothing; a dry run only reports the problems, line by line. */
  async importCsv(text: string, dryRun: boolean): Promise<ImportReport> {
    const skuLines = new Map<string, number>();
    const plan = await planImport(text, dryRun, {
      columns: PRODUCT_IMPORT_COLUMNS,
      ignored: ['onHand', 'averageCost'],
      dto: CreateProductDto,
      normalise: (plain) => ({
        kind: 'goods',
        unit: 'pcs',
        taxRate: '0',
        reorderLevel: '0',
        purchasePrice: '0',
        ...plain,
      }),
      check: (value, line) => {
        const problem = this.openingStockProblem(value);
        if (problem) return { field: 'openingQuantity', message: problem };
        const first = skuLines.get(value.sku.toLowerCase());
        if (first !== undefined) return { field: 'sku', message: `SKU ${value.sku} appears already on line ${first}` };
        skuLines.set(value.sku.toLowerCase(), line);
        return null;
      },
    });
    const existing = await this.products.allSkus();
    const taken = plan.rows
      .filter((r) => existing.has(r.value.sku.toLowerCase()))
      .map((r) => ({ line: r.line, field: 'sku', message: `SKU ${r.value.sku} already exists` }));
    const final = finishPlan(plan.report.rows, dryRun, [...plan.report.problems, ...taken], plan.rows);
    if (dryRun) return final.report;
    assertImportable(final);
    await this.inTransaction(async () => {
      const first = await this.nextSeq(final.rows.length);
      const records = final.rows.map((r, i) => ({ dto: r.value, record: record(r.value, newId(), first + i) }));
      await this.insertRecords(records.map((r) => r.record));
      const withOpening = records.filter((r) => r.dto.openingQuantity);
      const created = new Map(
        (await this.products.findMany(withOpening.map((r) => r.record.id))).map((p) => [p.id, p]),
      );
      for (const r of withOpening) await this.bookOpening(created.get(r.record.id)!, r.dto);
      await this.audit.recordMany(
        records.map((r) => ({
          action: 'product.imported',
          entityType: 'product',
          entityId: r.record.id,
          after: r.dto,
        })),
      );
      await this.catalogChanged();
    });
    return { ...final.report, imported: final.rows.length };
  }

  async exportCsv(query: ListProductsQueryDto): Promise<string> {
    const rows: Product[] = [];
    const filter = this.filter(query);
    for (let offset = 0; ; offset += 5000) {
      const page = await this.products.list({ ...filter, limit: 5000, offset });
      rows.push(...page.items);
      if (page.items.length < 5000) break;
    }
    await this.inTransaction(() =>
      this.audit.record({
        action: 'product.exported',
        entityType: 'product',
        after: { rows: rows.length, filter: { ...query } },
      }),
    );
    return toCsv(
      EXPORT_COLUMNS,
      rows.map((p) => EXPORT_COLUMNS.map((c) => p[c])),
    );
  }

  private filter(query: ListProductsQueryDto) {
    return {
      q: query.q,
      active: query.active,
      kind: query.kind,
      lowStock: query.lowStock,
      sort: query.sortField,
      desc: query.sortDesc,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Tells list caches (on every replica) that the tenant's catalog changed; inside the transaction. */
  private async catalogChanged(): Promise<void> {
    await this.counters.next(this.context.tenantId, 'product_writes');
  }

  /** Reserves product numbers (inside the tenant's transaction). */
  private nextSeq(count: number): Promise<number> {
    return this.counters.next(this.context.tenantId, 'product', count);
  }

  private inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.db.transaction(this.context.tenantId, work);
  }

  private async insertChecked(records: ProductRecord[]): Promise<void> {
    const taken = await this.products.findIdsBySku(records.map((r) => r.sku));
    if (taken.size > 0) throw this.skuTaken([...taken.keys()][0]);
    await this.insertRecords(records);
  }

  /** Inserts; the unique index still guards against a SKU taken since the check. */
  private async insertRecords(records: ProductRecord[]): Promise<void> {
    try {
      await this.products.insertMany(records, nowIso());
    } catch (error) {
      if (error instanceof UniqueViolationError)
        throw this.skuTaken(records.length === 1 ? records[0].sku : 'in the file');
      throw error;
    }
  }

  private async bookOpening(product: Product, dto: CreateProductDto): Promise<void> {
    await this.stock.move({
      product,
      kind: 'opening',
      quantity: dto.openingQuantity!,
      unitCost: dto.openingUnitCost ?? dto.purchasePrice,
      reason: 'Opening stock',
    });
  }

  private openingStockProblem(dto: CreateProductDto): string | null {
    if (dto.kind === 'service' && dto.openingQuantity) return 'a service has no stock; leave openingQuantity empty';
    if (dto.openingUnitCost && !dto.openingQuantity) return 'openingUnitCost needs an openingQuantity';
    return null;
  }

  private assertOpeningStock(dto: CreateProductDto): void {
    const problem = this.openingStockProblem(dto);
    if (problem)
      throw new ProblemException(400, 'validation_failed', problem, [{ field: 'openingQuantity', message: problem }]);
  }

  private skuTaken(sku: string): ProblemException {
    return new ProblemException(409, 'conflict', `SKU ${sku} is already used by another product`, [
      { field: 'sku', message: `${sku} is already used` },
    ]);
  }
}
