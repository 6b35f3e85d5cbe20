import { viewerRoute } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { invoiceCsvWebStream } from '@/lib/invoices/export-csv';
import { financeFilterFrom } from '@/lib/invoices/finance-filter';
import { csvRates, invoiceCsvRows } from '@/lib/invoices/invoice-queries';

/** Finance: the accounting CSV of every invoice and credit note issued in the date range. */
export const GET = viewerRoute({ policy: 'GET /api/finance/invoices/csv' }, async (request) => {
  const url = new URL(request.url);
  const timeZone = config().billingTimeZone;
  const { from, to } = financeFilterFrom(Object.fromEntries(url.searchParams), timeZone);
  const db = getDb();
  const range = { from, to, timeZone };
  const rates = await csvRates(db, range);
  const name = ['invoices', from, to].filter(Boolean).join('-');
  return new Response(invoiceCsvWebStream(invoiceCsvRows(db, range), { rates, timeZone }), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
});
