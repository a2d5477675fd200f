import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { PaymentMethod, Product } from '@billinator/contracts';
import { dec, money } from '@billinator/money';
import { AuthService } from '../auth/auth.service';
import { addDays, today } from '../common/date.validator';
import { BatchDraft, BatchIssued, BatchIssueService } from '../documents/batch-issue.service';
import { BatchPayment, BatchPaymentsService } from '../documents/batch-payments.service';
import { CorrectionsService } from '../documents/corrections.service';
import { ListProductsQueryDto } from '../inventory/dto/product.dto';
import { ProductsService } from '../inventory/products.service';
import { ListPartiesQueryDto } from '../parties/party.dto';
import { SuppliersService } from '../purchase/suppliers.service';
import { CustomersService } from '../sales/customers.service';
import { Actor, RequestContext } from '../tenancy/request-context';
import { UsersRepository } from '../users/users.repository';

export const HISTORY_PASSWORD = 'demo-pass-2026';

export interface HistoryOptions {
  /** Sales invoices to issue over the period. */
  invoices: number;
  /** Names the tenant and its owner: `owner@history-<n>.billinator.test`. */
  tenantIndex?: number;
  months?: number;
  /** Invoices per transaction. */
  batchSize?: number;
  seed?: number;
  progress?: (message: string) => void;
}

export interface HistoryResult {
  tenantId: string;
  tenantName: string;
  email: string;
  password: string;
  reused: boolean;
  products: number;
  customers: number;
  suppliers: number;
  bills: number;
  invoices: number;
  lines: number;
  creditNotes: number;
  paymentsReceived: number;
  paymentsMade: number;
  seconds: number;
}

/** mulberry32: a small seeded generator, so a size always makes the same history. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Alpine', 'Harbor', 'Linden', 'Maple', 'Nordic', 'Oak', 'River', 'Summit', 'Sunny', 'Urban', 'Valley'];
const SECOND = [
  'Bakery',
  'Bistro',
  'Café',
  'Deli',
  'Grocers',
  'Hotel',
  'Kitchen',
  'Market',
  'Pantry',
  'Store',
  'Tea Room',
];
const SUFFIX = ['Ltd', 'GmbH', 'SARL', 'BV', 'Co.', 'AG', '& Sons', 'Group'];
const GOODS = ['Green tea', 'Black tea', 'Herbal tea', 'Espresso beans', 'Filter coffee', 'Cocoa', 'Honey', 'Syrup'];
const SIZES = ['100 g', '250 g', '500 g', '1 kg', '12 pack', 'tin'];
const SERVICES = ['Barista training', 'Machine service', 'Tasting session', 'Delivery', 'Menu consulting'];
const METHODS: PaymentMethod[] = ['bank_transfer', 'bank_transfer', 'bank_transfer', 'card', 'cash', 'cheque'];
const TAX_RATES = ['19', '7', '7', '7', '0'];
const DISCOUNTS = ['0', '0', '0', '0', '0', '0', '0', '2', '5', '10', '15'];

/**
 * Builds a trading history of any size for one tenant through the services (sign-up, products,
 * parties, bills, invoices, credit notes, payments), so every figure obeys the same rules as
 * one entered by hand. Invoices, bills and payments go through the batch services (one
 * transaction per batch); credit notes through CorrectionsService one by one.
 */
