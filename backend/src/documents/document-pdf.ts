import type { DocumentDetail, DocumentLine, DocumentStatus } from '@billinator/contracts';
import {
  Align,
  CELL_PAD_X,
  CELL_PAD_Y,
  cleanText,
  COLOR,
  CONTENT_WIDTH,
  decoratePages,
  drawAmountsCaption,
  drawCells,
  drawLetterhead,
  drawPartyAndBox,
  drawRowRule,
  drawTableHeader,
  FONT,
  FONT_BOLD,
  formatAmount,
  formatDate,
  formatMoney,
  formatTimestamp,
  isZero,
  MARGIN_X,
  PAGE_HEIGHT,
  PAGE_WIDTH,
  PdfCanvas,
  PdfParty,
  PdfRenderOptions,
  PdfTenant,
  RIGHT_EDGE,
  startRow,
  TABLE_HEADER_HEIGHT,
  TableColumn,
  trimDecimal,
  truncateToFit,
} from '../common/pdf';

export { formatAmount, formatDate, formatMoney, toWinAnsi, trimDecimal } from '../common/pdf';

/**
 * Printable PDF of a sales invoice, credit note, bill or purchase return (A4, built-in Helvetica).
 * Amounts are printed from the decimal strings as they are (thousands separators inserted into
 * the string, never through floating point).
 */
export interface DocumentPdfInput {
  title: string; // e.g. 'Invoice', 'Credit note', 'Bill', 'Purchase return'
  tenant: PdfTenant;
  party: PdfParty; // label: 'Bill to' / 'Supplier'
  document: DocumentDetail;
  generatedAt: string; // ISO timestamp, printed in the footer
}

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

/** Lines table: description takes what the fixed columns leave. */
type LineColumn = TableColumn<'description' | 'quantity' | 'unit' | 'unitPrice' | 'discount' | 'taxRate' | 'amount'>;
const FIXED_COLUMNS: LineColumn[] = [
  { key: 'quantity', header: 'Qty', width: 50, align: 'right' },
  { key: 'unit', header: 'Unit', width: 38, align: 'left' },
  { key: 'unitPrice', header: 'Unit price', width: 72, align: 'right' },
  { key: 'discount', header: 'Disc. %', width: 44, align: 'right' },
  { key: 'taxRate', header: 'Tax %', width: 40, align: 'right' },
  { key: 'amount', header: 'Amount', width: 82, align: 'right' },
];
const COLUMNS: LineColumn[] = [
  {
    key: 'description',
    header: 'Description',
    width: CONTENT_WIDTH - FIXED_COLUMNS.reduce((sum, c) => sum + c.width, 0),
    align: 'left',
  },
  ...FIXED_COLUMNS,
];
/** A line's description is cut beyond this height, so that every row fits on a page. */
const MAX_ROW_TEXT_HEIGHT = 360;

class DocumentPdfRenderer {
  private readonly pdf: PdfCanvas;
  private readonly currency: string;
  private readonly docLabel: string;
  private readonly isInvoiceOrBill: boolean;
  private readonly isCorrection: boolean;

  constructor(
    private readonly input: DocumentPdfInput,
    options: PdfRenderOptions,
  ) {
    const { document, tenant, party } = input;
    this.currency = cleanText(tenant.currency) || 'EUR';
    this.docLabel = `${cleanText(input.title)} ${cleanText(document.number) || 'DRAFT'}`;
    this.isInvoiceOrBill = document.kind === 'sales_invoice' || document.kind === 'purchase_invoice';
    this.isCorrection = document.kind === 'credit_note' || document.kind === 'purchase_return';
    this.pdf = new PdfCanvas(
      {
        title: this.docLabel,
        author: cleanText(tenant.name),
        subject: `${cleanText(input.title)} for ${cleanText(party.name)}`,
        createdAt: input.generatedAt,
      },
      options,
    );
  }

  render(): Promise<Buffer> {
    return this.pdf.render(() => {
      this.header();
      this.partyAndDetails();
      this.reasonBox();
      this.linesTable();
      this.summary();
      this.notes();
      this.pageDecorations();
    });
  }

  /** Cuts wrapped text (with an ellipsis) so that it is at most `maxHeight` tall: a row must fit on a page. */
  private clampHeight(text: string, width: number, maxHeight: number): string {
    return truncateToFit(text, (candidate) => this.pdf.heightOf(candidate, width) <= maxHeight);
  }

