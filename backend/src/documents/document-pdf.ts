import PDFDocument from 'pdfkit';
import type { DocumentDetail, DocumentLine, DocumentStatus } from '@billinator/contracts';

/**
 * Printable PDF of a sales invoice, credit note, bill or purchase return (A4, built-in Helvetica).
 * Amounts are printed from the decimal strings as they are (thousands separators inserted into
 * the string, never through floating point).
 */
export interface DocumentPdfInput {
  title: string; // e.g. 'Invoice', 'Credit note', 'Bill', 'Purchase return'
  tenant: { name: string; address: string | null; taxId: string | null; currency: string };
  party: { label: string; name: string; address: string | null; taxId: string | null; email: string | null }; // label: 'Bill to' / 'Supplier'
  document: DocumentDetail;
  generatedAt: string; // ISO timestamp, printed in the footer
}

/** @internal Rendering switches for tests: `compress: false` keeps the content streams readable. */
export interface DocumentPdfRenderOptions {
  compress?: boolean;
}

type Doc = PDFKit.PDFDocument;
type Align = 'left' | 'right' | 'center';

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 48;
const FIRST_PAGE_TOP = 44;
/** Pages after the first start below a one-line continuation header. */
const CONTENT_TOP = 86;
const CONTENT_BOTTOM_MARGIN = 70;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const RIGHT_EDGE = PAGE_WIDTH - MARGIN_X;
const MAX_Y = PAGE_HEIGHT - CONTENT_BOTTOM_MARGIN;

const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';

const COLOR = {
  text: '#1f2937',
  muted: '#6b7280',
  faint: '#9ca3af',
  accent: '#1e3a5f',
  rule: '#d1d5db',
  rowRule: '#e5e7eb',
  headerFill: '#eef2f6',
  boxFill: '#f8fafc',
};

const STATUS_BADGES: Record<DocumentStatus, { label: string; color: string }> = {
  draft: { label: 'DRAFT', color: '#6b7280' },
  issued: { label: 'ISSUED', color: '#1d4ed8' },
  posted: { label: 'POSTED', color: '#1d4ed8' },
  partially_paid: { label: 'PARTIALLY PAID', color: '#b45309' },
  paid: { label: 'PAID', color: '#15803d' },
  void: { label: 'VOID', color: '#b91c1c' },
  sent: { label: 'SENT', color: '#1d4ed8' },
  accepted: { label: 'ACCEPTED', color: '#15803d' },
  rejected: { label: 'REJECTED', color: '#b91c1c' },
  expired: { label: 'EXPIRED', color: '#6b7280' },
  converted: { label: 'INVOICED', color: '#15803d' },
};
const OVERDUE_COLOR = '#b91c1c';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Lines table: description takes what the fixed columns leave. */
interface Column {
  key: 'description' | 'quantity' | 'unit' | 'unitPrice' | 'discount' | 'taxRate' | 'amount';
  header: string;
  width: number;
  align: Align;
}
const FIXED_COLUMNS: Column[] = [
  { key: 'quantity', header: 'Qty', width: 50, align: 'right' },
  { key: 'unit', header: 'Unit', width: 38, align: 'left' },
  { key: 'unitPrice', header: 'Unit price', width: 72, align: 'right' },
  { key: 'discount', header: 'Disc. %', width: 44, align: 'right' },
  { key: 'taxRate', header: 'Tax %', width: 40, align: 'right' },
  { key: 'amount', header: 'Amount', width: 82, align: 'right' },
];
const COLUMNS: Column[] = [
  {
    key: 'description',
    header: 'Description',
    width: CONTENT_WIDTH - FIXED_COLUMNS.reduce((sum, c) => sum + c.width, 0),
    align: 'left',
  },
  ...FIXED_COLUMNS,
];
const CELL_PAD_X = 5;
const CELL_PAD_Y = 5;
const TABLE_HEADER_HEIGHT = 20;
/** A line's description is cut beyond this height, so that every row fits on a page. */
const MAX_ROW_TEXT_HEIGHT = 360;

