/** A4 page geometry (points), fonts and colours of the printed documents. */

export type Align = 'left' | 'right' | 'center';

export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN_X = 48;
export const FIRST_PAGE_TOP = 44;
/** Pages after the first start below a one-line continuation header. */
export const CONTENT_TOP = 86;
export const CONTENT_BOTTOM_MARGIN = 70;
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
export const RIGHT_EDGE = PAGE_WIDTH - MARGIN_X;
export const MAX_Y = PAGE_HEIGHT - CONTENT_BOTTOM_MARGIN;

/** Built-in fonts: nothing to embed, but they only know WinAnsi (see toWinAnsi). */
export const FONT = 'Helvetica';
export const FONT_BOLD = 'Helvetica-Bold';

export const COLOR = {
  text: '#1f2937',
  muted: '#6b7280',
  faint: '#9ca3af',
  accent: '#1e3a5f',
  rule: '#d1d5db',
  rowRule: '#e5e7eb',
  headerFill: '#eef2f6',
  boxFill: '#f8fafc',
};