  /** Pill with white text, right edge at `right`; returns its left edge. */
  private badge(label: string, right: number, y: number, color: string): number {
    const { doc } = this.pdf;
    this.pdf.font(FONT_BOLD, 8);
    const width = doc.widthOfString(label) + 14;
    const x = right - width;
    doc.save().roundedRect(x, y, width, 16, 3).fill(color).restore();
    this.pdf.font(FONT_BOLD, 8, '#ffffff');
    doc.text(label, x, y + 4.5, { width, align: 'center', lineBreak: false });
    return x;
  }

  // --- sections -------------------------------------------------------------------------------

  /** Letterhead with the number and the status badges under the title. */
  private header(): void {
    const { tenant, title, document } = this.input;
    drawLetterhead(this.pdf, tenant, title, 22, (x, y, width) => {
      let bottom = y;
      this.pdf.font(FONT_BOLD, 11, document.number ? COLOR.text : COLOR.muted);
      this.pdf.line(cleanText(document.number) || 'DRAFT', x, bottom, width, 'right');
      bottom += 18;

      const badges: { label: string; color: string }[] = [];
      const status = STATUS_BADGES[document.status] ?? { label: document.status.toUpperCase(), color: COLOR.muted };
      if (document.number || document.status !== 'draft') badges.push(status);
      if (document.overdue) badges.push({ label: 'OVERDUE', color: OVERDUE_COLOR });
      let edge = RIGHT_EDGE;
      for (const b of badges) edge = this.badge(b.label, edge, bottom, b.color) - 6;
      if (badges.length) bottom += 20;
      return bottom;
    });
  }

  private partyAndDetails(): void {
    const { party, document } = this.input;
    const rows: { label: string; value: string; strong?: boolean }[] = [
      { label: 'Issue date', value: formatDate(document.issueDate) },
    ];
    if (this.isInvoiceOrBill && document.dueDate) rows.push({ label: 'Due date', value: formatDate(document.dueDate) });
    if (document.kind === 'purchase_invoice' && document.supplierBillNumber) {
      rows.push({ label: 'Supplier bill no.', value: cleanText(document.supplierBillNumber) });
    }
    if (this.isCorrection && document.invoiceNumber) {
      rows.push({ label: 'Credits invoice', value: cleanText(document.invoiceNumber) });
    }
    if (document.status === 'void' && document.voidedAt) {
      rows.push({ label: 'Voided', value: formatDate(document.voidedAt) });
    }
    if (this.isInvoiceOrBill && document.status !== 'void') {
      rows.push({ label: 'Balance due', value: formatMoney(document.balance, this.currency), strong: true });
    } else if (this.isCorrection) {
      rows.push({ label: 'Amount credited', value: formatMoney(document.total, this.currency), strong: true });
    }

    drawPartyAndBox(this.pdf, party, (x, top, width) => {
      const pad = 6;
      const labelWidth = 96;
      let y = top;
      for (const row of rows) {
        if (row.strong) {
          this.pdf.fillRect(x, y - 1, width, 18, COLOR.headerFill);
          y += 4;
        }
        this.pdf.font(row.strong ? FONT_BOLD : FONT, 9, row.strong ? COLOR.text : COLOR.muted);
        this.pdf.line(row.label, x + pad, y, labelWidth);
        this.pdf.font(FONT_BOLD, 9);
        this.pdf.line(row.value, x + pad + labelWidth, y, width - labelWidth - 2 * pad, 'right');
        y += row.strong ? 15 : 14;
      }
      return y;
    });
  }

  /** Why the document was credited or voided. */
  private reasonBox(): void {
    const { document } = this.input;
    const parts: string[] = [];
    if (this.isCorrection && document.reason) parts.push(`Reason: ${cleanText(document.reason)}`);
    if (document.status === 'void' && document.voidReason) parts.push(`Void reason: ${cleanText(document.voidReason)}`);
    if (!parts.length) return;
    const text = parts.join('\n');
    const width = CONTENT_WIDTH - 20;
    this.pdf.font(FONT, 9);
    const height = this.pdf.heightOf(text, width) + 14;
    this.pdf.ensureSpace(height);
    const top = this.pdf.y;
    this.pdf.fillRect(MARGIN_X, top, CONTENT_WIDTH, height, COLOR.boxFill);
    this.pdf.fillRect(MARGIN_X, top, 2.5, height, document.status === 'void' ? STATUS_BADGES.void.color : COLOR.accent);
    this.pdf.font(FONT, 9);
    this.pdf.block(text, MARGIN_X + 12, top + 7, width);
    this.pdf.y += height + 16;
  }

