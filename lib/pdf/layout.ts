import { PageSizes, rgb, type Color, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';

/*
 * What the portal's document PDFs share (the invoice, lib/invoices/render-pdf.ts; the monthly
 * statement, lib/statements/render-statement-pdf.ts): A4 pages with the same margins and footer
 * band, the producer written in their metadata, text made printable, and pages drawn top-down.
 */

export const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
export const MARGIN = 40;
/** Kept free at the bottom of every page for the page footer. */
export const FOOTER_HEIGHT = 28;
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** The producer and creator in the metadata: fixed, so the same input gives the same bytes. */
export const PDF_PRODUCER = 'Account Portal';

const INK = rgb(0, 0, 0);

/** Newlines and other control characters in names would break the layout; print them as spaces. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

/** Pages drawn top-down with one font: `y` is where the next thing goes; a page ends above the footer band. */
export class PdfLayout {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  /** What a continuation page starts with (e.g. the table header while a table is drawn). */
  continuation: (layout: this) => void = () => {};

  constructor(
    private readonly pdf: PDFDocument,
    readonly font: PDFFont,
  ) {}

  addPage(): void {
    this.page = this.pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = PAGE_HEIGHT - MARGIN;
    if (this.pages.length > 1) this.continuation(this);
  }

  fits(height: number): boolean {
    return this.y - height >= MARGIN + FOOTER_HEIGHT;
  }

  /** Starts a new page when `height` no longer fits above the footer. */
  ensure(height: number): void {
    if (!this.fits(height)) this.addPage();
  }

  width(text: string, size: number): number {
    return this.font.widthOfTextAtSize(text, size);
  }

  text(text: string, x: number, baseline: number, size: number, color: Color = INK): void {
    if (text !== '') this.page.drawText(text, { x, y: baseline, size, font: this.font, color });
  }

  textRight(text: string, right: number, baseline: number, size: number, color: Color = INK): void {
    this.text(text, right - this.width(text, size), baseline, size, color);
  }
}