// ---------------------------------------------------------------------------------------------
// Text helpers (exported for tests)

/** '1234567.89' → '1,234,567.89'; the digits are never re-computed. Unrecognised input is returned as is. */
export function formatAmount(value: string): string {
  const match = /^([+-]?)(\d+)(\.\d+)?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, int, frac = ''] = match;
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign === '-' ? '-' : ''}${grouped}${frac}`;
}

/** '1234.50' with 'EUR' → 'EUR 1,234.50'; a negative amount → '-EUR 1,234.50'. */
export function formatMoney(value: string, currency: string): string {
  const formatted = formatAmount(value);
  return formatted.startsWith('-') ? `-${currency} ${formatted.slice(1)}` : `${currency} ${formatted}`;
}

/** Drops trailing zero decimals: '2.000' → '2', '1.250' → '1.25', '20.00' → '20'. */
export function trimDecimal(value: string): string {
  const match = /^([+-]?\d+)\.(\d+)$/.exec(value.trim());
  if (!match) return value;
  const frac = match[2].replace(/0+$/, '');
  return frac ? `${match[1]}.${frac}` : match[1];
}

function isZero(value: string): boolean {
  return /^[+-]?0*(\.0*)?$/.test(value.trim());
}

/** '2026-03-05' → '5 Mar 2026' (from the string, no time zone involved). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const month = MONTHS[Number(match[2]) - 1];
  return month ? `${Number(match[3])} ${month} ${match[1]}` : value;
}

function formatTimestamp(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const iso = date.toISOString();
  return `${formatDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;
}

/** Characters that WinAnsi (the encoding of the built-in fonts) has beyond Latin-1. */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Letters and signs with no WinAnsi form and no decomposition. */
const LOOKALIKES: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŧ: 'T',
  ŧ: 't',
  '\u2010': '-',
  '\u2011': '-',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u200b': '',
};

function isPrintable(code: number): boolean {
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);
}

