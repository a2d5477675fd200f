import { COLOR, CONTENT_WIDTH, FONT, FONT_BOLD, MARGIN_X, PAGE_HEIGHT, RIGHT_EDGE } from './layout';
import { PdfCanvas } from './pdf-canvas';

export interface PageDecorations {
  tenantName: string;
  /** What the file is, in the footer (e.g. 'Invoice INV-2026-000042'). */
  label: string;
  /** Top right of pages 2+, followed by '(continued)'. */
  continuedLabel: string;
  /** When the file was made, as printed after 'Generated'. */
  generated: string;
  /** Drawn on every page between the continuation header and the footer (e.g. a watermark). */
  drawOnEveryPage?: () => void;
}

/** Continuation header on pages 2+ and the footer with "Page n of m": drawn last, once the page count is known. */
export function decoratePages(pdf: PdfCanvas, decorations: PageDecorations): void {
  const { doc } = pdf;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing outside the margins must not start new pages.
    const margins = { ...doc.page.margins };
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const pageNo = i - range.start + 1;

    if (pageNo > 1) {
      pdf.font(FONT_BOLD, 10, COLOR.accent);
      pdf.line(decorations.tenantName, MARGIN_X, 48, CONTENT_WIDTH / 2);
      pdf.font(FONT, 9, COLOR.muted);
      pdf.line(
        `${decorations.continuedLabel} (continued)`,
        MARGIN_X + CONTENT_WIDTH / 2,
        49,
        CONTENT_WIDTH / 2,
        'right',
      );
      pdf.rule(66);
    }

    decorations.drawOnEveryPage?.();

    const footerY = PAGE_HEIGHT - 46;
    pdf.rule(footerY - 8);
    pdf.font(FONT, 7.5, COLOR.muted);
    pdf.line(
      `${decorations.tenantName} \u00b7 ${decorations.label} \u00b7 Generated ${decorations.generated}`,
      MARGIN_X,
      footerY,
      CONTENT_WIDTH - 90,
    );
    pdf.line(`Page ${pageNo} of ${range.count}`, RIGHT_EDGE - 90, footerY, 90, 'right');

    doc.page.margins = margins;
  }
}