  private lineTexts(line: DocumentLine): { primary: string; secondary: string } {
    const description = cleanText(line.description);
    const productName = cleanText(line.productName);
    const sku = cleanText(line.sku);
    const primary = description || productName;
    const secondaryParts = [description && description !== productName ? productName : '', sku ? `SKU ${sku}` : ''];
    return { primary, secondary: secondaryParts.filter(Boolean).join(' \u00b7 ') };
  }

  private linesTable(): void {
    const { document } = this.input;
    const pdf = this.pdf;
    const descWidth = COLUMNS[0].width - 2 * CELL_PAD_X;

    pdf.ensureSpace(TABLE_HEADER_HEIGHT + 40);
    drawAmountsCaption(pdf, this.currency);
    drawTableHeader(pdf, COLUMNS);

    if (!document.lines.length) {
      pdf.font(FONT, 9, COLOR.muted);
      pdf.line('No lines', MARGIN_X + CELL_PAD_X, pdf.y + CELL_PAD_Y, CONTENT_WIDTH);
      pdf.y += 20;
      pdf.rule(pdf.y, { color: COLOR.rowRule });
    }

    for (const line of document.lines) {
      const texts = this.lineTexts(line);
      const secondary = texts.secondary;
      pdf.font(FONT, 9);
      const primary = this.clampHeight(texts.primary, descWidth, MAX_ROW_TEXT_HEIGHT);
      const primaryHeight = pdf.heightOf(primary, descWidth);
      pdf.font(FONT, 7.5);
      const secondaryHeight = secondary ? pdf.heightOf(secondary, descWidth) + 1 : 0;
      const rowHeight = CELL_PAD_Y * 2 + primaryHeight + secondaryHeight;

      startRow(pdf, rowHeight, COLUMNS);

      const top = pdf.y + CELL_PAD_Y;
      pdf.font(FONT, 9);
      pdf.block(primary, MARGIN_X + CELL_PAD_X, top, descWidth);
      if (secondary) {
        pdf.font(FONT, 7.5, COLOR.muted);
        pdf.block(secondary, MARGIN_X + CELL_PAD_X, top + primaryHeight + 1, descWidth);
      }

      const values: Record<Exclude<LineColumn['key'], 'description'>, string> = {
        quantity: formatAmount(trimDecimal(line.quantity)),
        unit: cleanText(line.unit),
        unitPrice: formatAmount(line.unitPrice),
        discount: isZero(line.discountPercent) ? '\u2013' : trimDecimal(line.discountPercent),
        taxRate: trimDecimal(line.taxRate),
        amount: formatAmount(line.taxable),
      };
      drawCells(pdf, COLUMNS, top, ({ key }) =>
        key === 'description'
          ? null
          : {
              text: values[key],
              font: key === 'amount' ? FONT_BOLD : FONT,
              size: 9,
              color: key === 'discount' ? COLOR.muted : COLOR.text,
            },
      );
      pdf.y += rowHeight;
      drawRowRule(pdf);
    }
    pdf.y += 18;
  }