/**
 * The built-in Helvetica only knows WinAnsi: accents outside it lose their mark (ő → o),
 * anything else becomes '?', control characters become spaces; newlines are kept.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n')) {
    const code = char.codePointAt(0) ?? 0x3f;
    if (char === '\n' || isPrintable(code)) {
      out += char;
      continue;
    }
    if (char === '\t' || code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      out += ' ';
      continue;
    }
    const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (base && [...base].every((c) => isPrintable(c.codePointAt(0) ?? 0))) out += base;
    else if (LOOKALIKES[char] !== undefined) out += LOOKALIKES[char];
    else if (code >= 0x2000 && code <= 0x200b) out += ' ';
    else out += '?';
  }
  return out;
}

function clean(value: string | null | undefined): string {
  return value ? toWinAnsi(value).trim() : '';
}

// ---------------------------------------------------------------------------------------------
// Renderer

class DocumentPdfRenderer {
  private readonly doc: Doc;
  private readonly currency: string;
  private readonly docLabel: string;
  private readonly isInvoiceOrBill: boolean;
  private readonly isCorrection: boolean;
  private y = FIRST_PAGE_TOP;

  constructor(
    private readonly input: DocumentPdfInput,
    options: DocumentPdfRenderOptions,
  ) {
    const { document, tenant, party } = input;
    this.currency = clean(tenant.currency) || 'EUR';
    this.docLabel = `${clean(input.title)} ${clean(document.number) || 'DRAFT'}`;
    this.isInvoiceOrBill = document.kind === 'sales_invoice' || document.kind === 'purchase_invoice';
    this.isCorrection = document.kind === 'credit_note' || document.kind === 'purchase_return';
    const created = new Date(input.generatedAt);
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: CONTENT_TOP, bottom: CONTENT_BOTTOM_MARGIN, left: MARGIN_X, right: MARGIN_X },
      bufferPages: true,
      compress: options.compress ?? true,
      info: {
        Title: this.docLabel,
        Author: clean(tenant.name),
        Subject: `${clean(input.title)} for ${clean(party.name)}`,
        Creator: 'Billinator',
        ...(Number.isNaN(created.getTime()) ? {} : { CreationDate: created, ModDate: created }),
      },
    });
  }

  render(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.header();
    this.partyAndDetails();
    this.reasonBox();
    this.linesTable();
    this.summary();
    this.notes();
    this.pageDecorations();
    this.doc.end();
    return done;
  }

  // --- primitives -----------------------------------------------------------------------------

  private font(name: string, size: number, color = COLOR.text): Doc {
    return this.doc.font(name).fontSize(size).fillColor(color);
  }

  /** Single line of text, shortened with an ellipsis when it does not fit `width`. */
  private line(text: string, x: number, y: number, width: number, align: Align = 'left'): void {
    this.doc.text(this.fit(text, width), x, y, { width, align, lineBreak: false });
  }

  private fit(text: string, width: number): string {
    const single = text.replace(/\s*\n\s*/g, ', ');
    if (this.doc.widthOfString(single) <= width) return single;
    let low = 0;
    let high = single.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (this.doc.widthOfString(`${single.slice(0, mid).trimEnd()}\u2026`) <= width) low = mid;
      else high = mid - 1;
    }
    return `${single.slice(0, low).trimEnd()}\u2026`;
  }

  /** Cuts wrapped text (with an ellipsis) so that it is at most `maxHeight` tall: a row must fit on a page. */
  private clampHeight(text: string, width: number, maxHeight: number): string {
    const height = (t: string) => this.doc.heightOfString(t, { width, lineGap: 1 });
    if (height(text) <= maxHeight) return text;
    let low = 0;
    let high = text.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (height(`${text.slice(0, mid).trimEnd()}\u2026`) <= maxHeight) low = mid;
      else high = mid - 1;
    }
    return `${text.slice(0, low).trimEnd()}\u2026`;
  }

  /** Wrapped text; returns its height. */
  private block(text: string, x: number, y: number, width: number, align: Align = 'left'): number {
    if (!text) return 0;
    const height = this.doc.heightOfString(text, { width, lineGap: 1 });
    this.doc.text(text, x, y, { width, align, lineGap: 1 });
    return height;
  }

  private rule(y: number, color = COLOR.rule, x1 = MARGIN_X, x2 = RIGHT_EDGE, width = 0.75): void {
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke().restore();
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = CONTENT_TOP;
  }

  private ensureSpace(height: number): void {
    if (this.y + height > MAX_Y) this.newPage();
  }

  /** Pill with white text, right edge at `right`; returns its left edge. */
  private badge(label: string, right: number, y: number, color: string): number {
    this.font(FONT_BOLD, 8);
    const width = this.doc.widthOfString(label) + 14;
    const x = right - width;
    this.doc.save().roundedRect(x, y, width, 16, 3).fill(color).restore();
    this.font(FONT_BOLD, 8, '#ffffff');
    this.doc.text(label, x, y + 4.5, { width, align: 'center', lineBreak: false });
    return x;
  }

  // --- sections -------------------------------------------------------------------------------

  private header(): void {
    const { tenant, document } = this.input;
    const top = FIRST_PAGE_TOP;
    const rightWidth = 220;
    const leftWidth = CONTENT_WIDTH - rightWidth - 20;

    // Tenant, left.
    let left = top;
    this.font(FONT_BOLD, 16, COLOR.accent);
    left += this.block(clean(tenant.name), MARGIN_X, left, leftWidth) + 4;
    this.font(FONT, 9, COLOR.muted);
    left += this.block(clean(tenant.address), MARGIN_X, left, leftWidth);
    if (tenant.taxId) {
      left += this.block(`Tax ID: ${clean(tenant.taxId)}`, MARGIN_X, left, leftWidth);
    }

    // Title, number and status, right.
    const rightX = RIGHT_EDGE - rightWidth;
    let right = top - 2;
    const title = clean(this.input.title).toUpperCase();
    let titleSize = 22;
    while (titleSize > 12 && this.font(FONT_BOLD, titleSize).widthOfString(title) > rightWidth) titleSize -= 1;
    this.font(FONT_BOLD, titleSize, COLOR.accent);
    this.line(title, rightX, right + (22 - titleSize) / 2, rightWidth, 'right');
    right += 28;
    this.font(FONT_BOLD, 11, document.number ? COLOR.text : COLOR.muted);
    this.line(clean(document.number) || 'DRAFT', rightX, right, rightWidth, 'right');
    right += 18;

    const badges: { label: string; color: string }[] = [];
    const status = STATUS_BADGES[document.status] ?? { label: document.status.toUpperCase(), color: COLOR.muted };
    if (document.number || document.status !== 'draft') badges.push(status);
    if (document.overdue) badges.push({ label: 'OVERDUE', color: OVERDUE_COLOR });
    let edge = RIGHT_EDGE;
    for (const b of badges) edge = this.badge(b.label, edge, right, b.color) - 6;
    if (badges.length) right += 20;

    this.y = Math.max(left, right) + 14;
    this.rule(this.y, COLOR.accent, MARGIN_X, RIGHT_EDGE, 1.25);
    this.y += 16;
  }

  private partyAndDetails(): void {
    const { party, document } = this.input;
    const detailsWidth = 220;
    const partyWidth = CONTENT_WIDTH - detailsWidth - 30;
    const top = this.y;

    let left = top;
    this.font(FONT_BOLD, 8, COLOR.muted);
    this.line(clean(party.label).toUpperCase(), MARGIN_X, left, partyWidth);
    left += 13;
    this.font(FONT_BOLD, 11);
    left += this.block(clean(party.name), MARGIN_X, left, partyWidth) + 2;
    this.font(FONT, 9, COLOR.text);
    left += this.block(clean(party.address), MARGIN_X, left, partyWidth);
    this.font(FONT, 9, COLOR.muted);
    if (party.taxId) left += this.block(`Tax ID: ${clean(party.taxId)}`, MARGIN_X, left, partyWidth);
    if (party.email) left += this.block(clean(party.email), MARGIN_X, left, partyWidth);

    const rows: { label: string; value: string; strong?: boolean }[] = [
      { label: 'Issue date', value: formatDate(document.issueDate) },
    ];
    if (this.isInvoiceOrBill && document.dueDate) rows.push({ label: 'Due date', value: formatDate(document.dueDate) });
    if (document.kind === 'purchase_invoice' && document.supplierBillNumber) {
      rows.push({ label: 'Supplier bill no.', value: clean(document.supplierBillNumber) });
    }
    if (this.isCorrection && document.invoiceNumber) {
      rows.push({ label: 'Credits invoice', value: clean(document.invoiceNumber) });
    }
    if (document.status === 'void' && document.voidedAt) {
      rows.push({ label: 'Voided', value: formatDate(document.voidedAt) });
    }
    if (this.isInvoiceOrBill && document.status !== 'void') {
      rows.push({ label: 'Balance due', value: formatMoney(document.balance, this.currency), strong: true });
    } else if (this.isCorrection) {
      rows.push({ label: 'Amount credited', value: formatMoney(document.total, this.currency), strong: true });
    }

    const x = RIGHT_EDGE - detailsWidth;
    const pad = 6;
    const labelWidth = 96;
    let right = top;
    for (const row of rows) {
      if (row.strong) {
        this.doc
          .save()
          .rect(x, right - 1, detailsWidth, 18)
          .fill(COLOR.headerFill)
          .restore();
        right += 4;
      }
      this.font(row.strong ? FONT_BOLD : FONT, 9, row.strong ? COLOR.text : COLOR.muted);
      this.line(row.label, x + pad, right, labelWidth);
      this.font(FONT_BOLD, 9);
      this.line(row.value, x + pad + labelWidth, right, detailsWidth - labelWidth - 2 * pad, 'right');
      right += row.strong ? 15 : 14;
    }

    this.y = Math.max(left, right) + 18;
  }

  /** Why the document was credited or voided. */
  private reasonBox(): void {
    const { document } = this.input;
    const parts: string[] = [];
    if (this.isCorrection && document.reason) parts.push(`Reason: ${clean(document.reason)}`);
    if (document.status === 'void' && document.voidReason) parts.push(`Void reason: ${clean(document.voidReason)}`);
    if (!parts.length) return;
    const text = parts.join('\n');
    const width = CONTENT_WIDTH - 20;
    this.font(FONT, 9);
    const height = this.doc.heightOfString(text, { width, lineGap: 1 }) + 14;
    this.ensureSpace(height);
    this.doc.save().rect(MARGIN_X, this.y, CONTENT_WIDTH, height).fill(COLOR.boxFill).restore();
    this.doc
      .save()
      .rect(MARGIN_X, this.y, 2.5, height)
      .fill(document.status === 'void' ? STATUS_BADGES.void.color : COLOR.accent)
      .restore();
    this.font(FONT, 9);
    this.block(text, MARGIN_X + 12, this.y + 7, width);
    this.y += height + 16;
  }

  private tableHeader(): void {
    const top = this.y;
    this.doc.save().rect(MARGIN_X, top, CONTENT_WIDTH, TABLE_HEADER_HEIGHT).fill(COLOR.headerFill).restore();
    this.rule(top + TABLE_HEADER_HEIGHT, COLOR.rule);
    this.font(FONT_BOLD, 8, COLOR.accent);
    let x = MARGIN_X;
    for (const col of COLUMNS) {
      this.line(col.header, x + CELL_PAD_X, top + 6.5, col.width - 2 * CELL_PAD_X, col.align);
      x += col.width;
    }
    this.y = top + TABLE_HEADER_HEIGHT;
  }

  private lineTexts(line: DocumentLine): { primary: string; secondary: string } {
    const description = clean(line.description);
    const productName = clean(line.productName);
    const sku = clean(line.sku);
    const primary = description || productName;
    const secondaryParts = [description && description !== productName ? productName : '', sku ? `SKU ${sku}` : ''];
    return { primary, secondary: secondaryParts.filter(Boolean).join(' \u00b7 ') };
  }

  private linesTable(): void {
    const { document } = this.input;
    const descWidth = COLUMNS[0].width - 2 * CELL_PAD_X;

    this.ensureSpace(TABLE_HEADER_HEIGHT + 40);
    this.font(FONT, 7.5, COLOR.muted);
    this.line(`Amounts in ${this.currency}`, MARGIN_X, this.y, CONTENT_WIDTH, 'right');
    this.y += 11;
    this.tableHeader();

    if (!document.lines.length) {
      this.font(FONT, 9, COLOR.muted);
      this.line('No lines', MARGIN_X + CELL_PAD_X, this.y + CELL_PAD_Y, CONTENT_WIDTH);
      this.y += 20;
      this.rule(this.y, COLOR.rowRule);
    }

    for (const line of document.lines) {
      const texts = this.lineTexts(line);
      const secondary = texts.secondary;
      this.font(FONT, 9);
      const primary = this.clampHeight(texts.primary, descWidth, MAX_ROW_TEXT_HEIGHT);
      const primaryHeight = this.doc.heightOfString(primary, { width: descWidth, lineGap: 1 });
      this.font(FONT, 7.5);
      const secondaryHeight = secondary ? this.doc.heightOfString(secondary, { width: descWidth, lineGap: 1 }) + 1 : 0;
      const rowHeight = CELL_PAD_Y * 2 + primaryHeight + secondaryHeight;

      if (this.y + rowHeight > MAX_Y) {
        this.newPage();
        this.tableHeader();
      }

      const top = this.y + CELL_PAD_Y;
      this.font(FONT, 9);
      this.block(primary, MARGIN_X + CELL_PAD_X, top, descWidth);
      if (secondary) {
        this.font(FONT, 7.5, COLOR.muted);
        this.block(secondary, MARGIN_X + CELL_PAD_X, top + primaryHeight + 1, descWidth);
      }

      const values: Record<Column['key'], string> = {
        description: '',
        quantity: formatAmount(trimDecimal(line.quantity)),
        unit: clean(line.unit),
        unitPrice: formatAmount(line.unitPrice),
        discount: isZero(line.discountPercent) ? '\u2013' : trimDecimal(line.discountPercent),
        taxRate: trimDecimal(line.taxRate),
        amount: formatAmount(line.taxable),
      };
      let x = MARGIN_X;
      for (const col of COLUMNS) {
        if (col.key !== 'description') {
          this.font(col.key === 'amount' ? FONT_BOLD : FONT, 9, col.key === 'discount' ? COLOR.muted : COLOR.text);
          this.line(values[col.key], x + CELL_PAD_X, top, col.width - 2 * CELL_PAD_X, col.align);
        }
        x += col.width;
      }
      this.y += rowHeight;
      this.rule(this.y, COLOR.rowRule, MARGIN_X, RIGHT_EDGE, 0.5);
    }
    this.y += 18;
  }

  /** Tax breakdown on the left, totals on the right, kept together on one page. */
  private summary(): void {
    const { document } = this.input;
    const money = (value: string) => formatMoney(value, this.currency);

    const totals: { label: string; value: string; kind?: 'total' | 'balance' }[] = [
      { label: 'Subtotal', value: money(document.subtotal) },
      {
        label: 'Discount',
        value: isZero(document.discountTotal) ? money(document.discountTotal) : money(`-${document.discountTotal}`),
      },
      { label: 'Tax', value: money(document.taxTotal) },
      { label: 'Total', value: money(document.total), kind: 'total' },
    ];
    if (this.isInvoiceOrBill) {
      totals.push(
        { label: 'Paid', value: money(document.amountPaid) },
        { label: 'Credited', value: money(document.amountCredited) },
        { label: 'Balance due', value: money(document.balance), kind: 'balance' },
      );
    }
    const totalsHeight = totals.reduce((h, t) => h + (t.kind ? 24 : 16), 0);
    const breakdown = document.taxBreakdown;
    const breakdownHeight = 14 + TABLE_HEADER_HEIGHT - 2 + Math.max(1, breakdown.length) * 16;
    this.ensureSpace(Math.max(totalsHeight, breakdownHeight) + 4);
    const top = this.y;

    // Tax breakdown.
    const cols = [
      { header: 'Tax rate', width: 60, align: 'left' as Align },
      { header: 'Taxable', width: 95, align: 'right' as Align },
      { header: 'Tax', width: 85, align: 'right' as Align },
    ];
    const tableWidth = cols.reduce((s, c) => s + c.width, 0);
    let y = top;
    this.font(FONT_BOLD, 8, COLOR.muted);
    this.line('TAX BREAKDOWN', MARGIN_X, y, tableWidth);
    y += 14;
    const headerHeight = TABLE_HEADER_HEIGHT - 2;
    this.doc.save().rect(MARGIN_X, y, tableWidth, headerHeight).fill(COLOR.headerFill).restore();
    this.font(FONT_BOLD, 8, COLOR.accent);
    let x = MARGIN_X;
    for (const c of cols) {
      this.line(c.header, x + CELL_PAD_X, y + 5.5, c.width - 2 * CELL_PAD_X, c.align);
      x += c.width;
    }
    y += headerHeight;
    const rows = breakdown.length ? breakdown : [{ rate: '0.00', taxable: '0.00', tax: '0.00' }];
    for (const row of rows) {
      const values = [`${trimDecimal(row.rate)}%`, money(row.taxable), money(row.tax)];
      x = MARGIN_X;
      this.font(FONT, 8.5);
      cols.forEach((c, i) => {
        this.line(values[i], x + CELL_PAD_X, y + 4, c.width - 2 * CELL_PAD_X, c.align);
        x += c.width;
      });
      y += 16;
      this.rule(y, COLOR.rowRule, MARGIN_X, MARGIN_X + tableWidth, 0.5);
    }
    const breakdownBottom = y;

    // Totals.
    const width = 230;
    const tx = RIGHT_EDGE - width;
    y = top;
    for (const t of totals) {
      if (t.kind === 'total') {
        this.rule(y + 2, COLOR.text, tx, RIGHT_EDGE, 1);
        y += 8;
        this.font(FONT_BOLD, 11);
        this.line(t.label, tx + 6, y, 100);
        this.line(t.value, tx + 100, y, width - 106, 'right');
        y += 16;
      } else if (t.kind === 'balance') {
        y += 2;
        this.doc
          .save()
          .rect(tx, y - 1, width, 21)
          .fill(COLOR.accent)
          .restore();
        this.font(FONT_BOLD, 10.5, '#ffffff');
        this.line(t.label, tx + 6, y + 5, 100);
        this.line(t.value, tx + 100, y + 5, width - 106, 'right');
        y += 22;
      } else {
        this.font(FONT, 9, COLOR.muted);
        this.line(t.label, tx + 6, y, 100);
        this.font(FONT, 9);
        this.line(t.value, tx + 100, y, width - 106, 'right');
        y += 16;
      }
    }
    this.y = Math.max(breakdownBottom, y) + 22;
  }

  private notes(): void {
    const notes = clean(this.input.document.notes);
    if (!notes) return;
    this.ensureSpace(40);
    this.font(FONT_BOLD, 8, COLOR.muted);
    this.line('NOTES', MARGIN_X, this.y, CONTENT_WIDTH);
    this.y += 13;
    this.font(FONT, 9);
    // Long notes continue on the next page by themselves (the page margins keep clear of the header and footer).
    this.doc.text(notes, MARGIN_X, this.y, { width: CONTENT_WIDTH, lineGap: 1.5 });
    this.y = this.doc.y + 10;
  }

  /** Continuation header, watermark and footer on every page, once the page count is known. */
  private pageDecorations(): void {
    const { document, tenant } = this.input;
    const range = this.doc.bufferedPageRange();
    const watermark = document.status === 'void' ? 'VOID' : document.status === 'draft' ? 'DRAFT' : null;
    const generated = `Generated ${formatTimestamp(this.input.generatedAt)}`;

    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      // Writing outside the margins must not start new pages.
      const margins = { ...this.doc.page.margins };
      this.doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      const pageNo = i - range.start + 1;

      if (pageNo > 1) {
        this.font(FONT_BOLD, 10, COLOR.accent);
        this.line(clean(tenant.name), MARGIN_X, 48, CONTENT_WIDTH / 2);
        this.font(FONT, 9, COLOR.muted);
        this.line(`${this.docLabel} (continued)`, MARGIN_X + CONTENT_WIDTH / 2, 49, CONTENT_WIDTH / 2, 'right');
        this.rule(66, COLOR.rule);
      }

      if (watermark) {
        this.doc.save();
        this.doc.rotate(-35, { origin: [PAGE_WIDTH / 2, PAGE_HEIGHT / 2] });
        this.font(FONT_BOLD, 110, watermark === 'VOID' ? STATUS_BADGES.void.color : COLOR.faint);
        this.doc.fillOpacity(0.08);
        this.doc.text(watermark, 0, PAGE_HEIGHT / 2 - 55, { width: PAGE_WIDTH, align: 'center', lineBreak: false });
        this.doc.restore();
      }

      const footerY = PAGE_HEIGHT - 46;
      this.rule(footerY - 8, COLOR.rule);
      this.font(FONT, 7.5, COLOR.muted);
      this.line(
        `${clean(tenant.name)} \u00b7 ${this.docLabel} \u00b7 ${generated}`,
        MARGIN_X,
        footerY,
        CONTENT_WIDTH - 90,
      );
      this.line(`Page ${pageNo} of ${range.count}`, RIGHT_EDGE - 90, footerY, 90, 'right');

      this.doc.page.margins = margins;
    }
  }
}

export function renderDocumentPdf(input: DocumentPdfInput, options: DocumentPdfRenderOptions = {}): Promise<Buffer> {
  try {
    return new DocumentPdfRenderer(input, options).render();
  } catch (err) {
    return Promise.reject(err);
  }
}
