import { COLOR, CONTENT_WIDTH, FIRST_PAGE_TOP, FONT, FONT_BOLD, MARGIN_X, RIGHT_EDGE } from './layout';
import { PdfCanvas } from './pdf-canvas';
import { cleanText } from './win-ansi';

/** Who issues the document. */
export interface PdfTenant {
  name: string;
  address: string | null;
  taxId: string | null;
  currency: string;
}

/** Who the document is for; `label` heads the block, e.g. 'Bill to' / 'Supplier'. */
export interface PdfParty {
  label: string;
  name: string;
  address: string | null;
  taxId: string | null;
  email: string | null;
}

/** Width of the right-hand column of the first page (title, then the key figures box). */
const RIGHT_COLUMN_WIDTH = 220;

/** Draws below the title or in the box, from (`x`, `y`) within `width`; returns the bottom. */
export type DrawColumn = (x: number, y: number, width: number) => number;

/**
 * Top of the first page: the tenant at the left; at the right the title, as large as fits up
 * to `titleSize`, with `drawUnderTitle` below it; then the accent rule across the page.
 */
export function drawLetterhead(
  pdf: PdfCanvas,
  tenant: PdfTenant,
  title: string,
  titleSize: number,
  drawUnderTitle: DrawColumn,
): void {
  const top = FIRST_PAGE_TOP;
  const leftWidth = CONTENT_WIDTH - RIGHT_COLUMN_WIDTH - 20;
  let left = top;
  pdf.font(FONT_BOLD, 16, COLOR.accent);
  left += pdf.block(cleanText(tenant.name), MARGIN_X, left, leftWidth) + 4;
  pdf.font(FONT, 9, COLOR.muted);
  left += pdf.block(cleanText(tenant.address), MARGIN_X, left, leftWidth);
  if (tenant.taxId) left += pdf.block(`Tax ID: ${cleanText(tenant.taxId)}`, MARGIN_X, left, leftWidth);

  const rightX = RIGHT_EDGE - RIGHT_COLUMN_WIDTH;
  const text = cleanText(title).toUpperCase();
  let size = titleSize;
  while (size > 12 && pdf.font(FONT_BOLD, size).widthOfString(text) > RIGHT_COLUMN_WIDTH) size -= 1;
  pdf.font(FONT_BOLD, size, COLOR.accent);
  pdf.line(text, rightX, top - 2 + (titleSize - size) / 2, RIGHT_COLUMN_WIDTH, 'right');
  const right = drawUnderTitle(rightX, top + 26, RIGHT_COLUMN_WIDTH);

  pdf.y = Math.max(left, right) + 14;
  pdf.rule(pdf.y, { color: COLOR.accent, width: 1.25 });
  pdf.y += 16;
}

/** The party at the left and, at the right, the box that `drawBox` draws; from the cursor on. */
export function drawPartyAndBox(pdf: PdfCanvas, party: PdfParty, drawBox: DrawColumn): void {
  const partyWidth = CONTENT_WIDTH - RIGHT_COLUMN_WIDTH - 30;
  const top = pdf.y;
  let left = top;
  pdf.font(FONT_BOLD, 8, COLOR.muted);
  pdf.line(cleanText(party.label).toUpperCase(), MARGIN_X, left, partyWidth);
  left += 13;
  pdf.font(FONT_BOLD, 11);
  left += pdf.block(cleanText(party.name), MARGIN_X, left, partyWidth) + 2;
  pdf.font(FONT, 9, COLOR.text);
  left += pdf.block(cleanText(party.address), MARGIN_X, left, partyWidth);
  pdf.font(FONT, 9, COLOR.muted);
  if (party.taxId) left += pdf.block(`Tax ID: ${cleanText(party.taxId)}`, MARGIN_X, left, partyWidth);
  if (party.email) left += pdf.block(cleanText(party.email), MARGIN_X, left, partyWidth);

  const right = drawBox(RIGHT_EDGE - RIGHT_COLUMN_WIDTH, top, RIGHT_COLUMN_WIDTH);
  pdf.y = Math.max(left, right) + 18;
}
