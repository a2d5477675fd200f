import type {
  DocumentDetail,
  PartyAccount,
  Payment,
  PaymentMethod,
  Product,
  StockValuation,
} from '@billinator/contracts';
import Big from 'big.js';
import { ApiClient, signup } from '../support/api-client';
import {
  correct,
  createCustomer,
  createProduct,
  createSupplier,
  draftBill,
  draftInvoice,
  LineSpec,
  makePayment,
  receivePayment,
} from '../support/business';
import { removeDir, RunningServer, startServer } from '../support/server';

/**
 * A month of a small coffee-equipment shop, April 2026, replayed through the API and,
 * side by side, through a small independent model of the rules (plain big.js: no
 * shared money helpers, no server answers). At the end every figure the API shows —
 * documents, payments, stock, accounts, numbering — must equal the model's.
 */

// ---------------------------------------------------------------------------------------------
// The cast
// ---------------------------------------------------------------------------------------------

const PRODUCTS = {
  COF: { name: 'Espresso beans', unit: 'kg', kind: 'goods', taxRate: '0', opening: ['20', '8.50'] },
  MUG: { name: 'Stoneware mug', unit: 'pcs', kind: 'goods', taxRate: '20', opening: ['30', '2.40'] },
  KET: { name: 'Gooseneck kettle', unit: 'pcs', kind: 'goods', taxRate: '20', opening: null },
  FIL: { name: 'Paper filters', unit: 'pack', kind: 'goods', taxRate: '5', opening: ['100', '0.35'] },
  TRN: { name: 'Barista training', unit: 'hour', kind: 'service', taxRate: '20', opening: null },
} as const;
type Sku = keyof typeof PRODUCTS;

const CUSTOMERS = {
  CAFE: { name: 'Corner Café', terms: 14, openingBalance: '120.00' },
  OFFICE: { name: 'Hilltop Offices', terms: 30, openingBalance: '0.00' },
  WALKIN: { name: 'Walk-in customers', terms: 0, openingBalance: '0.00' },
} as const;
const SUPPLIERS = {
  ROAST: { name: 'Hill Roasters', terms: 30, openingBalance: '300.00' },
  KITCH: { name: 'Kitchen Wholesale', terms: 14, openingBalance: '0.00' },
} as const;
type CustomerKey = keyof typeof CUSTOMERS;
type SupplierKey = keyof typeof SUPPLIERS;
type PartyKey = CustomerKey | SupplierKey;

// ---------------------------------------------------------------------------------------------
// The month. Lines: [sku, quantity, unit price, tax %, discount %].
// Returns: [line no. of the invoice/bill, quantity]. Allocations: [document, amount];
// `auto` = oldest due first, `credit` = keep it all as credit.
// ---------------------------------------------------------------------------------------------

type Line = [Sku, string, string, string, string?];
type Allocations = [string, string][] | 'auto' | 'credit';
type Event = { on: string } & (
  | { do: 'bill'; doc: string; from: SupplierKey; ref: string; lines: Line[] }
  | { do: 'sell' | 'draft'; doc: string; to: CustomerKey; lines: Line[] }
  | { do: 'issue'; doc: string }
  | { do: 'credit' | 'return'; doc: string; against: string; lines: [number, string][]; reason: string }
  | { do: 'receive'; pay: string; from: CustomerKey; amount: string; method: PaymentMethod; allocate: Allocations }
  | { do: 'pay'; pay: string; to: SupplierKey; amount: string; method: PaymentMethod; allocate: Allocations }
  | { do: 'allocate'; pay: string; allocate: Allocations }
  | { do: 'reverse'; pay: string; reason: string }
  | { do: 'void'; doc: string; reason: string }
);

