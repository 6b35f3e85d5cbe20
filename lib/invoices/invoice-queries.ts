import { aliasedTable, and, asc, desc, eq, gt, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { dayEnd, dayStart, isServiceDay } from '@/lib/billing/service-day';
import type { Db } from '@/lib/db/client';
import { keysetPages } from '@/lib/db/keyset';
import { customerAccounts, invoices, type StoredInvoiceDocument, type InvoiceBuyerSnapshot, type InvoiceKind, type InvoiceStatus, type InvoiceType } from '@/lib/db/schema';
import type { InvoiceCsvRow } from './export-csv';
import { isInvoiceId } from './invoice-records';
import { loadInvoiceDocument } from './stored-document';
import type { InvoiceDocument } from './invoice-document';
import type { ZipPdfFile } from './zip-pdfs';

/** One invoice as lists show it (never the PDF bytes). */
export interface InvoiceSummary {
  id: string;
  accountId: string;
  accountName: string;
  type: InvoiceType;
  kind: InvoiceKind;
  status: InvoiceStatus;
  buyer: InvoiceBuyerSnapshot;
  recipientEmails: string[];
  periodFrom: string;
  periodTo: string;
  net: bigint;
  tax: bigint;
  gross: bigint;
  document: InvoiceDocument;
  number: string | null;
  requestedAt: Date;
  issuedAt: Date | null;
  rejectedAt: Date | null;
  rejectReason: string | null;
  /** Credit notes: the number of the invoice reversed. Credited invoices: the credit note's number. */
  relatedNumber: string | null;
  hasPdf: boolean;
}

const related = aliasedTable(invoices, 'related');

const summaryColumns = {
  id: invoices.id,
  accountId: invoices.accountId,
  accountName: customerAccounts.name,
  type: invoices.type,
  kind: invoices.kind,
  status: invoices.status,
  buyer: invoices.buyer,
  recipientEmails: invoices.recipientEmails,
  periodFrom: invoices.periodFrom,
  periodTo: invoices.periodTo,
  net: invoices.netFen,
  tax: invoices.taxFen,
  gross: invoices.grossFen,
  document: invoices.document,
  number: invoices.number,
  requestedAt: invoices.requestedAt,
  issuedAt: invoices.issuedAt,
  rejectedAt: invoices.rejectedAt,
  rejectReason: invoices.rejectReason,
  relatedNumber: related.number,
  hasPdf: sql<boolean>`${invoices.pdf} is not null`,
};

function summaries(db: Db, where: SQL | undefined) {
  return db
    .select(summaryColumns)
    .from(invoices)
    .innerJoin(customerAccounts, eq(customerAccounts.id, invoices.accountId))
    // A credit note points at its invoice; a credited invoice is pointed at by its credit note.
    .leftJoin(related, or(eq(related.id, invoices.reversesInvoiceId), eq(related.reversesInvoiceId, invoices.id)))
    .where(where);
}

type SummaryRow = Omit<InvoiceSummary, 'document' | 'hasPdf'> & { document: StoredInvoiceDocument; hasPdf: unknown };

function toSummary(row: SummaryRow): InvoiceSummary {
  return { ...row, document: loadInvoiceDocument(row.document), hasPdf: Boolean(row.hasPdf) };
}

/** A customer's invoices and credit notes, newest first. */
export async function listAccountInvoices(db: Db, accountId: string, limit = 100): Promise<InvoiceSummary[]> {
  const rows = await summaries(db, eq(invoices.accountId, accountId))
    .orderBy(desc(sql`coalesce(${invoices.issuedAt}, ${invoices.requestedAt})`), desc(invoices.requestedAt))
    .limit(limit);
  return rows.map(toSummary);
}

export const financeStatusFilters = ['all', 'requested', 'issued', 'credit_note', 'credited', 'rejected'] as const;
export type FinanceStatusFilter = (typeof financeStatusFilters)[number];

export interface FinanceInvoiceFilter {
  status: FinanceStatusFilter;
  /** Calendar days (YYYY-MM-DD) in the billing time zone, inclusive; on the issue date of issued invoices, else the request date. */
  from?: string | null;
  to?: string | null;
  timeZone: string;
  /** One customer's documents only (their own records download). */
  accountId?: string;
}

/** The date the queue filters and sorts on: when issued, else when requested. */
const queueDate = sql`coalesce(${invoices.issuedAt}, ${invoices.requestedAt})`;

function statusCondition(status: FinanceStatusFilter): SQL | undefined {
  switch (status) {
    case 'all':
      return undefined;
    case 'issued':
      return and(eq(invoices.status, 'issued'), eq(invoices.type, 'invoice'));
    case 'credit_note':
      return eq(invoices.type, 'credit_note');
    default:
      return eq(invoices.status, status);
  }
}

function dateConditions(filter: Pick<FinanceInvoiceFilter, 'from' | 'to' | 'timeZone'>, column: SQL | typeof invoices.issuedAt): SQL[] {
  const conditions: SQL[] = [];
  if (filter.from && isServiceDay(filter.from)) conditions.push(sql`${column} >= ${dayStart(filter.from, filter.timeZone).toISOString()}::timestamptz`);
  if (filter.to && isServiceDay(filter.to)) conditions.push(sql`${column} < ${dayEnd(filter.to, filter.timeZone).toISOString()}::timestamptz`);
  return conditions;
}

function financeWhere(filter: FinanceInvoiceFilter): SQL | undefined {
  return and(statusCondition(filter.status), ...dateConditions(filter, queueDate), filter.accountId ? eq(invoices.accountId, filter.accountId) : undefined);
}

/** The finance queue: oldest requests first (first come, first served), the rest newest first. */
export async function listFinanceInvoices(db: Db, filter: FinanceInvoiceFilter, limit = 200): Promise<InvoiceSummary[]> {
  const order =
    filter.status === 'requested'
      ? [asc(invoices.requestedAt), asc(invoices.id)]
      : [sql`case when ${invoices.status} = 'requested' then 0 else 1 end`, desc(queueDate), desc(invoices.id)];
  const rows = await summaries(db, financeWhere(filter))
    .orderBy(...order)
    .limit(limit);
  return rows.map(toSummary);
}

export interface InvoicePdf {
  number: string;
  type: InvoiceType;
  pdf: Uint8Array;
}

/**
 * The frozen PDF of an issued invoice or credit note. With `accountId`, only that account's: any
 * other id is not found, exactly like an id that does not exist (no existence leak).
 */
export async function getInvoicePdf(db: Db, input: { invoiceId: string; accountId?: string }): Promise<InvoicePdf | null> {
  if (!isInvoiceId(input.invoiceId)) return null;
  const [row] = await db
    .select({ number: invoices.number, type: invoices.type, pdf: invoices.pdf })
    .from(invoices)
    .where(and(eq(invoices.id, input.invoiceId), input.accountId ? eq(invoices.accountId, input.accountId) : undefined, isNotNull(invoices.pdf)));
  if (!row?.number || !row.pdf) return null;
  return { number: row.number, type: row.type, pdf: row.pdf };
}

/** File name of an invoice PDF, in the archive and as a download. */
export function invoicePdfFileName(number: string): string {
  return `${number}.pdf`;
}

/** How many PDFs a filter selects and their total size, known before a ZIP is streamed. */
export async function countFinancePdfs(db: Db, filter: FinanceInvoiceFilter): Promise<{ files: number; bytes: number }> {
  const [row] = await db
    .select({ files: sql<string>`count(*)::text`, bytes: sql<string>`coalesce(sum(octet_length(${invoices.pdf})), 0)::text` })
    .from(invoices)
    .where(and(financeWhere(filter), isNotNull(invoices.pdf)));
  return { files: Number(row.files), bytes: Number(row.bytes) };
}

interface NumberKey {
  year: number | null;
  seq: number | null;
}

const numberKeyOf = (last: NumberKey): NumberKey => ({ year: last.year ?? 0, seq: last.seq ?? 0 });

/** Rows numbered after `after` (year, then sequence): keyset paging in number order. */
function afterNumber(after: NumberKey | null): SQL | undefined {
  if (!after) return undefined;
  const year = after.year ?? 0;
  return or(gt(invoices.numberYear, year), and(eq(invoices.numberYear, year), gt(invoices.numberSeq, after.seq ?? 0)));
}

const PDF_PAGE = 25;

/**
 * The PDFs a filter selects, oldest number first, read a page at a time (keyset on year and
 * sequence) so a ZIP of thousands of invoices never holds more than a page in memory.
 */
export async function* financePdfFiles(db: Db, filter: FinanceInvoiceFilter): AsyncGenerator<ZipPdfFile> {
  const pages = keysetPages(
    PDF_PAGE,
    (after: NumberKey | null) =>
      db
        .select({ number: invoices.number, year: invoices.numberYear, seq: invoices.numberSeq, issuedAt: invoices.issuedAt, pdf: invoices.pdf })
        .from(invoices)
        .where(and(financeWhere(filter), isNotNull(invoices.pdf), afterNumber(after)))
        .orderBy(asc(invoices.numberYear), asc(invoices.numberSeq))
        .limit(PDF_PAGE),
    numberKeyOf,
  );
  for await (const rows of pages) {
    for (const row of rows) {
      if (!row.number || !row.pdf) continue;
      yield { fileName: invoicePdfFileName(row.number), bytes: row.pdf, modifiedAt: row.issuedAt ?? undefined };
    }
  }
}

/** Filter of the accounting export: every numbered document issued in the date range. */
export interface CsvRange {
  from?: string | null;
  to?: string | null;
  timeZone: string;
}

function csvWhere(range: CsvRange): SQL | undefined {
  return and(isNotNull(invoices.number), ...dateConditions(range, invoices.issuedAt));
}

/** The tax rates present in a range, so the CSV has a column for each before its first row. */
export async function csvRates(db: Db, range: CsvRange): Promise<string[]> {
  const rows = await db
    .selectDistinct({ rate: sql<string>`(jsonb_array_elements(${invoices.document} -> 'totalsByRate') ->> 'taxRate')` })
    .from(invoices)
    .where(csvWhere(range));
  return rows.map((r) => r.rate);
}

/** The status column of the CSV: issued, credited (reversed by …) or a credit note (of …). */
function csvStatus(row: { type: InvoiceType; status: InvoiceStatus; relatedNumber: string | null }): string {
  if (row.type === 'credit_note') return `credit note of ${row.relatedNumber ?? ''}`.trim();
  if (row.status === 'credited') return `credited by ${row.relatedNumber ?? ''}`.trim();
  return row.status;
}

type CsvPageRow = NumberKey & {
  number: string | null;
  issuedAt: Date | null;
  buyer: InvoiceBuyerSnapshot;
  document: StoredInvoiceDocument;
  type: InvoiceType;
  status: InvoiceStatus;
  relatedNumber: string | null;
};

/** CSV rows for a date range in number order, a page at a time. */
export async function* invoiceCsvRows(db: Db, range: CsvRange): AsyncGenerator<InvoiceCsvRow> {
  const CSV_PAGE = 500;
  const pages = keysetPages(
    CSV_PAGE,
    (after: NumberKey | null): PromiseLike<CsvPageRow[]> =>
      db
        .select({
          number: invoices.number,
          year: invoices.numberYear,
          seq: invoices.numberSeq,
          issuedAt: invoices.issuedAt,
          buyer: invoices.buyer,
          document: invoices.document,
          type: invoices.type,
          status: invoices.status,
          relatedNumber: related.number,
        })
        .from(invoices)
        .leftJoin(related, or(eq(related.id, invoices.reversesInvoiceId), eq(related.reversesInvoiceId, invoices.id)))
        .where(and(csvWhere(range), afterNumber(after)))
        .orderBy(asc(invoices.numberYear), asc(invoices.numberSeq))
        .limit(CSV_PAGE),
    numberKeyOf,
  );
  for await (const rows of pages) {
    for (const row of rows) {
      const document = loadInvoiceDocument(row.document);
      yield {
        number: row.number ?? '',
        issuedAt: row.issuedAt ?? new Date(0),
        buyerName: row.buyer.name,
        buyerTaxpayerId: row.buyer.taxpayerId ?? null,
        totalsByRate: document.totalsByRate,
        status: csvStatus(row),
      };
    }
  }
}
