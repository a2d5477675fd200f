import PDFDocument from 'pdfkit';
import {
  Align,
  COLOR,
  CONTENT_BOTTOM_MARGIN,
  CONTENT_TOP,
  FIRST_PAGE_TOP,
  MARGIN_X,
  MAX_Y,
  RIGHT_EDGE,
} from './layout';
import { truncateToFit } from './truncate';

export interface PdfMetadata {
  title: string;
  author: string;
  subject?: string;
  /** ISO timestamp, the file's creation date; pdfkit's own (now) when it does not parse. */
  createdAt: string;
}

/** @internal Rendering switches for tests: `compress: false` keeps the content streams readable. */
export interface PdfRenderOptions {
  compress?: boolean;
}

export interface RuleStyle {
  color?: string;
  from?: number;
  to?: number;
  width?: number;
}

/**
 * An A4 pdfkit document with a cursor (`y`) and the drawing primitives of the printed
 * documents. Pages are buffered, so that page decorations can be drawn once the page count is known.
 */
export class PdfCanvas {
  readonly doc: PDFKit.PDFDocument;
  /** Top of what is drawn next on the current page. */
  y = FIRST_PAGE_TOP;

  constructor(metadata: PdfMetadata, options: PdfRenderOptions) {
    const created = new Date(metadata.createdAt);
    this.doc = new PDFDocument({
      size: 'A4',
      // Text that flows over pages by itself stays clear of the continuation header and the footer.
      margins: { top: CONTENT_TOP, bottom: CONTENT_BOTTOM_MARGIN, left: MARGIN_X, right: MARGIN_X },
      bufferPages: true,
      compress: options.compress ?? true,
      info: {
        Title: metadata.title,
        Author: metadata.author,
        ...(metadata.subject === undefined ? {} : { Subject: metadata.subject }),
        Creator: 'Billinator',
        ...(Number.isNaN(created.getTime()) ? {} : { CreationDate: created, ModDate: created }),
      },
    });
  }

  /** Runs `draw`, ends the document and resolves with the file. */
  render(draw: () => void): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    draw();
    this.doc.end();
    return done;
  }

  font(name: string, size: number, color: string = COLOR.text): PDFKit.PDFDocument {
    return this.doc.font(name).fontSize(size).fillColor(color);
  }

  /** Single line of text (newlines become commas), shortened with an ellipsis when it does not fit `width`. */
  line(text: string, x: number, y: number, width: number, align: Align = 'left'): void {
    const single = text.replace(/\s*\n\s*/g, ', ');
    const fitted = truncateToFit(single, (candidate) => this.doc.widthOfString(candidate) <= width);
    this.doc.text(fitted, x, y, { width, align, lineBreak: false });
  }

  /** Wrapped text; returns its height. */
  block(text: string, x: number, y: number, width: number, align: Align = 'left'): number {
    if (!text) return 0;
    const height = this.heightOf(text, width);
    this.doc.text(text, x, y, { width, align, lineGap: 1 });
    return height;
  }

  /** Height of `text` wrapped as `block` wraps it, in the current font. */
  heightOf(text: string, width: number): number {
    return this.doc.heightOfString(text, { width, lineGap: 1 });
  }

  /** Horizontal line, across the content width unless `from`/`to` say otherwise. */
  rule(y: number, { color = COLOR.rule, from = MARGIN_X, to = RIGHT_EDGE, width = 0.75 }: RuleStyle = {}): void {
    this.doc.save().moveTo(from, y).lineTo(to, y).lineWidth(width).strokeColor(color).stroke().restore();
  }

  fillRect(x: number, y: number, width: number, height: number, color: string): void {
    this.doc.save().rect(x, y, width, height).fill(color).restore();
  }

  newPage(): void {
    this.doc.addPage();
    this.y = CONTENT_TOP;
  }

  /** Starts a new page unless `height` more fits above the bottom margin. */
  ensureSpace(height: number): void {
    if (this.y + height > MAX_Y) this.newPage();
  }
}
