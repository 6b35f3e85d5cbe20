import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  invoiceCsvRates,
  invoiceCsvStream,
  invoiceCsvWebStream,
  writeInvoiceCsv,
  type InvoiceCsvRow,
} from './export-csv';

const BOM = '\uFEFF';
const STANDARD_HEADER =
  '发票号码 Number,开票日期 Date,购买方 Buyer,纳税人识别号 Taxpayer ID,' +
  '金额 Net 6%,税额 VAT 6%,价税合计 Gross 6%,金额 Net 9%,税额 VAT 9%,价税合计 Gross 9%,状态 Status';

const issued: InvoiceCsvRow = {
  number: '2026-000123',
  // Still 2026-03-11 in UTC, already 2026-03-12 in Shanghai.
  issuedAt: new Date('2026-03-11T17:30:00Z'),
  buyerName: '北京某某科技有限公司',
  buyerTaxpayerId: '91350100M000100Y43',
  totalsByRate: [
    { taxRate: '0.06', net: 15_000n, tax: 900n, gross: 15_900n },
    { taxRate: '0.09', net: 20_000n, tax: 1_800n, gross: 21_800n },
  ],
  status: 'issued',
};

const creditNote: InvoiceCsvRow = {
  number: '2026-000124',
  issuedAt: new Date('2026-03-20T02:00:00Z'),
  buyerName: 'Zhang, "San"',
  buyerTaxpayerId: null,
  totalsByRate: [{ taxRate: '0.060', net: -15_000n, tax: -900n, gross: -15_900n }],
  status: 'credit-note',
};

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await new Promise((resolve) => setImmediate(resolve));
    yield item;
  }
}

async function collect(stream: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

describe('invoice CSV export', () => {
  it('writes a BOM, a bilingual header and one row per invoice with amounts per rate as decimals', async () => {
    const csv = await collect(invoiceCsvStream(slowly([issued, creditNote])));
    expect(csv).toBe(
      BOM +
        STANDARD_HEADER +
        '\r\n' +
        '2026-000123,2026-03-12,北京某某科技有限公司,91350100M000100Y43,150.00,9.00,159.00,200.00,18.00,218.00,issued\r\n' +
        '2026-000124,2026-03-20,"Zhang, ""San""",,-150.00,-9.00,-159.00,,,,credit-note\r\n',
    );
  });

  it('starts with the UTF-8 byte order mark even when there are no invoices', async () => {
    const csv = await collect(invoiceCsvStream([]));
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toBe(BOM + STANDARD_HEADER + '\r\n');
  });

  it('adds columns for the other rates present, after 6 % and 9 %, in rate order', async () => {
    expect(invoiceCsvRates(['0.13', '0.09', '0.050', '0.13'])).toEqual(['0.06', '0.09', '0.05', '0.13']);
    const row: InvoiceCsvRow = { ...issued, totalsByRate: [{ taxRate: '0.13', net: 100n, tax: 13n, gross: 113n }] };
    const csv = await collect(invoiceCsvStream([row], { rates: ['0.13'] }));
    const [header, line] = csv.slice(1).split('\r\n');
    expect(header.endsWith('金额 Net 13%,税额 VAT 13%,价税合计 Gross 13%,状态 Status')).toBe(true);
    expect(line.endsWith(',,,,,,1.00,0.13,1.13,issued')).toBe(true);
  });

  it('fails the export rather than drop an amount at a rate without a column', async () => {
    const row: InvoiceCsvRow = { ...issued, totalsByRate: [{ taxRate: '0.13', net: 100n, tax: 13n, gross: 113n }] };
    await expect(collect(invoiceCsvStream([issued, row]))).rejects.toThrow(/13%.*no column/);
  });

  it('defuses text that a spreadsheet would run as a formula, but not negative amounts', async () => {
    const row: InvoiceCsvRow = { ...creditNote, buyerName: '=HYPERLINK("http://x")', status: '@status' };
    const csv = await collect(invoiceCsvStream([row]));
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain(",-150.00,-9.00,-159.00,");
    expect(csv).toContain(",'@status\r\n");
  });

  it('passes a failure of the row source on to the reader', async () => {
    async function* failing(): AsyncGenerator<InvoiceCsvRow> {
      yield issued;
      throw new Error('database went away');
    }
    await expect(collect(invoiceCsvStream(failing()))).rejects.toThrow('database went away');
  });

  it('streams into a Node writable and as a web stream', async () => {
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString('utf8');
        done();
      },
    });
    await writeInvoiceCsv([issued], sink);
    expect(written.startsWith(BOM + STANDARD_HEADER)).toBe(true);

    const fromWeb = await new Response(invoiceCsvWebStream(slowly([issued]))).text();
    // Response.text() strips a leading BOM as the Encoding standard says; the bytes carry it.
    expect(fromWeb).toBe(written.slice(1));
    const bytes = new Uint8Array(await new Response(invoiceCsvWebStream([issued])).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