// prettier-ignore
const MONTH: Event[] = [
  { on: '04-01', do: 'bill', doc: 'B1', from: 'ROAST', ref: 'HR-1001', lines: [['COF', '25', '8.80', '0']] },
  { on: '04-02', do: 'sell', doc: 'S1', to: 'WALKIN', lines: [['COF', '1.250', '18.90', '0'], ['MUG', '2', '6.50', '20']] },
  { on: '04-02', do: 'receive', pay: 'R1', from: 'WALKIN', amount: '39.23', method: 'cash', allocate: [['S1', '39.23']] },
  { on: '04-03', do: 'bill', doc: 'B2', from: 'KITCH', ref: 'KW-77', lines: [['KET', '10', '18.00', '20', '10'], ['MUG', '24', '2.55', '20']] },
  { on: '04-03', do: 'sell', doc: 'S2', to: 'CAFE', lines: [['COF', '5.000', '17.50', '0', '5'], ['FIL', '50', '0.60', '5']] },
  { on: '04-05', do: 'sell', doc: 'S3', to: 'OFFICE', lines: [['KET', '3', '39.90', '20'], ['TRN', '1', '150.00', '20']] },
  // 10 × 1.01 = 10.10 at 5 % is 0.505 of tax: half-up makes it 0.51.
  { on: '04-06', do: 'sell', doc: 'S4', to: 'CAFE', lines: [['MUG', '12', '6.00', '20', '10'], ['FIL', '10', '1.01', '5']] },
  { on: '04-07', do: 'receive', pay: 'R2', from: 'CAFE', amount: '120.00', method: 'bank_transfer', allocate: 'credit' },
  { on: '04-08', do: 'draft', doc: 'S5', to: 'OFFICE', lines: [['COF', '2.375', '18.00', '0'], ['MUG', '6', '6.25', '20']] },
  { on: '04-09', do: 'sell', doc: 'S6', to: 'WALKIN', lines: [['KET', '1', '42.00', '20', '5']] },
  { on: '04-09', do: 'receive', pay: 'R3', from: 'WALKIN', amount: '47.88', method: 'card', allocate: 'auto' },
  // Prepared on the 8th, issued after S6: numbers follow the order of issue, not the dates.
  { on: '04-09', do: 'issue', doc: 'S5' },
  { on: '04-10', do: 'bill', doc: 'B3', from: 'ROAST', ref: 'HR-1022', lines: [['COF', '15.5', '9.10', '0', '2.5']] },
  { on: '04-10', do: 'receive', pay: 'R4', from: 'OFFICE', amount: '100.00', method: 'bank_transfer', allocate: [['S3', '100.00']] },
  { on: '04-11', do: 'sell', doc: 'S7', to: 'CAFE', lines: [['COF', '3.333', '18.00', '0'], ['TRN', '2', '45.00', '20']] },
  { on: '04-12', do: 'credit', doc: 'CN1', against: 'S3', lines: [[1, '1']], reason: 'One kettle arrived dented' },
  { on: '04-14', do: 'sell', doc: 'S8', to: 'OFFICE', lines: [['KET', '4', '39.90', '20', '12.5'], ['FIL', '30', '0.55', '5']] },
  { on: '04-15', do: 'bill', doc: 'B4', from: 'KITCH', ref: 'KW-90', lines: [['KET', '6', '19.50', '20'], ['FIL', '200', '0.33', '5', '5']] },
  { on: '04-16', do: 'sell', doc: 'S9', to: 'WALKIN', lines: [['MUG', '3', '6.50', '20']] },
  { on: '04-17', do: 'void', doc: 'S9', reason: 'Customer changed their mind before paying' },
  { on: '04-18', do: 'return', doc: 'DN1', against: 'B4', lines: [[1, '2']], reason: 'Two kettles with loose handles' },
  { on: '04-18', do: 'receive', pay: 'R5', from: 'CAFE', amount: '150.00', method: 'bank_transfer', allocate: 'auto' },
  { on: '04-20', do: 'pay', pay: 'P1', to: 'ROAST', amount: '520.00', method: 'bank_transfer', allocate: [['B1', '220.00']] },
  { on: '04-21', do: 'sell', doc: 'S10', to: 'CAFE', lines: [['COF', '0.875', '19.20', '0'], ['KET', '1', '41.50', '20']] },
  { on: '04-22', do: 'receive', pay: 'R6', from: 'OFFICE', amount: '200.00', method: 'cheque', allocate: 'auto' },
  { on: '04-22', do: 'bill', doc: 'B5', from: 'KITCH', ref: 'KW-104', lines: [['MUG', '36', '2.35', '20', '7.5']] },
  // The whole of S4 comes back after it was partly paid: the credit settles its balance, the rest is credit.
  { on: '04-23', do: 'credit', doc: 'CN2', against: 'S4', lines: [[1, '12'], [2, '10']], reason: 'Wrong glaze, whole order returned' },
  { on: '04-24', do: 'sell', doc: 'S11', to: 'OFFICE', lines: [['MUG', '10', '5.95', '20', '2.5'], ['FIL', '20', '0.58', '5']] },
  { on: '04-25', do: 'reverse', pay: 'R6', reason: 'Cheque bounced' },
  { on: '04-25', do: 'draft', doc: 'D1', to: 'OFFICE', lines: [['KET', '5', '39.00', '20']] },
  { on: '04-26', do: 'receive', pay: 'R7', from: 'OFFICE', amount: '560.00', method: 'bank_transfer', allocate: 'auto' },
  { on: '04-27', do: 'sell', doc: 'S12', to: 'WALKIN', lines: [['TRN', '1', '35.00', '20'], ['COF', '1.5', '18.90', '0']] },
  { on: '04-27', do: 'receive', pay: 'R8', from: 'WALKIN', amount: '70.35', method: 'cash', allocate: 'auto' },
  { on: '04-28', do: 'pay', pay: 'P2', to: 'KITCH', amount: '400.00', method: 'bank_transfer', allocate: 'auto' },
  { on: '04-29', do: 'sell', doc: 'S13', to: 'CAFE', lines: [['KET', '2', '39.90', '20'], ['MUG', '4', '6.00', '20']] },
  { on: '04-30', do: 'sell', doc: 'S14', to: 'OFFICE', lines: [['FIL', '40', '0.55', '5']] },
  // What R7 paid beyond the open invoices goes on the new one.
  { on: '04-30', do: 'allocate', pay: 'R7', allocate: 'auto' },
  { on: '04-30', do: 'receive', pay: 'R9', from: 'CAFE', amount: '200.00', method: 'bank_transfer', allocate: [['S7', '167.99'], ['S10', '32.01']] },
  { on: '04-30', do: 'draft', doc: 'D2', to: 'CAFE', lines: [['COF', '2', '18.00', '0']] },
];

