import PDFDocument from 'pdfkit';
import { formatAmount, formatDate, formatMoney, toWinAnsi } from '../documents/document-pdf';

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
  tenant: { name: string; address: string | null; taxId: string | null; currency: string };
  party: { label: string; name: string; address: string | null; taxId: string | null; email: string | null };
  /** What the closing balance means for the reader, e.g. 'Balance you owe'. */
  balanceLabel: string;
  from: string;
  to: string;
  /** The opening balance first, then the entries in order. */
  lines: StatementPdfLine[];
  closing: { debit: string; credit: string; balance: string };
  generatedAt: string;
}

/** @internal Rendering switches for tests: `compress: false` keeps the content streams readable. */
export interface StatementPdfRenderOptions {
  compress?: boolean;
}

type Doc = PDFKit.PDFDocument;
type Align = 'left' | 'right';

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 48;
const TOP = 44;
const CONTENT_TOP = 86;
const BOTTOM_MARGIN = 70;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const RIGHT_EDGE = PAGE_WIDTH - MARGIN_X;
const MAX_Y = PAGE_HEIGHT - BOTTOM_MARGIN;
const ROW_HEIGHT = 18;
const HEADER_HEIGHT = 20;
const PAD = 5;

const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';
const COLOR = {
  text: '#1f2937',
  muted: '#6b7280',
  accent: '#1e3a5f',
  rule: '#d1d5db',
  rowRule: '#e5e7eb',
  headerFill: '#eef2f6',
};

interface Column {
  key: keyof StatementPdfLine;
  header: string;
  width: number;
  align: Align;
}
const FIXED: Column[] = [
  { key: 'date', header: 'Date', width: 60, align: 'left' },
  { key: 'type', header: 'Type', width: 80, align: 'left' },
  { key: 'number', header: 'Number', width: 88, align: 'left' },
];
const AMOUNTS: Column[] = [
  { key: 'debit', header: 'Debit', width: 62, align: 'right' },
  { key: 'credit', header: 'Credit', width: 62, align: 'right' },
  { key: 'balance', header: 'Balance', width: 70, align: 'right' },
];
const COLUMNS: Column[] = [
  ...FIXED,
  {
    key: 'reference',
    header: 'Reference',
    width: CONTENT_WIDTH - [...FIXED, ...AMOUNTS].reduce((s, c) => s + c.width, 0),
    align: 'left',
  },
  ...AMOUNTS,
];

function clean(value: string | null | undefined): string {
  return value ? toWinAnsi(value).trim() : '';
}

class StatementPdfRenderer {
  private readonly doc: Doc;
  private readonly currency: string;
  private y = TOP;

  constructor(
    private readonly input: StatementPdfInput,
    options: StatementPdfRenderOptions,
  ) {
    this.currency = clean(input.tenant.currency) || 'EUR';
    const created = new Date(input.generatedAt);
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: CONTENT_TOP, bottom: BOTTOM_MARGIN, left: MARGIN_X, right: MARGIN_X },
      bufferPages: true,
      compress: options.compress ?? true,
      info: {
        Title: `${clean(input.title)} ${clean(input.party.name)} ${input.from} to ${input.to}`,
        Author: clean(input.tenant.name),
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
    this.partyAndPeriod();
    this.table();
    this.decorations();
    this.doc.end();
    return done;
  }

  private font(name: string, size: number, color = COLOR.text): Doc {
    return this.doc.font(name).fontSize(size).fillColor(color);
  }

  private line(text: string, x: number, y: number, width: number, align: Align = 'left'): void {
    let fitted = text.replace(/\s*\n\s*/g, ', ');
    if (this.doc.widthOfString(fitted) > width) {
      while (fitted.length > 0 && this.doc.widthOfString(`${fitted}\u2026`) > width) fitted = fitted.slice(0, -1);
      fitted = `${fitted.trimEnd()}\u2026`;
    }
    this.doc.text(fitted, x, y, { width, align, lineBreak: false });
  }

  private block(text: string, x: number, y: number, width: number): number {
    if (!text) return 0;
    const height = this.doc.heightOfString(text, { width, lineGap: 1 });
    this.doc.text(text, x, y, { width, lineGap: 1 });
    return height;
  }

  private rule(y: number, color = COLOR.rule, width = 0.75): void {
    this.doc.save().moveTo(MARGIN_X, y).lineTo(RIGHT_EDGE, y).lineWidth(width).strokeColor(color).stroke().restore();
  }

  private header(): void {
    const { tenant } = this.input;
    const rightWidth = 220;
    const leftWidth = CONTENT_WIDTH - rightWidth - 20;
    let left = TOP;
    this.font(FONT_BOLD, 16, COLOR.accent);
    left += this.block(clean(tenant.name), MARGIN_X, left, leftWidth) + 4;
    this.font(FONT, 9, COLOR.muted);
    left += this.block(clean(tenant.address), MARGIN_X, left, leftWidth);
    if (tenant.taxId) left += this.block(`Tax ID: ${clean(tenant.taxId)}`, MARGIN_X, left, leftWidth);

    const rightX = RIGHT_EDGE - rightWidth;
    const title = clean(this.input.title).toUpperCase();
    let size = 20;
    while (size > 12 && this.font(FONT_BOLD, size).widthOfString(title) > rightWidth) size -= 1;
    this.font(FONT_BOLD, size, COLOR.accent);
    this.line(title, rightX, TOP - 2 + (20 - size) / 2, rightWidth, 'right');
    this.font(FONT, 10, COLOR.text);
    this.line(
      `${formatDate(this.input.from)} \u2013 ${formatDate(this.input.to)}`,
      rightX,
      TOP + 26,
      rightWidth,
      'right',
    );
    this.y = Math.max(left, TOP + 40) + 14;
    this.rule(this.y, COLOR.accent, 1.25);
    this.y += 16;
  }

