import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import { create as createFont } from 'fontkit';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildInvoiceDocument, creditNoteDocument, type CoveredChargeLine } from './invoice-document';
import { renderInvoicePdf, type InvoicePdfInput } from './render-pdf';

/** Text of a PDF as poppler's pdftotext reads it (layout mode keeps a table row on one line). */
function pdfText(bytes: Uint8Array): string {
  try {
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      throw new Error(
        'pdftotext is not installed; the invoice PDF tests need it to read the rendered text. ' +
          'Install poppler-utils (apt-get update && apt-get install -y poppler-utils).',
      );
    }
    throw error;
  }
}

/** A table row as one line of text: its cells in order, separated by any run of spaces. */
function rowPattern(...cells: string[]): RegExp {
  const escaped = cells.map((cell) => cell.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('\\s+'));
}

function charge(service: string, taxRate: '0.06' | '0.09', net: bigint): CoveredChargeLine {
  const tax = (net * (taxRate === '0.06' ? 6n : 9n) + 50n) / 100n; // half up for positive nets
  return { service, taxRate, net, tax, gross: net + tax };
}

const parties = {
  number: '2026-000123',
  // 2026-03-12 01:30 in Shanghai is still 2026-03-11 in UTC: the date printed is Shanghai's.
  issuedAt: new Date('2026-03-11T17:30:00Z'),
  kind: 'special' as const,
  seller: {
    name: '上海示例云计算有限公司',
    taxId: '91310000MA1FL4T80D',
    address: '上海市浦东新区世纪大道100号 021-12345678',
    bank: '招商银行上海分行 121900000010001',
  },
  buyer: {
    name: '北京某某科技有限公司',
    taxpayerId: '91350100M000100Y43',
    address: '北京市海淀区中关村大街1号',
    phone: '010-88888888',
    bank: '中国工商银行北京分行',
    account: '0200000000000000000',
  },
};

const invoice: InvoicePdfInput = {
  ...buildInvoiceDocument([
    charge('信息技术服务*云服务器', '0.06', 10_000n),
    charge('基础电信服务*带宽租用', '0.09', 20_000n),
    charge('信息技术服务*云服务器', '0.06', 5_000n),
  ]),
  ...parties,
};