const date = (on: string) => `2026-${on}`;

// ---------------------------------------------------------------------------------------------
// The model: the rules of docs/SALES-PURCHASES.md in plain big.js.
// ---------------------------------------------------------------------------------------------

const ZERO = new Big(0);
const HUNDRED = new Big(100);
const roundTo = (value: Big, places: number) => value.round(places, Big.roundHalfUp);
const cents = (value: Big) => roundTo(value, 2).toFixed(2);
const sumOf = (values: Big[]) => values.reduce((sum, v) => sum.plus(v), ZERO);

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

type Kind = 'sales_invoice' | 'credit_note' | 'purchase_invoice' | 'purchase_return';
const SERIES: Record<Kind, string> = {
  sales_invoice: 'INV',
  credit_note: 'CN',
  purchase_invoice: 'BILL',
  purchase_return: 'DN',
};

interface ModelLine {
  sku: Sku;
  quantity: Big;
  unitPrice: Big;
  discount: Big;
  rate: Big;
  gross: Big;
  taxable: Big;
  tax: Big;
  returned: Big;
  /** Unit cost the goods went out (or came in) at. */
  cost: Big | null;
}

interface ModelDocument {
  key: string;
  kind: Kind;
  party: PartyKey;
  issueDate: string;
  dueDate: string;
  number: string | null;
  status: string;
  lines: ModelLine[];
  paid: Big;
  credited: Big;
  /** Credit notes / returns: the invoice or bill they correct. */
  against: string | null;
  corrections: string[];
}

interface ModelPayment {
  key: string;
  direction: 'received' | 'made';
  party: PartyKey;
  number: string;
  amount: Big;
  status: 'posted' | 'reversed';
  allocations: { doc: string; amount: Big; reversed: boolean }[];
}

function priceLine([sku, quantity, unitPrice, rate, discount = '0']: Line): ModelLine {
  const qty = new Big(quantity);
  const price = new Big(unitPrice);
  const exact = qty.times(price);
  const taxable = roundTo(exact.times(HUNDRED.minus(discount)).div(HUNDRED), 2);
  return {
    sku,
    quantity: qty,
    unitPrice: price,
    discount: new Big(discount),
    rate: new Big(rate),
    gross: roundTo(exact, 2),
    taxable,
    tax: roundTo(taxable.times(rate).div(HUNDRED), 2),
    returned: ZERO,
    cost: null,
  };
}

const totalOf = (doc: ModelDocument) => sumOf(doc.lines.map((l) => l.taxable.plus(l.tax)));
const balanceOf = (doc: ModelDocument) =>
  doc.status === 'void' ? ZERO : totalOf(doc).minus(doc.paid).minus(doc.credited);
const isOpen = (doc: ModelDocument) => ['issued', 'posted', 'partially_paid'].includes(doc.status);

class ShopModel {
  readonly documents = new Map<string, ModelDocument>();
  readonly payments = new Map<string, ModelPayment>();
  readonly stock = new Map<Sku, { onHand: Big; average: Big | null }>();
  private readonly counters = new Map<string, number>();

  constructor() {
    for (const [sku, product] of Object.entries(PRODUCTS) as [Sku, (typeof PRODUCTS)[Sku]][]) {
      this.stock.set(sku, { onHand: ZERO, average: null });
      if (product.opening) this.stockIn(sku, new Big(product.opening[0]), new Big(product.opening[1]));
    }
  }

  doc(key: string): ModelDocument {
    const doc = this.documents.get(key);
    if (!doc) throw new Error(`the story has no document ${key}`);
    return doc;
  }

  apply(event: Event): void {
    const day = date(event.on);
    switch (event.do) {
      case 'bill':
        this.create(event.doc, 'purchase_invoice', event.from, day, event.lines);
        return this.post(event.doc);
      case 'sell':
        this.create(event.doc, 'sales_invoice', event.to, day, event.lines);
        return this.post(event.doc);
      case 'draft':
        return this.create(event.doc, 'sales_invoice', event.to, day, event.lines);
      case 'issue':
        return this.post(event.doc);
      case 'credit':
      case 'return':
        return this.correct(event.doc, event.against, day, event.lines);
      case 'receive':
        return this.receive(event.pay, 'received', event.from, event.amount, event.allocate);
      case 'pay':
        return this.receive(event.pay, 'made', event.to, event.amount, event.allocate);
      case 'allocate': {
        const payment = this.payments.get(event.pay)!;
        return this.allocate(payment, this.unallocated(payment), event.allocate);
      }
      case 'reverse':
        return this.reverse(event.pay);
      case 'void':
        return this.void(event.doc);
    }
  }

  private next(series: string): string {
    const n = (this.counters.get(series) ?? 0) + 1;
    this.counters.set(series, n);
    return `${series}-2026-${String(n).padStart(6, '0')}`;
  }

  private isGoods(sku: Sku): boolean {
    return PRODUCTS[sku].kind === 'goods';
  }

