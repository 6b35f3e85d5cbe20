import { Readable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import Decimal from 'decimal.js';
import { csvChunks, spreadsheetSafe as textCell } from '@/lib/http/csv';
import { webStreamOf } from '@/lib/http/web-stream';
import { fenToDecimalString } from '@/lib/money';
import { calendarDateIn } from '@/lib/time/zoned-date';
import { normalizeTaxRate, taxRatePercent } from './invoice-document';
import { DEFAULT_BILLING_TIME_ZONE } from '@/lib/billing/rules';

/**
 * The finance CSV export (DESIGN.md "Invoices": CSV exports for a date range), streamed row by
 * row so a year of invoices never sits in memory.
 *
 * UTF-8 with a byte order mark (Excel otherwise reads Chinese names as mojibake), CRLF line
 * ends (RFC 4180). Amounts are plain decimal strings in yuan ("1234.56", "-106.00") so an
 * accounting import reads them as numbers; a rate the invoice has no lines at is left empty.
 */

export interface InvoiceCsvRow {
  number: string;
  issuedAt: Date;
  buyerName: string;
  buyerTaxpayerId: string | null;
  totalsByRate: ReadonlyArray<{ taxRate: string; net: bigint; tax: bigint; gross: bigint }>;
  status: string;
}

export interface InvoiceCsvOptions {
  /**
   * Rates to give columns besides 6 % and 9 % (e.g. the distinct rates of the invoices in the
   * range). The columns are fixed before the first row is written, so a row with a rate that has
   * no column fails the export instead of dropping money silently.
   */
  rates?: readonly string[];
  /** Zone of the dates printed; the billing time zone. */
  timeZone?: string;
}

const STANDARD_RATES = ['0.06', '0.09'];

/** The rate columns in order: 6 %, 9 %, then the others ascending. */
export function invoiceCsvRates(extra: readonly string[] = []): string[] {
  const others = [...new Set(extra.map(normalizeTaxRate))]
    .filter((rate) => !STANDARD_RATES.includes(rate))
    .sort((a, b) => new Decimal(a).comparedTo(b));
  return [...STANDARD_RATES, ...others];
}

export function invoiceCsvHeader(rates: readonly string[]): string[] {
  return [
    '发票号码 Number',
    '开票日期 Date',
    '购买方 Buyer',
    '纳税人识别号 Taxpayer ID',
    ...rates.flatMap((rate) => {
      const percent = taxRatePercent(rate);
      return [`金额 Net ${percent}`, `税额 VAT ${percent}`, `价税合计 Gross ${percent}`];
    }),
    '状态 Status',
  ];
}

async function* csvRecords(
  rows: AsyncIterable<InvoiceCsvRow> | Iterable<InvoiceCsvRow>,
  rates: readonly string[],
  timeZone: string,
): AsyncGenerator<string[]> {
  for await (const row of rows) {
    const byRate = new Map<string, InvoiceCsvRow['totalsByRate'][number]>();
    for (const total of row.totalsByRate) {
      const rate = normalizeTaxRate(total.taxRate);
      if (!rates.includes(rate)) {
        throw new RangeError(
          `invoice ${row.number} has lines at ${taxRatePercent(rate)}, which has no column ` +
            `(${rates.map(taxRatePercent).join(', ')}); pass it in options.rates`,
        );
      }
      if (byRate.has(rate)) throw new RangeError(`invoice ${row.number} lists the rate ${rate} twice`);
      byRate.set(rate, total);
    }
    yield [
      textCell(row.number),
      calendarDateIn(row.issuedAt, timeZone),
      textCell(row.buyerName),
      textCell(row.buyerTaxpayerId ?? ''),
      ...rates.flatMap((rate) => {
        const total = byRate.get(rate);
        if (!total) return ['', '', ''];
        return [fenToDecimalString(total.net), fenToDecimalString(total.tax), fenToDecimalString(total.gross)];
      }),
      textCell(row.status),
    ];
  }
}

async function* oneRecordBatches(records: AsyncIterable<string[]>): AsyncGenerator<string[][]> {
  for await (const record of records) yield [record];
}

/** The CSV as a Node stream of bytes; a failing row source or row destroys it with the error. */
export function invoiceCsvStream(
  rows: AsyncIterable<InvoiceCsvRow> | Iterable<InvoiceCsvRow>,
  options: InvoiceCsvOptions = {},
): Readable {
  const rates = invoiceCsvRates(options.rates);
  const records = csvRecords(rows, rates, options.timeZone ?? DEFAULT_BILLING_TIME_ZONE);
  return Readable.from(bytes(csvChunks(invoiceCsvHeader(rates), oneRecordBatches(records))), { objectMode: false });
}

async function* bytes(chunks: AsyncIterable<string>): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) yield Buffer.from(chunk, 'utf8');
}

export async function writeInvoiceCsv(
  rows: AsyncIterable<InvoiceCsvRow> | Iterable<InvoiceCsvRow>,
  output: Writable,
  options: InvoiceCsvOptions = {},
): Promise<void> {
  await pipelineAsync(invoiceCsvStream(rows, options), output);
}

/** For a route handler: `new Response(invoiceCsvWebStream(rows), { headers: … })`. */
export function invoiceCsvWebStream(
  rows: AsyncIterable<InvoiceCsvRow> | Iterable<InvoiceCsvRow>,
  options: InvoiceCsvOptions = {},
): ReadableStream<Uint8Array> {
  return webStreamOf(invoiceCsvStream(rows, options));
}