describe('renderInvoicePdf', () => {
  it('prints each VAT line, the subtotals per rate, the totals and the total in capitals', async () => {
    const text = pdfText(await renderInvoicePdf(invoice));

    expect(text).toContain('增值税专用发票');
    expect(text).toContain('VAT Special Invoice');
    expect(text).toMatch(rowPattern('发票号码 Invoice No.', '2026-000123'));
    expect(text).toMatch(rowPattern('开票日期 Date of issue', '2026-03-12'));
    for (const name of ['北京某某科技有限公司', '91350100M000100Y43', '上海示例云计算有限公司', '91310000MA1FL4T80D']) {
      expect(text).toContain(name);
    }
    expect(text).toMatch(rowPattern('信息技术服务*云服务器', '6%', '¥150.00', '¥9.00', '¥159.00'));
    expect(text).toMatch(rowPattern('基础电信服务*带宽租用', '9%', '¥200.00', '¥18.00', '¥218.00'));
    expect(text).toMatch(rowPattern('小计 Subtotal', '6%', '¥150.00', '¥9.00', '¥159.00'));
    expect(text).toMatch(rowPattern('小计 Subtotal', '9%', '¥200.00', '¥18.00', '¥218.00'));
    expect(text).toMatch(rowPattern('合计 Total', '¥350.00', '¥27.00', '¥377.00'));
    expect(invoice.totalInCapitals).toBe('叁佰柒拾柒元整');
    expect(text).toMatch(rowPattern('价税合计（大写）', 'Total in words', '叁佰柒拾柒元整', '（小写）', 'In figures', '¥377.00'));
    expect(text).not.toContain('红字发票');
  });

  it('marks a credit note in red with the reversed invoice, negative amounts and 负 capitals', async () => {
    const text = pdfText(
      await renderInvoicePdf({
        ...creditNoteDocument(invoice),
        ...parties,
        kind: 'general',
        number: '2026-000124',
        creditNoteOf: '2026-000123',
      }),
    );
    expect(text).toContain('红字发票 Credit note');
    expect(text).toContain('增值税普通发票');
    expect(text).toMatch(rowPattern('对应蓝字发票号码 Reverses invoice No.', '2026-000123'));
    expect(text).toMatch(rowPattern('合计 Total', '-¥350.00', '-¥27.00', '-¥377.00'));
    expect(text).toContain('负叁佰柒拾柒元整');
  });

  it('prints only the buyer fields a general invoice title has', async () => {
    const text = pdfText(
      await renderInvoicePdf({ ...invoice, kind: 'general', buyer: { name: '张三' } }),
    );
    expect(text).toContain('张三');
    expect(text).not.toContain('Address, phone');
    // Only the seller's taxpayer ID and bank rows remain.
    expect(text.match(/纳税人识别号/g)).toHaveLength(1);
    expect(text.match(/开户行及账号/g)).toHaveLength(1);
  });

  it('renders the same input to the same bytes', async () => {
    const first = await renderInvoicePdf(invoice);
    const second = await renderInvoicePdf(invoice);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('sets the document dates from the issue time and a fixed producer', async () => {
    const pdf = await PDFDocument.load(await renderInvoicePdf(invoice), { updateMetadata: false });
    expect(pdf.getCreationDate()?.toISOString()).toBe('2026-03-11T17:30:00.000Z');
    expect(pdf.getModificationDate()?.toISOString()).toBe('2026-03-11T17:30:00.000Z');
    expect(pdf.getProducer()).toBe('Account Portal');
  });

  it('embeds a small subset of the CJK font whose every glyph has a readable outline', async () => {
    const bytes = await renderInvoicePdf(invoice);
    // The whole font is 10 MB; a subset of the glyphs used is a few kilobytes.
    expect(bytes.length).toBeLessThan(200_000);

    const pdf = await PDFDocument.load(bytes);
    const fontFiles = pdf.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((object): object is PDFDict => object instanceof PDFDict && object.has(PDFName.of('FontFile2')))
      .map((descriptor) => descriptor.lookup(PDFName.of('FontFile2')));
    expect(fontFiles).toHaveLength(1);
    const fontFile = fontFiles[0];
    if (!(fontFile instanceof PDFRawStream)) throw new Error('FontFile2 is not a stream');
    const font = createFont(inflateSync(fontFile.getContents()));
    expect(font.numGlyphs).toBeGreaterThan(50);
    expect(font.numGlyphs).toBeLessThan(400);
    // A corrupted subset (misaligned loca offsets) throws or yields empty outlines here.
    let inked = 0;
    for (let id = 1; id < font.numGlyphs; id += 1) {
      const glyph = font.getGlyph(id);
      if (glyph.path.toSVG() !== '') inked += 1;
    }
    expect(inked).toBeGreaterThanOrEqual(font.numGlyphs - 3); // the space glyphs have no outline
  });

  it('continues a long invoice on further pages, with the totals and capitals at the end', async () => {
    const many = buildInvoiceDocument(
      Array.from({ length: 90 }, (_, index) => charge(`信息技术服务*云服务器 ${String(index).padStart(2, '0')}`, '0.06', 100n)),
    );
    const bytes = await renderInvoicePdf({ ...many, ...parties });
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThan(1);
    const text = pdfText(bytes);
    expect(text).toContain('（续 continued）');
    expect(text).toMatch(rowPattern('信息技术服务*云服务器 89', '6%', '¥1.00', '¥0.06', '¥1.06'));
    expect(text).toMatch(rowPattern('合计 Total', '¥90.00', '¥5.40', '¥95.40'));
    expect(text).toContain('玖拾伍元肆角整');
    expect(text).toContain(`Page ${pdf.getPageCount()} of ${pdf.getPageCount()}`);
  });
});