  /** Goods in: the average blends in the incoming cost (or becomes it when nothing is on hand). */
  private stockIn(sku: Sku, quantity: Big, unitCost: Big): void {
    const position = this.stock.get(sku)!;
    const cost = roundTo(unitCost, 4);
    position.average =
      position.average === null || position.onHand.lte(0)
        ? cost
        : roundTo(
            position.onHand.times(position.average).plus(quantity.times(cost)).div(position.onHand.plus(quantity)),
            4,
          );
    position.onHand = position.onHand.plus(quantity);
  }

  /** Goods out at the average, which stays; answers the unit cost. */
  private stockOut(sku: Sku, quantity: Big): Big {
    const position = this.stock.get(sku)!;
    if (position.onHand.lt(quantity)) throw new Error(`the story sells more ${sku} than the shop has`);
    position.onHand = position.onHand.minus(quantity);
    return position.average!;
  }

  private create(key: string, kind: Kind, party: PartyKey, issueDate: string, lines: Line[]): void {
    const terms =
      kind === 'sales_invoice' ? CUSTOMERS[party as CustomerKey].terms : SUPPLIERS[party as SupplierKey].terms;
    this.documents.set(key, {
      key,
      kind,
      party,
      issueDate,
      dueDate: addDays(issueDate, terms),
      number: null,
      status: 'draft',
      lines: lines.map(priceLine),
      paid: ZERO,
      credited: ZERO,
      against: null,
      corrections: [],
    });
  }

  private post(key: string): void {
    const doc = this.doc(key);
    for (const line of doc.lines.filter((l) => this.isGoods(l.sku))) {
      if (doc.kind === 'sales_invoice') {
        line.cost = this.stockOut(line.sku, line.quantity);
      } else {
        line.cost = roundTo(line.taxable.div(line.quantity), 4);
        this.stockIn(line.sku, line.quantity, line.cost);
      }
    }
    doc.number = this.next(SERIES[doc.kind]);
    doc.status = doc.kind === 'sales_invoice' ? 'issued' : 'posted';
  }

  private settle(doc: ModelDocument): void {
    const balance = balanceOf(doc);
    if (balance.lt(0)) throw new Error(`${doc.key} would be settled beyond its total`);
    const open = doc.kind === 'sales_invoice' ? 'issued' : 'posted';
    doc.status = balance.eq(0) ? 'paid' : doc.paid.plus(doc.credited).gt(0) ? 'partially_paid' : open;
  }

  /** A credit note (return) takes the lines back at their price; it is applied up to the balance. */
  private correct(key: string, against: string, issueDate: string, lines: [number, string][]): void {
    const invoice = this.doc(against);
    const kind: Kind = invoice.kind === 'sales_invoice' ? 'credit_note' : 'purchase_return';
    const returned = lines.map(([lineNo, quantity]) => {
      const source = invoice.lines[lineNo - 1];
      const qty = new Big(quantity);
      if (source.returned.plus(qty).gt(source.quantity)) throw new Error(`the story returns too much of ${against}`);
      source.returned = source.returned.plus(qty);
      const line = priceLine([
        source.sku,
        quantity,
        source.unitPrice.toString(),
        source.rate.toString(),
        source.discount.toString(),
      ]);
      if (this.isGoods(line.sku)) {
        if (kind === 'credit_note') {
          line.cost = source.cost;
          this.stockIn(line.sku, qty, source.cost!);
        } else {
          line.cost = this.stockOut(line.sku, qty);
        }
      }
      return line;
    });
    const doc: ModelDocument = {
      key,
      kind,
      party: invoice.party,
      issueDate,
      dueDate: issueDate,
      number: this.next(SERIES[kind]),
      status: 'issued',
      lines: returned,
      paid: ZERO,
      credited: ZERO,
      against,
      corrections: [],
    };
    const total = totalOf(doc);
    const balance = balanceOf(invoice);
    // `credited` of a correction: the part applied to its invoice; the rest is the party's credit.
    doc.credited = total.gt(balance) ? balance : total;
    invoice.credited = invoice.credited.plus(doc.credited);
    invoice.corrections.push(key);
    this.settle(invoice);
    this.documents.set(key, doc);
  }

  private receive(
    key: string,
    direction: 'received' | 'made',
    party: PartyKey,
    amount: string,
    allocate: Allocations,
  ): void {
    const payment: ModelPayment = {
      key,
      direction,
      party,
      number: this.next(direction === 'received' ? 'RCPT' : 'PAY'),
      amount: new Big(amount),
      status: 'posted',
      allocations: [],
    };
    this.payments.set(key, payment);
    this.allocate(payment, payment.amount, allocate);
  }

  unallocated(payment: ModelPayment): Big {
    if (payment.status === 'reversed') return ZERO;
    return payment.amount.minus(sumOf(payment.allocations.map((a) => a.amount)));
  }

  /** Open invoices (bills) of a party, oldest due first. */
  openDocuments(party: PartyKey): ModelDocument[] {
    const kind: Kind = party in CUSTOMERS ? 'sales_invoice' : 'purchase_invoice';
    return [...this.documents.values()]
      .filter((d) => d.kind === kind && d.party === party && isOpen(d) && balanceOf(d).gt(0))
      .sort(
        (a, b) =>
          a.dueDate.localeCompare(b.dueDate) ||
          a.issueDate.localeCompare(b.issueDate) ||
          a.number!.localeCompare(b.number!),
      );
  }