  private partyAndPeriod(): void {
    const { party, closing } = this.input;
    const boxWidth = 220;
    const partyWidth = CONTENT_WIDTH - boxWidth - 30;
    const top = this.y;
    let left = top;
    this.font(FONT_BOLD, 8, COLOR.muted);
    this.line(clean(party.label).toUpperCase(), MARGIN_X, left, partyWidth);
    left += 13;
    this.font(FONT_BOLD, 11);
    left += this.block(clean(party.name), MARGIN_X, left, partyWidth) + 2;
    this.font(FONT, 9);
    left += this.block(clean(party.address), MARGIN_X, left, partyWidth);
    this.font(FONT, 9, COLOR.muted);
    if (party.taxId) left += this.block(`Tax ID: ${clean(party.taxId)}`, MARGIN_X, left, partyWidth);
    if (party.email) left += this.block(clean(party.email), MARGIN_X, left, partyWidth);

    const x = RIGHT_EDGE - boxWidth;
    const opening = this.input.lines[0]?.balance ?? '0.00';
    const rows: [string, string][] = [
      ['Opening balance', formatMoney(opening, this.currency)],
      ['Debits', formatMoney(closing.debit, this.currency)],
      ['Credits', formatMoney(closing.credit, this.currency)],
    ];
    let right = top;
    for (const [label, value] of rows) {
      this.font(FONT, 9, COLOR.muted);
      this.line(label, x + 6, right, 100);
      this.font(FONT_BOLD, 9);
      this.line(value, x + 106, right, boxWidth - 112, 'right');
      right += 14;
    }
    this.doc
      .save()
      .rect(x, right - 1, boxWidth, 20)
      .fill(COLOR.accent)
      .restore();
    this.font(FONT_BOLD, 10, '#ffffff');
    this.line(clean(this.input.balanceLabel), x + 6, right + 5, 110);
    this.line(formatMoney(closing.balance, this.currency), x + 106, right + 5, boxWidth - 112, 'right');
    right += 22;
    this.y = Math.max(left, right) + 18;
  }

  private tableHeader(): void {
    const top = this.y;
    this.doc.save().rect(MARGIN_X, top, CONTENT_WIDTH, HEADER_HEIGHT).fill(COLOR.headerFill).restore();
    this.rule(top + HEADER_HEIGHT);
    this.font(FONT_BOLD, 8, COLOR.accent);
    let x = MARGIN_X;
    for (const c of COLUMNS) {
      this.line(c.header, x + PAD, top + 6.5, c.width - 2 * PAD, c.align);
      x += c.width;
    }
    this.y = top + HEADER_HEIGHT;
  }

  private row(values: Record<keyof StatementPdfLine, string>, bold: boolean): void {
    if (this.y + ROW_HEIGHT > MAX_Y) {
      this.doc.addPage();
      this.y = CONTENT_TOP;
      this.tableHeader();
    }
    let x = MARGIN_X;
    for (const c of COLUMNS) {
      this.font(bold || c.key === 'balance' ? FONT_BOLD : FONT, 8.5, COLOR.text);
      this.line(values[c.key], x + PAD, this.y + 5, c.width - 2 * PAD, c.align);
      x += c.width;
    }
    this.y += ROW_HEIGHT;
    this.doc
      .save()
      .moveTo(MARGIN_X, this.y)
      .lineTo(RIGHT_EDGE, this.y)
      .lineWidth(0.5)
      .strokeColor(COLOR.rowRule)
      .stroke()
      .restore();
  }

  private table(): void {
    this.font(FONT, 7.5, COLOR.muted);
    this.line(`Amounts in ${this.currency}`, MARGIN_X, this.y, CONTENT_WIDTH, 'right');
    this.y += 11;
    this.tableHeader();
    const amountText = (v: string | null) => (v === null ? '' : formatAmount(v));
    this.input.lines.forEach((l, i) =>
      this.row(
        {
          date: formatDate(l.date),
          type: clean(l.type),
          number: clean(l.number),
          reference: clean(l.reference),
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
    const range = this.doc.bufferedPageRange();
    const { tenant, party } = this.input;
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const margins = { ...this.doc.page.margins };
      this.doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      const pageNo = i - range.start + 1;
      if (pageNo > 1) {
        this.font(FONT_BOLD, 10, COLOR.accent);
        this.line(clean(tenant.name), MARGIN_X, 48, CONTENT_WIDTH / 2);
        this.font(FONT, 9, COLOR.muted);
        this.line(
          `${clean(this.input.title)}: ${clean(party.name)} (continued)`,
          MARGIN_X + CONTENT_WIDTH / 2,
          49,
          CONTENT_WIDTH / 2,
          'right',
        );
        this.rule(66);
      }
      const footerY = PAGE_HEIGHT - 46;
      this.rule(footerY - 8);
      this.font(FONT, 7.5, COLOR.muted);
      this.line(
        `${clean(tenant.name)} \u00b7 ${clean(this.input.title)} \u00b7 Generated ${this.input.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
        MARGIN_X,
        footerY,
        CONTENT_WIDTH - 90,
      );
      this.line(`Page ${pageNo} of ${range.count}`, RIGHT_EDGE - 90, footerY, 90, 'right');
      this.doc.page.margins = margins;
    }
  }
}

export function renderStatementPdf(input: StatementPdfInput, options: StatementPdfRenderOptions = {}): Promise<Buffer> {
  try {
    return new StatementPdfRenderer(input, options).render();
  } catch (err) {
    return Promise.reject(err);
  }
}