  /** Tax breakdown on the left, totals on the right, kept together on one page. */
  private summary(): void {
    const { document } = this.input;
    const pdf = this.pdf;
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
    pdf.ensureSpace(Math.max(totalsHeight, breakdownHeight) + 4);
    const top = pdf.y;

    // Tax breakdown.
    const cols = [
      { header: 'Tax rate', width: 60, align: 'left' as Align },
      { header: 'Taxable', width: 95, align: 'right' as Align },
      { header: 'Tax', width: 85, align: 'right' as Align },
    ];
    const tableWidth = cols.reduce((s, c) => s + c.width, 0);
    let y = top;
    pdf.font(FONT_BOLD, 8, COLOR.muted);
    pdf.line('TAX BREAKDOWN', MARGIN_X, y, tableWidth);
    y += 14;
    const headerHeight = TABLE_HEADER_HEIGHT - 2;
    pdf.fillRect(MARGIN_X, y, tableWidth, headerHeight, COLOR.headerFill);
    pdf.font(FONT_BOLD, 8, COLOR.accent);
    let x = MARGIN_X;
    for (const c of cols) {
      pdf.line(c.header, x + CELL_PAD_X, y + 5.5, c.width - 2 * CELL_PAD_X, c.align);
      x += c.width;
    }
    y += headerHeight;
    const rows = breakdown.length ? breakdown : [{ rate: '0.00', taxable: '0.00', tax: '0.00' }];
    for (const row of rows) {
      const values = [`${trimDecimal(row.rate)}%`, money(row.taxable), money(row.tax)];
      x = MARGIN_X;
      pdf.font(FONT, 8.5);
      cols.forEach((c, i) => {
        pdf.line(values[i], x + CELL_PAD_X, y + 4, c.width - 2 * CELL_PAD_X, c.align);
        x += c.width;
      });
      y += 16;
      pdf.rule(y, { color: COLOR.rowRule, to: MARGIN_X + tableWidth, width: 0.5 });
    }
    const breakdownBottom = y;

    // Totals.
    const width = 230;
    const tx = RIGHT_EDGE - width;
    y = top;
    for (const t of totals) {
      if (t.kind === 'total') {
        pdf.rule(y + 2, { color: COLOR.text, from: tx, width: 1 });
        y += 8;
        pdf.font(FONT_BOLD, 11);
        pdf.line(t.label, tx + 6, y, 100);
        pdf.line(t.value, tx + 100, y, width - 106, 'right');
        y += 16;
      } else if (t.kind === 'balance') {
        y += 2;
        pdf.fillRect(tx, y - 1, width, 21, COLOR.accent);
        pdf.font(FONT_BOLD, 10.5, '#ffffff');
        pdf.line(t.label, tx + 6, y + 5, 100);
        pdf.line(t.value, tx + 100, y + 5, width - 106, 'right');
        y += 22;
      } else {
        pdf.font(FONT, 9, COLOR.muted);
        pdf.line(t.label, tx + 6, y, 100);
        pdf.font(FONT, 9);
        pdf.line(t.value, tx + 100, y, width - 106, 'right');
        y += 16;
      }
    }
    pdf.y = Math.max(breakdownBottom, y) + 22;
  }

  private notes(): void {
    const notes = cleanText(this.input.document.notes);
    if (!notes) return;
    const pdf = this.pdf;
    pdf.ensureSpace(40);
    pdf.font(FONT_BOLD, 8, COLOR.muted);
    pdf.line('NOTES', MARGIN_X, pdf.y, CONTENT_WIDTH);
    pdf.y += 13;
    pdf.font(FONT, 9);
    // Long notes continue on the next page by themselves (the page margins keep clear of the header and footer).
    pdf.doc.text(notes, MARGIN_X, pdf.y, { width: CONTENT_WIDTH, lineGap: 1.5 });
    pdf.y = pdf.doc.y + 10;
  }

  /** Continuation header, watermark and footer on every page, once the page count is known. */
  private pageDecorations(): void {
    const { document, tenant, generatedAt } = this.input;
    const watermark = document.status === 'void' ? 'VOID' : document.status === 'draft' ? 'DRAFT' : null;
    decoratePages(this.pdf, {
      tenantName: cleanText(tenant.name),
      label: this.docLabel,
      continuedLabel: this.docLabel,
      generated: formatTimestamp(generatedAt),
      drawOnEveryPage: watermark ? () => this.watermark(watermark) : undefined,
    });
  }

  private watermark(text: 'VOID' | 'DRAFT'): void {
    const { doc } = this.pdf;
    doc.save();
    doc.rotate(-35, { origin: [PAGE_WIDTH / 2, PAGE_HEIGHT / 2] });
    this.pdf.font(FONT_BOLD, 110, text === 'VOID' ? STATUS_BADGES.void.color : COLOR.faint);
    doc.fillOpacity(0.08);
    doc.text(text, 0, PAGE_HEIGHT / 2 - 55, { width: PAGE_WIDTH, align: 'center', lineBreak: false });
    doc.restore();
  }
}

/** Async so that a throw while drawing reaches the caller as a rejection. */
export async function renderDocumentPdf(input: DocumentPdfInput, options: PdfRenderOptions = {}): Promise<Buffer> {
  return new DocumentPdfRenderer(input, options).render();
}