  private allocate(payment: ModelPayment, available: Big, allocate: Allocations): void {
    let plan: [ModelDocument, Big][] = [];
    if (allocate === 'auto') {
      let left = available;
      for (const doc of this.openDocuments(payment.party)) {
        if (left.lte(0)) break;
        const amount = balanceOf(doc).lt(left) ? balanceOf(doc) : left;
        plan.push([doc, amount]);
        left = left.minus(amount);
      }
    } else if (allocate !== 'credit') {
      plan = allocate.map(([key, amount]) => [this.doc(key), new Big(amount)]);
      for (const [doc, amount] of plan) {
        if (!isOpen(doc) || amount.gt(balanceOf(doc))) throw new Error(`the story over-allocates ${doc.key}`);
      }
      if (sumOf(plan.map(([, amount]) => amount)).gt(available)) throw new Error(`${payment.key} is too small`);
    }
    for (const [doc, amount] of plan) {
      payment.allocations.push({ doc: doc.key, amount, reversed: false });
      doc.paid = doc.paid.plus(amount);
      this.settle(doc);
    }
  }

  private reverse(key: string): void {
    const payment = this.payments.get(key)!;
    payment.status = 'reversed';
    for (const allocation of payment.allocations) {
      allocation.reversed = true;
      const doc = this.doc(allocation.doc);
      doc.paid = doc.paid.minus(allocation.amount);
      this.settle(doc);
    }
  }

  /** Void: only unpaid and uncredited; the goods come back at the cost they went out at. */
  private void(key: string): void {
    const doc = this.doc(key);
    if (doc.paid.gt(0) || doc.credited.gt(0)) throw new Error(`the story voids ${key}, which is paid or credited`);
    for (const line of doc.lines.filter((l) => this.isGoods(l.sku))) this.stockIn(line.sku, line.quantity, line.cost!);
    doc.status = 'void';
  }

  // ----- what the API should show ------------------------------------------------------------

  documentView(doc: ModelDocument) {
    const byRate = new Map<string, { taxable: Big; tax: Big }>();
    for (const line of doc.lines) {
      const rate = line.rate.toFixed(2);
      const row = byRate.get(rate) ?? { taxable: ZERO, tax: ZERO };
      byRate.set(rate, { taxable: row.taxable.plus(line.taxable), tax: row.tax.plus(line.tax) });
    }
    const isCorrection = doc.against !== null;
    return {
      number: doc.number,
      status: doc.status,
      issueDate: doc.issueDate,
      dueDate: doc.dueDate,
      subtotal: cents(sumOf(doc.lines.map((l) => l.gross))),
      discountTotal: cents(sumOf(doc.lines.map((l) => l.gross.minus(l.taxable)))),
      taxTotal: cents(sumOf(doc.lines.map((l) => l.tax))),
      total: cents(totalOf(doc)),
      amountPaid: cents(doc.paid),
      amountCredited: cents(doc.credited),
      // A correction's balance is what its invoice could not absorb.
      balance: cents(isCorrection ? totalOf(doc).minus(doc.credited) : balanceOf(doc)),
      invoiceNumber: isCorrection ? this.doc(doc.against!).number : null,
      lines: doc.lines.map((l) => ({
        quantity: l.quantity.toFixed(3),
        gross: cents(l.gross),
        taxable: cents(l.taxable),
        tax: cents(l.tax),
        total: cents(l.taxable.plus(l.tax)),
        returnedQuantity: isCorrection ? '0.000' : l.returned.toFixed(3),
      })),
      taxBreakdown: [...byRate.entries()]
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([rate, row]) => ({ rate, taxable: cents(row.taxable), tax: cents(row.tax) })),
      corrections: doc.corrections.map((k) => this.doc(k).number).sort(),
      payments: [...this.payments.values()]
        .flatMap((p) =>
          p.allocations
            .filter((a) => a.doc === doc.key)
            .map((a) => ({ number: p.number, amount: cents(a.amount), reversed: a.reversed })),
        )
        .sort(byNumberAndAmount),
    };
  }

  paymentView(payment: ModelPayment) {
    return {
      number: payment.number,
      status: payment.status,
      amount: cents(payment.amount),
      allocated: cents(sumOf(payment.allocations.map((a) => a.amount))),
      unallocated: cents(this.unallocated(payment)),
      allocations: payment.allocations
        .map((a) => ({ invoiceNumber: this.doc(a.doc).number, amount: cents(a.amount), reversed: a.reversed }))
        .sort((a, b) => a.invoiceNumber!.localeCompare(b.invoiceNumber!) || a.amount.localeCompare(b.amount)),
    };
  }

  accountView(party: PartyKey, today: string) {
    const isCustomer = party in CUSTOMERS;
    const opening = new Big(
      isCustomer ? CUSTOMERS[party as CustomerKey].openingBalance : SUPPLIERS[party as SupplierKey].openingBalance,
    );
    const docs = [...this.documents.values()].filter((d) => d.party === party && d.status !== 'draft');
    const invoices = docs.filter((d) => d.against === null && d.status !== 'void');
    const corrections = docs.filter((d) => d.against !== null);
    const payments = [...this.payments.values()].filter((p) => p.party === party && p.status === 'posted');
    const invoiced = sumOf(invoices.map(totalOf));
    const credited = sumOf(corrections.map(totalOf));
    const paid = sumOf(payments.map((p) => p.amount));
    const open = this.openDocuments(party);
    return {
      openingBalance: cents(opening),
      invoiced: cents(invoiced),
      credited: cents(credited),
      paid: cents(paid),
      balance: cents(opening.plus(invoiced).minus(credited).minus(paid)),
      unallocatedCredit: cents(
        sumOf([...payments.map((p) => this.unallocated(p)), ...corrections.map((c) => totalOf(c).minus(c.credited))]),
      ),
      overdue: cents(sumOf(open.filter((d) => d.dueDate < today).map(balanceOf))),
      openDocuments: open.map((d) => ({ number: d.number, balance: cents(balanceOf(d)) })),
    };
  }

  productView(sku: Sku) {
    const position = this.stock.get(sku)!;
    return { onHand: position.onHand.toFixed(3), averageCost: position.average?.toFixed(4) ?? null };
  }

  stockValue(): string {
    const values = [...this.stock.entries()]
      .filter(([sku, p]) => this.isGoods(sku) && p.average !== null)
      .map(([, p]) => roundTo(p.onHand.times(p.average!), 2));
    return cents(sumOf(values));
  }
}

