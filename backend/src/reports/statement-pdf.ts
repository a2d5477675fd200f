import {
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
  PdfCanvas,
  PdfParty,
  PdfRenderOptions,
  PdfTenant,
  startRow,
  TableColumn,
} from '../common/pdf';

/**
 * Printable statement of account (A4, built-in Helvetica): tenant header, the party, the
 * period, one table of entries with the running balance (its header repeated on every page),
 * the closing balance, and "Page n of m" in the footer. Amounts are printed from their
 * decimal strings, never through floating point.
 */
export interface StatementPdfLine {
  date: string;
  type: string;
  number: string;
  reference: string;
  debit: string | null;
  credit: string | null;
  balance: string;
}

export interface StatementPdfInput {
  title: string; // 'Customer statement' / 'Supplier statement'
  tenant: PdfTenant;
  party: PdfParty;
  /** What the closing balance means for the reader, e.g. 'Balance you owe'. */
  balanceLabel: string;
  from: string;
  to: string;
  /** The opening balance first, then the entries in order. */
  lines: StatementPdfLine[];
  closing: { debit: string; credit: string; balance: string };
  generatedAt: string;
}

const ROW_HEIGHT = 18;

type StatementColumn = TableColumn<keyof StatementPdfLine>;
const FIXED: StatementColumn[] = [
  { key: 'date', header: 'Date', width: 60, align: 'left' },
  { key: 'type', header: 'Type', width: 80, align: 'left' },
  { key: 'number', header: 'Number', width: 88, align: 'left' },
];
const AMOUNTS: StatementColumn[] = [
  { key: 'debit', header: 'Debit', width: 62, align: 'right' },
  { key: 'credit', header: 'Credit', width: 62, align: 'right' },
  { key: 'balance', header: 'Balance', width: 70, align: 'right' },
];
const COLUMNS: StatementColumn[] = [
  ...FIXED,
  {
    key: 'reference',
    header: 'Reference',
    width: CONTENT_WIDTH - [...FIXED, ...AMOUNTS].reduce((s, c) => s + c.width, 0),
    align: 'left',
  },
  ...AMOUNTS,
];

class StatementPdfRenderer {
  private readonly pdf: PdfCanvas;
  private readonly currency: string;

  constructor(
    private readonly input: StatementPdfInput,
    options: PdfRenderOptions,
  ) {
    this.currency = cleanText(input.tenant.currency) || 'EUR';
    this.pdf = new PdfCanvas(
      {
        title: `${cleanText(input.title)} ${cleanText(input.party.name)} ${input.from} to ${input.to}`,
        author: cleanText(input.tenant.name),
        createdAt: input.generatedAt,
      },
      options,
    );
  }

  render(): Promise<Buffer> {
    return this.pdf.render(() => {
      this.header();
      this.partyAndTotals();
      this.table();
      this.decorations();
    });
  }

  private header(): void {
    const { tenant, title, from, to } = this.input;
    drawLetterhead(this.pdf, tenant, title, 20, (x, y, width) => {
      this.pdf.font(FONT, 10, COLOR.text);
      this.pdf.line(`${formatDate(from)} \u2013 ${formatDate(to)}`, x, y, width, 'right');
      return y + 14;
    });
  }

  private partyAndTotals(): void {
    const { party, closing } = this.input;
    drawPartyAndBox(this.pdf, party, (x, top, width) => {
      const opening = this.input.lines[0]?.balance ?? '0.00';
      const rows: [string, string][] = [
        ['Opening balance', formatMoney(opening, this.currency)],
        ['Debits', formatMoney(closing.debit, this.currency)],
        ['Credits', formatMoney(closing.credit, this.currency)],
      ];
      let y = top;
      for (const [label, value] of rows) {
        this.pdf.font(FONT, 9, COLOR.muted);
        this.pdf.line(label, x + 6, y, 100);
        this.pdf.font(FONT_BOLD, 9);
        this.pdf.line(value, x + 106, y, width - 112, 'right');
        y += 14;
      }
      this.pdf.fillRect(x, y - 1, width, 20, COLOR.accent);
      this.pdf.font(FONT_BOLD, 10, '#ffffff');
      this.pdf.line(cleanText(this.input.balanceLabel), x + 6, y + 5, 110);
      this.pdf.line(formatMoney(closing.balance, this.currency), x + 106, y + 5, width - 112, 'right');
      return y + 22;
    });
  }

  private row(values: Record<keyof StatementPdfLine, string>, bold: boolean): void {
    startRow(this.pdf, ROW_HEIGHT, COLUMNS);
    drawCells(this.pdf, COLUMNS, this.pdf.y + CELL_PAD_Y, (column) => ({
      text: values[column.key],
      font: bold || column.key === 'balance' ? FONT_BOLD : FONT,
      size: 8.5,
    }));
    this.pdf.y += ROW_HEIGHT;
    drawRowRule(this.pdf);
  }

  private table(): void {
    drawAmountsCaption(this.pdf, this.currency);
    drawTableHeader(this.pdf, COLUMNS);
    const amountText = (v: string | null) => (v === null ? '' : formatAmount(v));
    this.input.lines.forEach((l, i) =>
      this.row(
        {
          date: formatDate(l.date),
          type: cleanText(l.type),
          number: cleanText(l.number),
          reference: cleanText(l.reference),
          debit: amountText(l.debit),
          credit: amountText(l.credit),
          balance: formatAmount(l.balance),
        },
        i === 0,
      ),
    );
    const { closing } = this.input;
    this.row(
      {
        date: formatDate(this.input.to),
        type: 'Closing balance',
        number: '',
        reference: '',
        debit: formatAmount(closing.debit),
        credit: formatAmount(closing.credit),
        balance: formatAmount(closing.balance),
      },
      true,
    );
  }

  private decorations(): void {
    const { tenant, party, title, generatedAt } = this.input;
    decoratePages(this.pdf, {
      tenantName: cleanText(tenant.name),
      label: cleanText(title),
      continuedLabel: `${cleanText(title)}: ${cleanText(party.name)}`,
      generated: `${generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
    });
  }
}

/** Async so that a throw while drawing reaches the caller as a rejection. */
export async function renderStatementPdf(input: StatementPdfInput, options: PdfRenderOptions = {}): Promise<Buffer> {
  return new StatementPdfRenderer(input, options).render();
}
