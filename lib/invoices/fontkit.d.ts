/**
 * Types for upstream fontkit 2 (it ships none), limited to what pdf-lib reads from a font.
 * fontkit 2 fonts carry every member pdf-lib's own Font type lists; only the subset API differs
 * (`encode()` returning the bytes instead of `encodeStream()`). See ./cjk-font.ts.
 */
declare module 'fontkit' {
  import type { PDFDocument } from 'pdf-lib';

  type PdfLibFont = ReturnType<Parameters<PDFDocument['registerFontkit']>[0]['create']>;
  type PdfLibGlyph = Parameters<ReturnType<PdfLibFont['createSubset']>['includeGlyph']>[0];

  export interface Subset {
    includeGlyph(glyph: PdfLibGlyph): number;
    encode(): Uint8Array;
  }

  export type Font = Omit<PdfLibFont, 'createSubset'> & { createSubset(): Subset };

  /** Declared for single-font files (TTF/OTF); a collection (TTC) needs a postscript name. */
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
