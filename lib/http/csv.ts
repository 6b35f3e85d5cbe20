import { stringify } from 'csv-stringify/sync';

/**
 * Text a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets an
 * apostrophe first. For text cells from outside (names, references, ids); amounts are meant to
 * start with "-". The one guard of every CSV export.
 */
export function spreadsheetSafe(value: string | null | undefined): string {
  if (!value) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * A CSV file as text chunks: a byte-order mark (so spreadsheets read Chinese text as UTF-8) and
 * the header, even when there are no rows, then each batch of records as it is read. The one CSV
 * pipeline of the exports (charges, top-ups, activity records, invoices).
 */
export async function* csvChunks(
  header: readonly string[],
  batches: AsyncIterable<string[][]> | Iterable<string[][]>,
  options: { recordDelimiter?: 'windows' | 'unix' } = {},
): AsyncGenerator<string> {
  const format = { record_delimiter: options.recordDelimiter ?? 'windows' } as const;
  yield `\uFEFF${stringify([[...header]], format)}`;
  for await (const records of batches) {
    if (records.length > 0) yield stringify(records, format);
  }
}