function byNumberAndAmount(a: { number: string; amount: string }, b: { number: string; amount: string }) {
  return a.number.localeCompare(b.number) || a.amount.localeCompare(b.amount);
}

// ---------------------------------------------------------------------------------------------
// The shop: the same events through the API.
// ---------------------------------------------------------------------------------------------

function expectOk<T>(response: { status: number; body: T }, status: number, what: string): T {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

class Shop {
  readonly productIds = new Map<Sku, string>();
  readonly partyIds = new Map<PartyKey, string>();
  readonly documentIds = new Map<string, string>();
  readonly lineIds = new Map<string, string[]>();
  readonly paymentIds = new Map<string, string>();

  constructor(readonly client: ApiClient) {}

  async open(): Promise<void> {
    for (const [sku, p] of Object.entries(PRODUCTS) as [Sku, (typeof PRODUCTS)[Sku]][]) {
      const product = await createProduct(this.client, sku, {
        name: p.name,
        unit: p.unit,
        kind: p.kind,
        taxRate: p.taxRate,
        ...(p.opening ? { openingQuantity: p.opening[0], openingUnitCost: p.opening[1] } : {}),
      });
      this.productIds.set(sku, product.id);
    }
    for (const [key, c] of Object.entries(CUSTOMERS) as [CustomerKey, (typeof CUSTOMERS)[CustomerKey]][]) {
      const customer = await createCustomer(this.client, c.name, c.terms, { openingBalance: c.openingBalance });
      this.partyIds.set(key, customer.id);
    }
    for (const [key, s] of Object.entries(SUPPLIERS) as [SupplierKey, (typeof SUPPLIERS)[SupplierKey]][]) {
      const supplier = await createSupplier(this.client, s.name, s.terms, { openingBalance: s.openingBalance });
      this.partyIds.set(key, supplier.id);
    }
  }

  private lines(lines: Line[]): LineSpec[] {
    return lines.map(([sku, quantity, unitPrice, taxRate, discountPercent = '0']) => ({
      productId: this.productIds.get(sku)!,
      quantity,
      unitPrice,
      taxRate,
      discountPercent,
    }));
  }

  private remember(key: string, doc: DocumentDetail): void {
    this.documentIds.set(key, doc.id);
    this.lineIds.set(
      key,
      doc.lines.map((l) => l.id),
    );
  }

  private allocations(allocate: Allocations): { invoiceId: string; amount: string }[] | undefined {
    if (allocate === 'auto') return undefined;
    if (allocate === 'credit') return [];
    return allocate.map(([key, amount]) => ({ invoiceId: this.documentIds.get(key)!, amount }));
  }

  async apply(event: Event): Promise<void> {
    const day = date(event.on);
    const what = `${event.on} ${event.do}`;
    switch (event.do) {
      case 'bill': {
        const from = this.partyIds.get(event.from)!;
        this.remember(event.doc, await draftBill(this.client, from, event.ref, this.lines(event.lines), day));
        return this.issue(event.doc, 'purchase/invoices', 'post');
      }
      case 'sell':
      case 'draft': {
        const to = this.partyIds.get(event.to)!;
        this.remember(event.doc, await draftInvoice(this.client, to, this.lines(event.lines), day));
        if (event.do === 'sell') await this.issue(event.doc, 'sales/invoices', 'issue');
        return;
      }
      case 'issue':
        return this.issue(event.doc, 'sales/invoices', 'issue');
      case 'credit':
      case 'return': {
        const lineIds = this.lineIds.get(event.against)!;
        const correction = await correct(
          this.client,
          event.do === 'credit' ? 'credit-note' : 'purchase-return',
          this.documentIds.get(event.against)!,
          event.lines.map(([lineNo, quantity]) => ({ invoiceLineId: lineIds[lineNo - 1], quantity })),
          day,
          event.reason,
        );
        this.documentIds.set(event.doc, correction.id);
        return;
      }
      case 'receive': {
        const from = this.partyIds.get(event.from)!;
        const allocations = this.allocations(event.allocate);
        const payment = await receivePayment(this.client, from, event.amount, allocations, day, event.method);
        this.paymentIds.set(event.pay, payment.id);
        return;
      }
      case 'pay': {
        const to = this.partyIds.get(event.to)!;
        const payment = await makePayment(
          this.client,
          to,
          event.amount,
          this.allocations(event.allocate),
          day,
          event.method,
        );
        this.paymentIds.set(event.pay, payment.id);
        return;
      }
      case 'allocate': {
        const allocations = this.allocations(event.allocate);
        const path = `${this.paymentPath(event.pay)}/allocate`;
        expectOk(await this.client.post<Payment>(path, allocations ? { allocations } : {}), 200, what);
        return;
      }
      case 'reverse':
        expectOk(await this.client.post(`${this.paymentPath(event.pay)}/reverse`, { reason: event.reason }), 200, what);
        return;
      case 'void': {
        const path = `/api/v1/sales/invoices/${this.documentIds.get(event.doc)}/void`;
        expectOk(await this.client.post(path, { reason: event.reason }), 200, what);
        return;
      }
    }
  }

  private async issue(key: string, path: string, verb: string): Promise<void> {
    const url = `/api/v1/${path}/${this.documentIds.get(key)}/${verb}`;
    expectOk(await this.client.post<DocumentDetail>(url, {}), 200, `${verb} ${key}`);
  }

  private paymentPath(key: string): string {
    return `/api/v1/${key.startsWith('R') ? 'sales' : 'purchase'}/payments/${this.paymentIds.get(key)}`;
  }

  documentPath(key: string, kind: Kind): string {
    const base = {
      sales_invoice: 'sales/invoices',
      credit_note: 'sales/credit-notes',
      purchase_invoice: 'purchase/invoices',
      purchase_return: 'purchase/returns',
    }[kind];
    return `/api/v1/${base}/${this.documentIds.get(key)}`;
  }

  async documentView(key: string, kind: Kind) {
    const d = expectOk(await this.client.get<DocumentDetail>(this.documentPath(key, kind)), 200, `GET ${key}`);
    return {
      number: d.number,
      status: d.status,
      issueDate: d.issueDate,
      dueDate: d.dueDate,
      subtotal: d.subtotal,
      discountTotal: d.discountTotal,
      taxTotal: d.taxTotal,
      total: d.total,
      amountPaid: d.amountPaid,
      amountCredited: d.amountCredited,
      balance: d.balance,
      invoiceNumber: d.invoiceNumber,
      lines: d.lines.map((l) => ({
        quantity: l.quantity,
        gross: l.gross,
        taxable: l.taxable,
        tax: l.tax,
        total: l.total,
        returnedQuantity: l.returnedQuantity,
      })),
      taxBreakdown: [...d.taxBreakdown].sort((a, b) => Number(a.rate) - Number(b.rate)),
      corrections: d.corrections.map((c) => c.number).sort(),
      payments: d.payments
        .map((p) => ({ number: p.number, amount: p.amount, reversed: p.reversed }))
        .sort(byNumberAndAmount),
    };
  }

  async paymentView(key: string) {
    const p = expectOk(await this.client.get<Payment>(this.paymentPath(key)), 200, `GET ${key}`);
    return {
      number: p.number,
      status: p.status,
      amount: p.amount,
      allocated: p.allocated,
      unallocated: p.unallocated,
      allocations: p.allocations
        .map((a) => ({ invoiceNumber: a.invoiceNumber, amount: a.amount, reversed: a.reversed }))
        .sort((a, b) => a.invoiceNumber.localeCompare(b.invoiceNumber) || a.amount.localeCompare(b.amount)),
    };
  }

  async accountView(party: PartyKey) {
    const path = `/api/v1/${party in CUSTOMERS ? 'customers' : 'suppliers'}/${this.partyIds.get(party)}/account`;
    const a = expectOk(await this.client.get<PartyAccount>(path), 200, `account of ${party}`);
    return {
      openingBalance: a.openingBalance,
      invoiced: a.invoiced,
      credited: a.credited,
      paid: a.paid,
      balance: a.balance,
      unallocatedCredit: a.unallocatedCredit,
      overdue: a.overdue,
      openDocuments: a.openDocuments.map((d) => ({ number: d.number, balance: d.balance })),
    };
  }

  async productView(sku: Sku) {
    const p = expectOk(await this.client.get<Product>(`/api/v1/products/${this.productIds.get(sku)}`), 200, sku);
    return { onHand: p.onHand, averageCost: p.averageCost };
  }
}

// ---------------------------------------------------------------------------------------------
// The replay
// ---------------------------------------------------------------------------------------------

describe('a month of a small shop, replayed against an independent model', () => {
  let server: RunningServer;
  let shop: Shop;
  const model = new ShopModel();
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    server = await startServer();
    const { client } = await signup(server.baseUrl, 'Bean & Kettle');
    shop = new Shop(client);
    await shop.open();
    for (const event of MONTH) {
      await shop.apply(event);
      model.apply(event);
    }
  });

  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it('tells a month with every kind of event (and the model agrees with figures worked by hand)', () => {
    const kinds = new Set(MONTH.map((e) => e.do));
    expect([...kinds].sort()).toEqual(
      ['allocate', 'bill', 'credit', 'draft', 'issue', 'pay', 'receive', 'return', 'reverse', 'sell', 'void'].sort(),
    );
    // A few figures by hand, so the model is checked too, not only trusted.
    expect(model.documentView(model.doc('S1'))).toMatchObject({ total: '39.23', taxTotal: '2.60' }); // 1.25 × 18.90 = 23.625 → 23.63
    expect(model.documentView(model.doc('S4')).lines[1]).toMatchObject({ taxable: '10.10', tax: '0.51' }); // 0.505 → 0.51
    expect(model.documentView(model.doc('B3')).total).toBe('137.52'); // 15.5 × 9.10 × 97.5 % = 137.52375
    expect(model.documentView(model.doc('CN2'))).toMatchObject({
      total: '88.37',
      amountCredited: '53.00',
      balance: '35.37',
    });
    expect(model.documentView(model.doc('S4'))).toMatchObject({
      status: 'paid',
      amountPaid: '35.37',
      amountCredited: '53.00',
    });
    expect(model.productView('KET')).toEqual({ onHand: '4.000', averageCost: '18.4000' }); // (3 × 16.20 + 6 × 19.50) / 9
    expect(model.accountView('CAFE', today)).toMatchObject({ balance: '123.78', unallocatedCredit: '155.37' });
  });

  it('numbers every series gaplessly in the order things were issued', async () => {
    const expected: Record<string, string | null> = {};
    const actual: Record<string, string | null> = {};
    for (const doc of model.documents.values()) {
      expected[doc.key] = doc.number;
      actual[doc.key] = (await shop.documentView(doc.key, doc.kind)).number;
    }
    for (const payment of model.payments.values()) {
      expected[payment.key] = payment.number;
      actual[payment.key] = (await shop.paymentView(payment.key)).number;
    }
    expect(actual).toEqual(expected);
    // Independently of the model: each series is 1..n with no gap, and drafts have no number.
    const series = (prefix: string) =>
      Object.values(actual)
        .filter((n): n is string => n?.startsWith(`${prefix}-`) ?? false)
        .sort();
    const run = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => `${prefix}-2026-${String(i + 1).padStart(6, '0')}`);
    expect(series('INV')).toEqual(run('INV', 14));
    expect(series('CN')).toEqual(run('CN', 2));
    expect(series('BILL')).toEqual(run('BILL', 5));
    expect(series('DN')).toEqual(run('DN', 1));
    expect(series('RCPT')).toEqual(run('RCPT', 9));
    expect(series('PAY')).toEqual(run('PAY', 2));
    expect([actual['S6'], actual['S5']]).toEqual(['INV-2026-000005', 'INV-2026-000006']);
    expect([actual['D1'], actual['D2']]).toEqual([null, null]);
  });

  it('shows every invoice, bill, credit note and return exactly as the model', async () => {
    const expected: Record<string, unknown> = {};
    const actual: Record<string, unknown> = {};
    for (const doc of model.documents.values()) {
      expected[doc.key] = model.documentView(doc);
      actual[doc.key] = await shop.documentView(doc.key, doc.kind);
    }
    expect(actual).toEqual(expected);
  });

  it('shows every payment received and made exactly as the model', async () => {
    const expected: Record<string, unknown> = {};
    const actual: Record<string, unknown> = {};
    for (const payment of model.payments.values()) {
      expected[payment.key] = model.paymentView(payment);
      actual[payment.key] = await shop.paymentView(payment.key);
    }
    expect(actual).toEqual(expected);
  });

  it('keeps on hand and moving average cost of every product, and the stock valuation', async () => {
    const expected: Record<string, unknown> = {};
    const actual: Record<string, unknown> = {};
    for (const sku of Object.keys(PRODUCTS) as Sku[]) {
      expected[sku] = model.productView(sku);
      actual[sku] = await shop.productView(sku);
    }
    expect(actual).toEqual(expected);
    const valuation = expectOk(await shop.client.get<StockValuation>('/api/v1/stock/valuation'), 200, 'valuation');
    expect(valuation.totalValue).toBe(model.stockValue());
  });

  it('states every customer and supplier account exactly as the model', async () => {
    const expected: Record<string, unknown> = {};
    const actual: Record<string, unknown> = {};
    for (const party of [...Object.keys(CUSTOMERS), ...Object.keys(SUPPLIERS)] as PartyKey[]) {
      expected[party] = model.accountView(party, today);
      actual[party] = await shop.accountView(party);
    }
    expect(actual).toEqual(expected);
  });

  it('keeps an audit chain that verifies', async () => {
    const verify = await shop.client.post<{ ok: boolean; checked: number }>('/api/v1/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body.ok).toBe(true);
    expect(verify.body.checked).toBeGreaterThan(MONTH.length);
  });
});
