import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import { create as createUpstreamFont } from 'fontkit';
import type { PDFDocument } from 'pdf-lib';

/**
 * The CJK font invoices are drawn with, and the fontkit that embeds it.
 *
 * Font: Noto Sans SC Regular (SIL OFL 1.1) from the npm package @expo-google-fonts/noto-sans-sc,
 * a TrueType (glyf) font, so every PDF embeds only the glyphs it uses.
 *
 * Fontkit: upstream fontkit 2 instead of @pdf-lib/fontkit. The latter (1.1.1, unmaintained)
 * corrupts CJK subsets: for TrueType fonts it writes a short `loca` table without padding odd-length
 * glyphs (later glyphs render blank), for CID-keyed CFF fonts (Noto Sans CJK/Hans OTF) it writes a
 * CFF that viewers reject. pdf-lib accepts any object with `create()`; the only difference is
 * that pdf-lib reads a subset through `encodeStream()`, which fontkit 2 replaced by `encode()`.
 */

type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];
type PdfLibFont = ReturnType<PdfLibFontkit['create']>;

export const INVOICE_FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
const INVOICE_FONT_FILE = `${INVOICE_FONT_PACKAGE}/400Regular/NotoSansSC_400Regular.ttf`;
/** The font's name inside each PDF: fixed, so the same invoice renders to the same bytes. */
export const INVOICE_FONT_NAME = 'NotoSansSC-Regular';

/**
 * Parsing the 10 MB font takes most of a render, so a parsed font is kept per byte array and
 * shared by the documents that embed it: pdf-lib only reads it, and each embedding makes its own
 * subset.
 */
const parsedFonts = new WeakMap<Uint8Array, PdfLibFont>();

export const pdfFontkit: PdfLibFontkit = {
  create(bytes, postscriptName): PdfLibFont {
    const cached = postscriptName === undefined ? parsedFonts.get(bytes) : undefined;
    if (cached) return cached;
    const font = createUpstreamFont(bytes, postscriptName);
    const createUpstreamSubset = font.createSubset.bind(font);
    const adapted = Object.assign(font, {
      createSubset() {
        const subset = createUpstreamSubset();
        return {
          includeGlyph: subset.includeGlyph.bind(subset),
          encodeStream: () => Readable.from([subset.encode()]),
        };
      },
    });
    if (postscriptName === undefined) parsedFonts.set(bytes, adapted);
    return adapted;
  },
};

let fontBytes: Promise<Uint8Array> | undefined;

/**
 * Read once per process. Resolved from the project root rather than this module's URL, so it
 * works the same under tsx, vitest and the Next.js server bundle.
 */
export function invoiceFontBytes(): Promise<Uint8Array> {
  fontBytes ??= readFile(createRequire(path.join(process.cwd(), 'package.json')).resolve(INVOICE_FONT_FILE)).catch(
    (error: unknown) => {
      fontBytes = undefined;
      throw error;
    },
  );
  return fontBytes;
}