@Injectable()
export class HistoryGenerator {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersRepository,
    private readonly context: RequestContext,
    private readonly cls: ClsService,
    private readonly products: ProductsService,
    private readonly customers: CustomersService,
    private readonly suppliers: SuppliersService,
    private readonly batch: BatchIssueService,
    private readonly batchPayments: BatchPaymentsService,
    private readonly corrections: CorrectionsService,
  ) {}

  async generate(options: HistoryOptions): Promise<HistoryResult> {
    const started = Date.now();
    const index = options.tenantIndex ?? 1;
    const email = `owner@history-${index}.billinator.test`;
    const tenantName = `History Trading ${index}`;
    const log = options.progress ?? (() => undefined);
    const { actor, reused } = await this.cls.run(() => this.owner(email, tenantName));
    const result = await this.context.runAs(actor.tenantId, actor, () =>
      this.history(options, random(options.seed ?? index * 7919), log),
    );
    return {
      tenantId: actor.tenantId,
      tenantName,
      email,
      password: HISTORY_PASSWORD,
      reused,
      ...result,
      seconds: (Date.now() - started) / 1000,
    };
  }

  private async owner(email: string, tenantName: string): Promise<{ actor: Actor; reused: boolean }> {
    const existing = await this.users.findByEmailForLogin(email);
    if (existing) {
      const actor = {
        userId: existing.id,
        tenantId: existing.tenant_id,
        email,
        role: existing.role,
        sessionId: 'history',
      };
      return { actor, reused: true };
    }
    const session = await this.auth.signup(
      { tenantName, name: 'Hannah History', email, password: HISTORY_PASSWORD, currency: 'EUR', invoicePrefix: 'INV' },
      'history-generator',
    );
    const user = session.user;
    const actor = { userId: user.id, tenantId: user.tenant.id, email, role: 'owner' as const, sessionId: 'history' };
    return { actor, reused: false };
  }

  private async history(options: HistoryOptions, rand: () => number, log: (message: string) => void) {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
    const n = options.invoices;
    const batchSize = options.batchSize ?? 500;
    const months = options.months ?? 24;
    const { products, customers, suppliers } = await this.catalog(n, rand, pick);
    log(`catalog: ${products.length} products, ${customers.length} customers, ${suppliers.length} suppliers`);
    const goods = products.filter((p) => p.kind === 'goods');
    const supplierOf = new Map(goods.map((p, i) => [p.id, suppliers[i % suppliers.length]]));
    const onHand = new Map(goods.map((p) => [p.id, Number(p.onHand)]));

    const end = today();
    const first = new Date(`${end.slice(0, 7)}-01T00:00:00Z`);
    first.setUTCMonth(first.getUTCMonth() - (months - 1));
    const monthStarts = Array.from({ length: months }, (_, i) => {
      const d = new Date(first);
      d.setUTCMonth(d.getUTCMonth() + i);
      return d.toISOString().slice(0, 10);
    });
    // Business grows over the period and has a seasonal swing.
    const weights = monthStarts.map((_, i) => (1 + i / months) * (1 + 0.25 * Math.sin((i / 12) * 2 * Math.PI)));
    const weightSum = weights.reduce((a, b) => a + b, 0);
    const perMonth = weights.map((w) => Math.floor((w / weightSum) * n));
    perMonth[months - 1] += n - perMonth.reduce((a, b) => a + b, 0);

    const runTag = Date.now().toString(36).slice(-5).toUpperCase();
    const totals = { bills: 0, invoices: 0, lines: 0, creditNotes: 0, paymentsReceived: 0, paymentsMade: 0 };
    const started = Date.now();
    const timing = { issue: 0, credit: 0, pay: 0 };
    for (let m = 0; m < months; m++) {
      const monthStart = monthStarts[m];
      const nextMonth = m + 1 < months ? monthStarts[m + 1] : addDays(end, 1);
      const lastDay = addDays(nextMonth, -1) < end ? addDays(nextMonth, -1) : end;
      const span = Math.max(1, (Date.parse(lastDay) - Date.parse(monthStart)) / 86_400_000 + 1);
      const drafts: BatchDraft[] = [];
      const demand = new Map<string, number>();
      for (let i = 0; i < perMonth[m]; i++) {
        const customer = customers[Math.floor(customers.length * rand() ** 1.6)];
        const count = Math.min(8, 1 + Math.floor(8 * rand() ** 0.65));
        const used = new Set<string>();
        const lines = [];
        for (let l = 0; l < count; l++) {
          const product = products[Math.floor(products.length * rand() ** 1.8)];
          if (used.has(product.id)) continue;
          used.add(product.id);
          const quantity =
            product.kind === 'goods'
              ? String(1 + Math.floor(rand() ** 2 * 24))
              : (0.5 * (1 + Math.floor(rand() * 12))).toFixed(1);
          if (product.kind === 'goods') demand.set(product.id, (demand.get(product.id) ?? 0) + Number(quantity));
          const price = rand() < 0.8 ? dec(product.salePrice) : dec(product.salePrice).times(0.9 + rand() * 0.2);
          lines.push({
            productId: product.id,
            quantity,
            unitPrice: price.toFixed(2),
            discountPercent: pick(DISCOUNTS),
            taxRate: product.taxRate,
          });
        }
        drafts.push({
          partyId: customer.id,
          issueDate: addDays(monthStart, Math.min(span - 1, Math.floor(rand() * span))),
          lines,
        });
      }
      drafts.sort((a, b) => (a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : 0));

      // Bills at the start of the month restock what the month will sell, with a margin.
      const bills = new Map<string, BatchDraft>();
      for (const product of goods) {
        const want = demand.get(product.id) ?? 0;
        const have = onHand.get(product.id)!;
        const target = want * 1.15 + Number(product.reorderLevel) + 10;
        if (have >= target) continue;
        const quantity = Math.ceil((target - have) / 10) * 10;
        const supplier = supplierOf.get(product.id)!;
        const bill = bills.get(supplier.id) ?? {
          partyId: supplier.id,
          issueDate: monthStart,
          supplierBillNumber: `${supplier.name.slice(0, 3).toUpperCase()}-${monthStart.slice(0, 7)}-${runTag}`,
          lines: [],
        };
        bill.lines.push({
          productId: product.id,
          quantity: String(quantity),
          unitPrice: dec(product.purchasePrice)
            .times(0.95 + rand() * 0.1)
            .toFixed(2),
          discountPercent: rand() < 0.2 ? '3' : '0',
          taxRate: product.taxRate,
        });
        bills.set(supplier.id, bill);
        onHand.set(product.id, have + quantity);
      }
      for (const [id, quantity] of demand) onHand.set(id, onHand.get(id)! - quantity);
      const postedBills = await this.batch.issueBatch('purchase_invoice', [...bills.values()]);
      totals.bills += postedBills.length;

      for (let start = 0; start < drafts.length; start += batchSize) {
        let t0 = Date.now();
        const issued = await this.batch.issueBatch('sales_invoice', drafts.slice(start, start + batchSize));
        timing.issue += Date.now() - t0;
        t0 = Date.now();
        totals.invoices += issued.length;
        totals.lines += issued.reduce((sum, d) => sum + d.lines.length, 0);
        const balances = await this.creditNotes(issued, rand, end, totals);
        timing.credit += Date.now() - t0;
        t0 = Date.now();
        totals.paymentsReceived += await this.payReceived(issued, balances, rand, pick, end);
        timing.pay += Date.now() - t0;
      }
      totals.paymentsMade += await this.payMade(postedBills, rand, end);
      const seconds = (Date.now() - started) / 1000;
      log(
        `${monthStart.slice(0, 7)}: ${totals.invoices}/${n} invoices, ${totals.lines} lines, ` +
          `${totals.bills} bills, ${totals.paymentsReceived} payments, ${(totals.invoices / seconds).toFixed(0)} invoices/s` +
          ` (ms issuing ${timing.issue}, credit notes ${timing.credit}, payments ${timing.pay})`,
      );
    }
    return { products: products.length, customers: customers.length, suppliers: suppliers.length, ...totals };
  }

  /** About 0.5 % of invoices get a credit note for part of one line, through the normal route. */
  private async creditNotes(
    issued: readonly BatchIssued[],
    rand: () => number,
    end: string,
    totals: { creditNotes: number },
  ): Promise<Map<string, string>> {
    const balances = new Map(issued.map((d) => [d.id, d.total]));
    for (const invoice of issued) {
      if (rand() >= 0.005) continue;
      const line = invoice.lines[Math.floor(rand() * invoice.lines.length)];
      const quantity = dec(line.quantity).gt(1) ? '1' : line.quantity;
      const issueDate = addDays(invoice.issueDate, 1 + Math.floor(rand() * 10));
      const note = await this.corrections.create('credit_note', {
        invoiceId: invoice.id,
        issueDate: issueDate > end ? end : issueDate,
        reason: rand() < 0.5 ? 'Damaged in transit' : 'Wrong item delivered',
        lines: [{ invoiceLineId: line.id, quantity }],
      });
      balances.set(invoice.id, money(dec(invoice.total).minus(dec(note.total))));
      totals.creditNotes++;
    }
    return balances;
  }

  /** Most invoices are paid (some late), some partially, some not yet — the old ones are overdue. */
  private async payReceived(
    issued: readonly BatchIssued[],
    balances: ReadonlyMap<string, string>,
    rand: () => number,
    pick: <T>(items: readonly T[]) => T,
    end: string,
  ): Promise<number> {
    const payments: BatchPayment[] = [];
    for (const invoice of issued) {
      const balance = dec(balances.get(invoice.id)!);
      if (balance.lte(0)) continue;
      const fate = rand();
      if (fate >= 0.9) continue;
      const terms = (Date.parse(invoice.dueDate) - Date.parse(invoice.issueDate)) / 86_400_000;
      const date = addDays(invoice.issueDate, Math.floor(rand() ** 0.7 * (terms + 25)));
      if (date > end) continue;
      const amount = fate < 0.82 ? balance : balance.times(0.3 + rand() * 0.4).round(2, 0);
      if (amount.lte(0)) continue;
      payments.push({
        partyId: invoice.partyId,
        date,
        amount: money(amount),
        method: pick(METHODS),
        reference: invoice.number,
        allocations: [{ invoiceId: invoice.id, amount: money(amount) }],
      });
    }
    await this.batchPayments.createBatch('received', payments);
    return payments.length;
  }

  private async payMade(bills: readonly BatchIssued[], rand: () => number, end: string): Promise<number> {
    const payments: BatchPayment[] = [];
    for (const bill of bills) {
      const date = addDays(bill.issueDate, 10 + Math.floor(rand() * 30));
      if (date > end) continue;
      const amount = rand() < 0.9 ? dec(bill.total) : dec(bill.total).times(0.5).round(2, 0);
      payments.push({
        partyId: bill.partyId,
        date,
        amount: money(amount),
        method: 'bank_transfer',
        reference: bill.number,
        allocations: [{ invoiceId: bill.id, amount: money(amount) }],
      });
    }
    await this.batchPayments.createBatch('made', payments);
    return payments.length;
  }

  /** The tenant's products, customers and suppliers: read when it exists, else created. */
  private async catalog(n: number, rand: () => number, pick: <T>(items: readonly T[]) => T) {
    let products = await this.allProducts();
    if (products.length === 0) {
      for (let i = 0; i < 130; i++) {
        const service = i % 13 === 12;
        const sale = service ? 40 + Math.floor(rand() * 80) : 2 + rand() * 60;
        const purchase = sale * (0.5 + rand() * 0.2);
        const quantity = 50 + Math.floor(rand() * 200);
        await this.products.create({
          sku: `${service ? 'SRV' : 'GDS'}-${String(i + 1).padStart(4, '0')}`,
          name: service ? `${pick(SERVICES)} ${i + 1}` : `${pick(GOODS)} ${pick(SIZES)} #${i + 1}`,
          unit: service ? 'h' : 'pcs',
          kind: service ? 'service' : 'goods',
          salePrice: sale.toFixed(2),
          purchasePrice: purchase.toFixed(2),
          taxRate: service ? '19' : pick(TAX_RATES),
          reorderLevel: service ? '0' : String(10 + Math.floor(rand() * 40)),
          ...(service ? {} : { openingQuantity: String(quantity), openingUnitCost: purchase.toFixed(2) }),
        });
      }
      products = await this.allProducts();
    }
    let customers = await this.allParties((q) => this.customers.list(q));
    if (customers.length === 0) {
      const count = Math.max(25, Math.min(2000, Math.round(n / 100)));
      for (let i = 0; i < count; i++) {
        await this.customers.create({
          name: `${pick(FIRST)} ${pick(SECOND)} ${pick(SUFFIX)} ${i + 1}`,
          email: `accounts${i + 1}@customer.example`,
          paymentTermsDays: pick([14, 30, 30, 30, 45]),
        });
      }
      customers = await this.allParties((q) => this.customers.list(q));
    }
    let suppliers = await this.allParties((q) => this.suppliers.list(q));
    if (suppliers.length === 0) {
      for (let i = 0; i < 8; i++) {
        await this.suppliers.create({
          name: `${pick(FIRST)} Wholesale ${pick(SUFFIX)} ${i + 1}`,
          email: `billing${i + 1}@supplier.example`,
          paymentTermsDays: 30,
        });
      }
      suppliers = await this.allParties((q) => this.suppliers.list(q));
    }
    return {
      products: products.filter((p) => p.active),
      customers: customers.filter((c) => c.active),
      suppliers: suppliers.filter((s) => s.active),
    };
  }

  private async allProducts(): Promise<Product[]> {
    const all: Product[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await this.products.list(Object.assign(new ListProductsQueryDto(), { limit: 500, offset }));
      all.push(...page.items);
      if (page.items.length < 500) return all.sort((a, b) => (a.sku < b.sku ? -1 : 1));
    }
  }

  private async allParties<T extends { id: string; name: string; active: boolean }>(
    list: (query: ListPartiesQueryDto) => Promise<{ items: T[] }>,
  ): Promise<T[]> {
    const all: T[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await list(Object.assign(new ListPartiesQueryDto(), { limit: 500, offset }));
      all.push(...page.items);
      if (page.items.length < 500) return all.sort((a, b) => (a.name < b.name ? -1 : 1));
    }
  }
}
