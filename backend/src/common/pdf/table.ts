import { Align, COLOR, CONTENT_WIDTH, FONT, FONT_BOLD, MARGIN_X, MAX_Y } from './layout';
import { PdfCanvas } from './pdf-canvas';

export const CELL_PAD_X = 5;
export const CELL_PAD_Y = 5;
export const TABLE_HEADER_HEIGHT = 20;

export interface TableColumn<K extends string> {
  key: K;
  header: string;
  width: number;
  align: Align;
}

/** One line of text in a cell, in its own font. */
export interface TableCell {
  text: string;
  font: string;
  size: number;
  color?: string;
}

/** Small print right above a table: the currency of its amounts. */
export function drawAmountsCaption(pdf: PdfCanvas, currency: string): void {
  pdf.font(FONT, 7.5, COLOR.muted);
  pdf.line(`Amounts in ${currency}`, MARGIN_X, pdf.y, CONTENT_WIDTH, 'right');
  pdf.y += 11;
}

export function drawTableHeader<K extends string>(pdf: PdfCanvas, columns: readonly TableColumn<K>[]): void {
  const top = pdf.y;
  pdf.fillRect(MARGIN_X, top, CONTENT_WIDTH, TABLE_HEADER_HEIGHT, COLOR.headerFill);
  pdf.rule(top + TABLE_HEADER_HEIGHT);
  pdf.font(FONT_BOLD, 8, COLOR.accent);
  let x = MARGIN_X;
  for (const column of columns) {
    pdf.line(column.header, x + CELL_PAD_X, top + 6.5, column.width - 2 * CELL_PAD_X, column.align);
    x += column.width;
  }
  pdf.y = top + TABLE_HEADER_HEIGHT;
}

/** Before a row `height` tall: a row that would cross the bottom margin goes to a new page, under the header again. */
export function startRow<K extends string>(pdf: PdfCanvas, height: number, columns: readonly TableColumn<K>[]): void {
  if (pdf.y + height > MAX_Y) {
    pdf.newPage();
    drawTableHeader(pdf, columns);
  }
}

/** A line of text in each column, starting at `top`; a `null` cell is left for the caller to draw. */
export function drawCells<K extends string>(
  pdf: PdfCanvas,
  columns: readonly TableColumn<K>[],
  top: number,
  cell: (column: TableColumn<K>) => TableCell | null,
): void {
  let x = MARGIN_X;
  for (const column of columns) {
    const content = cell(column);
    if (content) {
      pdf.font(content.font, content.size, content.color);
      pdf.line(content.text, x + CELL_PAD_X, top, column.width - 2 * CELL_PAD_X, column.align);
    }
    x += column.width;
  }
}

/** The thin line under a row, at the cursor. */
export function drawRowRule(pdf: PdfCanvas): void {
  pdf.rule(pdf.y, { color: COLOR.rowRule, width: 0.5 });
}
